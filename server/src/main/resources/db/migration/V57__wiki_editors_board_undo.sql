-- Issue 19, the gaps: members staff trust to edit the wiki; undone likes and dislikes take back board votes; the
-- community's status replies are posts of its thread.

-- The members a community's staff trust to edit its wiki (an actor IRI each; WikiEditors.mayEdit decides).
CREATE TABLE wiki_editors (
  community_id  bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id      text NOT NULL,
  added_by      text NOT NULL,
  added_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, actor_id)
);

-- The activity a vote came from (a Dislike's id), so an Undo that names it only by id takes the vote back.
ALTER TABLE board_votes ADD COLUMN activity text;
CREATE INDEX board_votes_by_voter ON board_votes (voter);

-- A like taken back (Undo{Like}, Undo{EmojiReact}, the account gone) takes back the member's vote for the idea, in
-- the same transaction, unless another like of theirs (a Like and an EmojiReact) still stands. A vote against
-- (Lemmy's Dislike) is not a like and stays.
CREATE FUNCTION board_like_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  idea bigint;
BEGIN
  SELECT id INTO idea FROM board_ideas WHERE community_id = OLD.community_id AND object_id = OLD.object_id;
  IF idea IS NULL OR EXISTS (SELECT 1 FROM likes l WHERE l.community_id = OLD.community_id
                               AND l.object_id = OLD.object_id AND l.actor_id = OLD.actor_id) THEN
    RETURN NULL;
  END IF;
  DELETE FROM board_votes WHERE idea_id = idea AND voter = OLD.actor_id AND value = 1;
  IF FOUND THEN
    UPDATE board_ideas SET votes = (SELECT coalesce(sum(value), 0) FROM board_votes WHERE idea_id = idea),
      updated_at = now() WHERE id = idea;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER board_like_withdrawn AFTER DELETE ON likes
  FOR EACH ROW EXECUTE FUNCTION board_like_withdrawn();

-- The status replies published before this version, as the community's posts in the idea's thread (their rendering
-- is made when a page first reads them).
INSERT INTO posts (community_id, object_id, author_id, type, content, in_reply_to, object)
SELECT i.community_id, r.iri, r.json::jsonb->>'attributedTo', 'Note', r.json::jsonb->>'content', i.object_id,
       r.json::jsonb
  FROM board_replies r JOIN board_ideas i ON i.id = r.idea_id
ON CONFLICT (community_id, object_id) DO NOTHING;
