-- Recognition (issue 18): an append-only ledger of points per community and member. Entries are written by row
-- triggers in the same transaction as what earns them or takes them back, whichever code path writes it (a post
-- accepted at once or approved from the queue, a reply, a like and its Undo, an RSVP, a poll vote, a removal, a ban):
--   post             the member's post was accepted                          (source: the post, post: the post)
--   reply            another member replied to the member's post             (source: the reply, post: the post)
--   like             another member liked the member's post                  (source: the Like, post: the post)
--   newcomer_answer  the member answered a newcomer's first post            (source: the reply, post: the first post)
--   event            the member goes to an event                             (source: event:<id>)
--   vote             the member voted in a community's poll                  (source: the poll)
--   staff            a staff member awarded or took points, with a reason   (by_whom, reason)
--   reversal         an entry taken back (reverses: its id; reason: post_removed, like_withdrawn, event_left,
--                    member_banned, member_removed)
-- Nothing is earned from oneself (a self-reply, a self-like), from or by a non-member, or past a kind's daily cap
-- (per member, per UTC day). Entries are never updated or deleted (except with their community).
CREATE TABLE recognition_settings (
  community_id bigint PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
  weights      jsonb NOT NULL DEFAULT '{}',
  caps         jsonb NOT NULL DEFAULT '{}',
  public_board boolean NOT NULL DEFAULT false
);

CREATE TABLE points_ledger (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  points       int NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('post', 'reply', 'like', 'newcomer_answer', 'event', 'vote', 'staff',
                                             'reversal')),
  source       text,
  post         text,
  from_actor   text,
  reason       text,
  by_whom      text,
  reverses     bigint UNIQUE REFERENCES points_ledger (id),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX points_by_actor ON points_ledger (community_id, actor_id, at);
CREATE INDEX points_by_time ON points_ledger (community_id, at);
CREATE INDEX points_by_source ON points_ledger (community_id, source);
CREATE INDEX points_by_post ON points_ledger (community_id, post);
CREATE INDEX points_by_from ON points_ledger (community_id, from_actor);

-- Members who asked to leave the public leaderboard ("hide me"): never shown there again.
CREATE TABLE board_hidden (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, actor_id)
);

-- Answers to newcomers' first posts (the leaders page and the analytics' response time): one row per first post
-- and answering member, with how long the answer took.
CREATE TABLE newcomer_answers (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  post         text NOT NULL,
  newcomer     text NOT NULL,
  answerer     text NOT NULL,
  reply        text NOT NULL,
  seconds      bigint NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, post, answerer)
);
CREATE INDEX newcomer_answers_by_answerer ON newcomer_answers (community_id, answerer);

-- What the leaders page counts per member besides points: replies to other members, events attended.
CREATE TABLE member_contributions (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  replies      bigint NOT NULL DEFAULT 0,
  events       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, actor_id)
);

-- A kind's weight and daily cap: the community's setting, else the default.
CREATE FUNCTION recognition_rule(c bigint, k text, OUT points int, OUT cap int) LANGUAGE sql STABLE AS $$
  SELECT COALESCE((s.weights ->> k)::int, d.points), COALESCE((s.caps ->> k)::int, d.cap)
    FROM (VALUES ('post', 5, 10), ('reply', 2, 20), ('like', 1, 30), ('newcomer_answer', 10, 5), ('event', 5, 3),
                 ('vote', 1, 5)) AS d (kind, points, cap)
    LEFT JOIN recognition_settings s ON s.community_id = c
   WHERE d.kind = k
$$;

CREATE FUNCTION recognition_member(c bigint, who text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM members WHERE community_id = c AND actor_id = who AND state = 'accepted')
$$;

-- One earning entry, unless the weight is 0, the daily cap is reached or the same thing already earned it.
CREATE FUNCTION recognition_earn(c bigint, who text, k text, src text, about text, from_who text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM recognition_rule(c, k);
  IF r.points IS NULL OR r.points <= 0 THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM points_ledger l WHERE l.community_id = c AND l.source = src AND l.actor_id = who
               AND l.kind = k AND NOT EXISTS (SELECT 1 FROM points_ledger x WHERE x.reverses = l.id)) THEN
    RETURN;
  END IF;
  IF (SELECT count(*) FROM points_ledger l WHERE l.community_id = c AND l.actor_id = who AND l.kind = k
        AND l.at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') >= r.cap THEN
    RETURN;
  END IF;
  INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, from_actor)
    VALUES (c, who, r.points, k, src, about, from_who);
END $$;

-- Takes back every entry matched (not staff entries, not reversals, not already taken back).
CREATE FUNCTION recognition_take_back(c bigint, why text, by_source text, by_post text, by_from text) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, from_actor, reason, reverses)
  SELECT l.community_id, l.actor_id, -l.points, 'reversal', l.source, l.post, l.from_actor, why, l.id
    FROM points_ledger l
   WHERE l.community_id = c AND l.kind NOT IN ('staff', 'reversal')
     AND ((by_source IS NOT NULL AND l.source = by_source) OR (by_post IS NOT NULL AND l.post = by_post)
          OR (by_from IS NOT NULL AND l.from_actor = by_from))
     AND NOT EXISTS (SELECT 1 FROM points_ledger x WHERE x.reverses = l.id)
  ON CONFLICT (reverses) DO NOTHING
$$;

CREATE FUNCTION recognition_post_stored() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent record;
BEGIN
  IF NOT recognition_member(NEW.community_id, NEW.author_id) THEN
    RETURN NULL;
  END IF;
  PERFORM recognition_earn(NEW.community_id, NEW.author_id, 'post', NEW.object_id, NEW.object_id, NEW.author_id);
  IF NEW.in_reply_to IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT id, object_id, author_id, created_at INTO parent FROM posts
   WHERE community_id = NEW.community_id AND object_id = NEW.in_reply_to AND deleted_at IS NULL;
  IF NOT FOUND OR parent.author_id = NEW.author_id OR NOT recognition_member(NEW.community_id, parent.author_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO member_contributions AS m (community_id, actor_id, replies) VALUES (NEW.community_id, NEW.author_id, 1)
    ON CONFLICT (community_id, actor_id) DO UPDATE SET replies = m.replies + 1;
  PERFORM recognition_earn(NEW.community_id, parent.author_id, 'reply', NEW.object_id, parent.object_id,
                           NEW.author_id);
  -- the parent is a newcomer's first post: the author has no earlier post here
  IF NOT EXISTS (SELECT 1 FROM posts p WHERE p.community_id = NEW.community_id AND p.author_id = parent.author_id
                   AND p.id < parent.id) THEN
    INSERT INTO newcomer_answers (community_id, post, newcomer, answerer, reply, seconds, at)
      VALUES (NEW.community_id, parent.object_id, parent.author_id, NEW.author_id, NEW.object_id,
              GREATEST(0, EXTRACT(EPOCH FROM (NEW.created_at - parent.created_at))::bigint), NEW.created_at)
      ON CONFLICT DO NOTHING;
    IF FOUND THEN
      PERFORM recognition_earn(NEW.community_id, NEW.author_id, 'newcomer_answer', NEW.object_id, parent.object_id,
                               NEW.author_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER recognition_post_stored AFTER INSERT ON posts
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION recognition_post_stored();

CREATE FUNCTION recognition_post_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recognition_take_back(NEW.community_id, 'post_removed', NEW.object_id, NEW.object_id, NULL);
  DELETE FROM newcomer_answers WHERE community_id = NEW.community_id AND (reply = NEW.object_id OR post = NEW.object_id);
  RETURN NULL;
END $$;
CREATE TRIGGER recognition_post_removed AFTER UPDATE OF deleted_at ON posts
  FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
  EXECUTE FUNCTION recognition_post_removed();

CREATE FUNCTION recognition_like_stored() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  liked text;
BEGIN
  SELECT author_id INTO liked FROM posts
   WHERE community_id = NEW.community_id AND object_id = NEW.object_id AND deleted_at IS NULL;
  IF liked IS NULL OR liked = NEW.actor_id OR NOT recognition_member(NEW.community_id, NEW.actor_id)
     OR NOT recognition_member(NEW.community_id, liked) THEN
    RETURN NULL;
  END IF;
  PERFORM recognition_earn(NEW.community_id, liked, 'like', NEW.like_id, NEW.object_id, NEW.actor_id);
  RETURN NULL;
END $$;
CREATE TRIGGER recognition_like_stored AFTER INSERT ON likes
  FOR EACH ROW EXECUTE FUNCTION recognition_like_stored();

CREATE FUNCTION recognition_like_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recognition_take_back(OLD.community_id, 'like_withdrawn', OLD.like_id, NULL, NULL);
  RETURN NULL;
END $$;
CREATE TRIGGER recognition_like_withdrawn AFTER DELETE ON likes
  FOR EACH ROW EXECUTE FUNCTION recognition_like_withdrawn();

CREATE FUNCTION recognition_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c bigint;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.state = 'going' AND (TG_OP = 'DELETE' OR NEW.state <> 'going') THEN
    SELECT community_id INTO c FROM events WHERE id = OLD.event_id;
    IF c IS NOT NULL THEN
      INSERT INTO points_ledger (community_id, actor_id, points, kind, source, from_actor, reason, reverses)
      SELECT l.community_id, l.actor_id, -l.points, 'reversal', l.source, l.from_actor, 'event_left', l.id
        FROM points_ledger l
       WHERE l.community_id = c AND l.source = 'event:' || OLD.event_id AND l.actor_id = OLD.actor_id
         AND l.kind = 'event' AND NOT EXISTS (SELECT 1 FROM points_ledger x WHERE x.reverses = l.id)
      ON CONFLICT (reverses) DO NOTHING;
      UPDATE member_contributions SET events = events - 1 WHERE community_id = c AND actor_id = OLD.actor_id;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.state = 'going' AND (TG_OP = 'INSERT' OR OLD.state <> 'going') THEN
    SELECT community_id INTO c FROM events WHERE id = NEW.event_id;
    IF c IS NOT NULL AND recognition_member(c, NEW.actor_id) THEN
      INSERT INTO member_contributions AS m (community_id, actor_id, events) VALUES (c, NEW.actor_id, 1)
        ON CONFLICT (community_id, actor_id) DO UPDATE SET events = m.events + 1;
      PERFORM recognition_earn(c, NEW.actor_id, 'event', 'event:' || NEW.event_id, NULL, NEW.actor_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER recognition_attendance AFTER INSERT OR UPDATE OF state OR DELETE ON event_attendees
  FOR EACH ROW EXECUTE FUNCTION recognition_attendance();

CREATE FUNCTION recognition_vote() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
BEGIN
  SELECT community_id, iri INTO p FROM polls WHERE id = NEW.poll_id;
  IF p.community_id IS NOT NULL AND recognition_member(p.community_id, NEW.voter) THEN
    PERFORM recognition_earn(p.community_id, NEW.voter, 'vote', p.iri, NULL, NEW.voter);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER recognition_vote AFTER INSERT ON poll_votes
  FOR EACH ROW EXECUTE FUNCTION recognition_vote();

-- A removed or banned member: what their actions earned (them and others) is taken back.
CREATE FUNCTION recognition_member_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recognition_take_back(NEW.community_id, 'member_' || NEW.type, NULL, NULL, NEW.actor_id);
  RETURN NULL;
END $$;
CREATE TRIGGER recognition_member_out AFTER INSERT ON member_events
  FOR EACH ROW WHEN (NEW.type IN ('banned', 'removed')) EXECUTE FUNCTION recognition_member_out();
