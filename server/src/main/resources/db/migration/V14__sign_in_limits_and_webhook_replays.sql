-- Issue 12, items 8 and 11.

-- Failed sign-ins are also counted per account name, whichever address they come from; and the daily clean-up
-- finds old attempts by their time.
CREATE INDEX login_attempts_by_username ON login_attempts (username, kind, at) WHERE username IS NOT NULL;
CREATE INDEX login_attempts_by_age ON login_attempts (at);
