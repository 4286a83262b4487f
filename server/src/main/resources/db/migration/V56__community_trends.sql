-- Analytics for creators, the rest of issue 18 item 6: rollups written by row triggers in the transaction that stores
-- a post or a like (never a scan of history per view):
--   community_hours  accepted posts per quarter of an hour (UTC); the dashboard sums them by hour of day in the
--                    community's time zone, each quarter converted on its own, so daylight saving and the zones
--                    whose offset is not whole hours (India +05:30, Nepal +05:45) come out right
--   community_tags   posts per UTC day and hashtag (lower case, without '#'; at most 20 tags a post): top topics
--   post_scores      per post that got any: likes and replies from others, by the post's UTC day: top posts
--   newcomer_weeks   a member who posts in their join week or the 12 after it: (cohort = the Monday of the UTC week
--                    they were accepted, week = weeks since), one row each; cohort sizes are the joins of that
--                    week in community_days (V47)
-- The counters shared by many posts (an hour, a day's tag, a post's likes) are added to at commit (deferred, as in
-- V47), so a row's lock is held only while the transaction commits.
CREATE TABLE community_hours (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  slot         timestamptz NOT NULL,
  posts        int NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, slot)
);

CREATE TABLE community_tags (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  day          date NOT NULL,
  tag          text NOT NULL,
  posts        int NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, day, tag)
);

CREATE TABLE post_scores (
  post_id      bigint PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  community_id bigint NOT NULL,
  day          date NOT NULL,
  likes        int NOT NULL DEFAULT 0,
  replies      int NOT NULL DEFAULT 0
);
CREATE INDEX post_scores_by_day ON post_scores (community_id, day);

CREATE TABLE newcomer_weeks (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  cohort       date NOT NULL,
  week         smallint NOT NULL,
  actor_id     text NOT NULL,
  PRIMARY KEY (community_id, cohort, week, actor_id)
);

CREATE FUNCTION trends_post_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  INSERT INTO community_hours AS h (community_id, slot, posts)
  VALUES (NEW.community_id, date_bin('15 minutes', NEW.created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), 1)
  ON CONFLICT (community_id, slot) DO UPDATE SET posts = h.posts + 1;
  IF jsonb_typeof(NEW.object -> 'tag') = 'array' THEN
    FOR t IN SELECT DISTINCT lower(ltrim(e ->> 'name', '#'))
               FROM (SELECT e FROM jsonb_array_elements(NEW.object -> 'tag') AS x (e) LIMIT 20) AS s
              WHERE jsonb_typeof(e) = 'object' AND e ->> 'type' = 'Hashtag'
                AND length(ltrim(e ->> 'name', '#')) BETWEEN 1 AND 100 LOOP
      INSERT INTO community_tags AS g (community_id, day, tag, posts)
      VALUES (NEW.community_id, (NEW.created_at AT TIME ZONE 'UTC')::date, t, 1)
      ON CONFLICT (community_id, day, tag) DO UPDATE SET posts = g.posts + 1;
    END LOOP;
  END IF;
  IF NEW.in_reply_to IS NOT NULL THEN
    INSERT INTO post_scores AS s (post_id, community_id, day, replies)
    SELECT p.id, p.community_id, (p.created_at AT TIME ZONE 'UTC')::date, 1 FROM posts p
     WHERE p.community_id = NEW.community_id AND p.object_id = NEW.in_reply_to AND p.author_id <> NEW.author_id
    ON CONFLICT (post_id) DO UPDATE SET replies = s.replies + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER trends_post_counts AFTER INSERT ON posts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION trends_post_counts();

CREATE FUNCTION trends_newcomer_week() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  joined timestamptz;
  cohort date;
  k int;
BEGIN
  SELECT accepted_at INTO joined FROM members
   WHERE community_id = NEW.community_id AND actor_id = NEW.author_id AND state = 'accepted';
  IF joined IS NULL THEN
    RETURN NULL;
  END IF;
  cohort := date_trunc('week', joined AT TIME ZONE 'UTC')::date;
  k := (date_trunc('week', NEW.created_at AT TIME ZONE 'UTC')::date - cohort) / 7;
  IF k BETWEEN 0 AND 12 THEN
    INSERT INTO newcomer_weeks (community_id, cohort, week, actor_id) VALUES (NEW.community_id, cohort, k, NEW.author_id)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER trends_newcomer_week AFTER INSERT ON posts
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION trends_newcomer_week();

CREATE FUNCTION trends_likes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO post_scores AS s (post_id, community_id, day, likes)
    SELECT p.id, p.community_id, (p.created_at AT TIME ZONE 'UTC')::date, 1 FROM posts p
     WHERE p.community_id = NEW.community_id AND p.object_id = NEW.object_id AND p.author_id <> NEW.actor_id
    ON CONFLICT (post_id) DO UPDATE SET likes = s.likes + 1;
  ELSE
    UPDATE post_scores s SET likes = GREATEST(0, s.likes - 1) FROM posts p
     WHERE p.community_id = OLD.community_id AND p.object_id = OLD.object_id AND p.author_id <> OLD.actor_id
       AND s.post_id = p.id;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER trends_likes AFTER INSERT OR DELETE ON likes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION trends_likes();
