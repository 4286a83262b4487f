-- What the filter chain knows about an author's posts in a community (moderation.AuthorFacts), kept in one small
-- row per community and author instead of counted from the author's whole history on every post they send:
--   accepted_posts  the author's posts the community accepted or approved (newcomer probation: the first N posts)
--   last_post_at    when the author last posted there, accepted, approved or held (slow mode)
-- exactly what was counted before from moderation_items (kind 'post'). Row triggers on moderation_items keep it in
-- the same transaction as every change of an item: a review stored, a held post approved or declined, an item
-- deleted (also when its community is). A decline or a deletion of the author's latest post finds the one before
-- it through moderation_by_author. An author with no such post has no row (0 and none).
CREATE TABLE author_posting (
  community_id   bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  author_id      text NOT NULL,
  accepted_posts bigint NOT NULL DEFAULT 0,
  last_post_at   timestamptz,
  PRIMARY KEY (community_id, author_id)
);

CREATE FUNCTION author_posting_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_counted boolean := false;
  was_recent  boolean := false;
  is_counted  boolean := false;
  is_recent   boolean := false;
  same_row    boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was_counted := OLD.kind = 'post' AND OLD.state IN ('accepted', 'approved');
    was_recent := OLD.kind = 'post' AND OLD.state IN ('accepted', 'approved', 'held');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    is_counted := NEW.kind = 'post' AND NEW.state IN ('accepted', 'approved');
    is_recent := NEW.kind = 'post' AND NEW.state IN ('accepted', 'approved', 'held');
  END IF;
  IF TG_OP = 'UPDATE' THEN
    same_row := OLD.community_id = NEW.community_id AND OLD.author_id = NEW.author_id
      AND OLD.created_at = NEW.created_at;
  END IF;
  -- what the old row counted and no longer counts
  IF was_recent AND NOT (same_row AND is_recent) THEN
    UPDATE author_posting p SET
      accepted_posts = p.accepted_posts - CASE WHEN was_counted AND NOT (same_row AND is_counted) THEN 1 ELSE 0 END,
      last_post_at = CASE WHEN p.last_post_at > OLD.created_at THEN p.last_post_at
        ELSE (SELECT max(i.created_at) FROM moderation_items i WHERE i.community_id = OLD.community_id
              AND i.author_id = OLD.author_id AND i.kind = 'post' AND i.state IN ('accepted', 'approved', 'held')) END
      WHERE p.community_id = OLD.community_id AND p.author_id = OLD.author_id;
  ELSIF was_counted AND NOT (same_row AND is_counted) THEN
    UPDATE author_posting SET accepted_posts = accepted_posts - 1
      WHERE community_id = OLD.community_id AND author_id = OLD.author_id;
  END IF;
  -- what the new row counts and the old one did not
  IF is_recent AND NOT (same_row AND was_recent) THEN
    INSERT INTO author_posting AS p (community_id, author_id, accepted_posts, last_post_at)
      VALUES (NEW.community_id, NEW.author_id, CASE WHEN is_counted THEN 1 ELSE 0 END, NEW.created_at)
      ON CONFLICT (community_id, author_id) DO UPDATE SET
        accepted_posts = p.accepted_posts + EXCLUDED.accepted_posts,
        last_post_at = GREATEST(p.last_post_at, EXCLUDED.last_post_at);
  ELSIF is_counted AND NOT (same_row AND was_counted) THEN
    UPDATE author_posting SET accepted_posts = accepted_posts + 1
      WHERE community_id = NEW.community_id AND author_id = NEW.author_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER author_posting_insert AFTER INSERT ON moderation_items
  FOR EACH ROW WHEN (NEW.kind = 'post' AND NEW.state IN ('accepted', 'approved', 'held'))
  EXECUTE FUNCTION author_posting_changed();
CREATE TRIGGER author_posting_update AFTER UPDATE OF state, kind, community_id, author_id, created_at ON moderation_items
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.kind IS DISTINCT FROM NEW.kind
                     OR OLD.community_id IS DISTINCT FROM NEW.community_id OR OLD.author_id IS DISTINCT FROM NEW.author_id
                     OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION author_posting_changed();
CREATE TRIGGER author_posting_delete AFTER DELETE ON moderation_items
  FOR EACH ROW WHEN (OLD.kind = 'post' AND OLD.state IN ('accepted', 'approved', 'held'))
  EXECUTE FUNCTION author_posting_changed();

INSERT INTO author_posting (community_id, author_id, accepted_posts, last_post_at)
SELECT community_id, author_id, count(*) FILTER (WHERE state IN ('accepted', 'approved')), max(created_at)
  FROM moderation_items WHERE kind = 'post' AND state IN ('accepted', 'approved', 'held')
  GROUP BY community_id, author_id;
