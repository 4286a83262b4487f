-- The member count (V8) is changed at commit, not at the write: the triggers become deferred constraint triggers.
-- Every accepted join updates its community's row; as a plain row trigger that row stayed locked for the rest of
-- the join's transaction (the Accept, its delivery, the history, the welcome message), so joins to one community
-- queued behind each other's whole transactions, holding a database connection each while they waited. Deferred,
-- the row is locked only while the transaction commits. The count stays exact: the trigger still runs in every
-- writer's transaction, with the row values of the change it counts.
DROP TRIGGER members_count_insert ON members;
DROP TRIGGER members_count_update ON members;
DROP TRIGGER members_count_delete ON members;

CREATE CONSTRAINT TRIGGER members_count_insert AFTER INSERT ON members
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.state = 'accepted') EXECUTE FUNCTION members_count_changed();
CREATE CONSTRAINT TRIGGER members_count_update AFTER UPDATE OF state, community_id ON members
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.community_id IS DISTINCT FROM NEW.community_id)
  EXECUTE FUNCTION members_count_changed();
CREATE CONSTRAINT TRIGGER members_count_delete AFTER DELETE ON members
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.state = 'accepted') EXECUTE FUNCTION members_count_changed();
