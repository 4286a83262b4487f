-- A post a filter refused may be published anyway by a moderator ("overturn", issue 15): its item keeps the reasons
-- it was refused for and is marked overturned, with who decided and when. (filters.enabled exists since V5.)
ALTER TABLE moderation_items DROP CONSTRAINT moderation_items_state_check;
ALTER TABLE moderation_items ADD CONSTRAINT moderation_items_state_check
  CHECK (state IN ('accepted', 'held', 'rejected', 'approved', 'declined', 'overturned'));
