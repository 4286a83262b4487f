-- Board vote counts kept by the database as each vote changes (a delta under the idea's row lock), not recounted by
-- a statement whose sum a concurrent vote's transaction could overwrite with its older snapshot under READ COMMITTED.
CREATE FUNCTION board_vote_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND (TG_OP = 'DELETE' OR OLD.idea_id <> NEW.idea_id) THEN
    UPDATE board_ideas SET votes = votes - OLD.value, updated_at = now() WHERE id = OLD.idea_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.idea_id <> NEW.idea_id) THEN
    UPDATE board_ideas SET votes = votes + NEW.value, updated_at = now() WHERE id = NEW.idea_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE board_ideas SET votes = votes + NEW.value - OLD.value, updated_at = now() WHERE id = NEW.idea_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER board_vote_counted AFTER INSERT OR UPDATE OR DELETE ON board_votes
  FOR EACH ROW EXECUTE FUNCTION board_vote_counted();

-- A like taken back still takes back the member's vote (as in V57); the count follows from board_vote_counted.
CREATE OR REPLACE FUNCTION board_like_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  idea bigint;
BEGIN
  SELECT id INTO idea FROM board_ideas WHERE community_id = OLD.community_id AND object_id = OLD.object_id;
  IF idea IS NULL OR EXISTS (SELECT 1 FROM likes l WHERE l.community_id = OLD.community_id
                               AND l.object_id = OLD.object_id AND l.actor_id = OLD.actor_id) THEN
    RETURN NULL;
  END IF;
  DELETE FROM board_votes WHERE idea_id = idea AND voter = OLD.actor_id AND value = 1;
  RETURN NULL;
END $$;

-- The counts as they stand, once, so the deltas start from the votes' sum.
UPDATE board_ideas i SET votes = v.total
  FROM (SELECT b.id, coalesce(sum(bv.value), 0)::int AS total
          FROM board_ideas b LEFT JOIN board_votes bv ON bv.idea_id = b.id GROUP BY b.id) v
 WHERE v.id = i.id AND i.votes <> v.total;
