-- Issue 12, items 8 and 11.

-- Failed sign-ins are also counted per account name, whichever address they come from; and the daily clean-up
-- finds old attempts by their time.
CREATE INDEX login_attempts_by_username ON login_attempts (username, kind, at) WHERE username IS NOT NULL;
CREATE INDEX login_attempts_by_age ON login_attempts (at);

-- The payment webhook requires its delivery id, and a signed request is applied once whatever delivery id it is sent
-- with: the signature (over timestamp and body) is remembered too, so a replay inside the five-minute window under a
-- new X-Hearth-Delivery is recognised.
ALTER TABLE webhook_deliveries ADD COLUMN signature text;
CREATE UNIQUE INDEX webhook_deliveries_signature ON webhook_deliveries (community_id, signature);
