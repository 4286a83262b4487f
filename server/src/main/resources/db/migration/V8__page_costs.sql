-- The community page without per-view scans: the member count is stored, and the post list, reply counts and
-- popular tags read indexes instead of every post of the community.

-- Accepted members per community, kept by triggers on members: every writer (joins, approvals, leaves, removals,
-- bans, expiry, Move, domain blocks, plain SQL) changes it in its own transaction, so it cannot drift.
ALTER TABLE communities ADD COLUMN member_count bigint NOT NULL DEFAULT 0;

CREATE FUNCTION members_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'accepted' THEN
    UPDATE communities SET member_count = member_count - 1 WHERE id = OLD.community_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'accepted' THEN
    UPDATE communities SET member_count = member_count + 1 WHERE id = NEW.community_id;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION members_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE communities SET member_count = 0 WHERE member_count <> 0;
  RETURN NULL;
END $$;

-- Only changes that move a row into or out of 'accepted' (or to another community) touch communities: a role,
-- expiry or reminder update, or a repeated Follow of an accepted member, does not.
CREATE TRIGGER members_count_insert AFTER INSERT ON members
  FOR EACH ROW WHEN (NEW.state = 'accepted') EXECUTE FUNCTION members_count_changed();
CREATE TRIGGER members_count_update AFTER UPDATE OF state, community_id ON members
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.community_id IS DISTINCT FROM NEW.community_id)
  EXECUTE FUNCTION members_count_changed();
CREATE TRIGGER members_count_delete AFTER DELETE ON members
  FOR EACH ROW WHEN (OLD.state = 'accepted') EXECUTE FUNCTION members_count_changed();
CREATE TRIGGER members_count_truncate AFTER TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION members_count_truncated();

-- Counted after the triggers exist: creating them locked members against writes until this migration commits, so
-- a node still running the previous version cannot add a member between the count and the triggers.
UPDATE communities c SET member_count = (SELECT count(*) FROM members m WHERE m.community_id = c.id AND m.state = 'accepted');

-- Live posts newest first: the page's post list (walked in order until a page of top-level posts is found), the
-- feed, topic pages and the popular tags (the latest 500 posts).
CREATE INDEX posts_live_by_time ON posts (community_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
-- Live replies to a post: the reply count shown under every post, the replies under a post, the thread page.
CREATE INDEX posts_live_replies ON posts (community_id, in_reply_to) WHERE deleted_at IS NULL;
-- Join requests: the staff dashboard's counts and the list of requests, without reading every member.
CREATE INDEX members_pending ON members (community_id, joined_at) WHERE state = 'pending';
