-- Levels and achievements (issue 18, docs/recognition.md).
--
-- Levels: a community's own thresholds and names (community_levels, at most 20, ascending from 0), each with the
-- privileges the creator picked (skip newcomer probation, skip slow mode: from that level up). A community without
-- rows uses the defaults (0, 10, 50, 150, 400, 1000 points; names from the bundles in its language).
--
-- Achievements: six defaults for every community and the ones staff add (achievements), each a counted fact and a
-- threshold; the key is the fact and the threshold ("posts_10"), so the same building block is never added twice.
-- Facts: posts (accepted, author_posting), newcomers (first posts answered, newcomer_answers), events (going,
-- member_contributions), days (a member for), points (member_points).
--
-- Evaluation is event-driven and off the accept path: a deferred trigger on points_ledger adds the member's points
-- to member_points and marks the member in recognition_pending (one row per member, whatever the number of entries);
-- the worker (core.recognition.Announcements) takes a batch of marked members with SKIP LOCKED and records what they
-- earned in member_achievements, unique per member and achievement, so nothing is earned twice. A level is recorded
-- by its threshold ('level:100'): when the creator sets other levels, reaching one of them is news again.
-- A day-counted achievement is looked for by recognition_tenure (the worker, hourly).
ALTER TABLE recognition_settings ADD COLUMN announce text NOT NULL DEFAULT 'none'
  CHECK (announce IN ('dm', 'post', 'none'));

CREATE TABLE community_levels (
  community_id   bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  position       int NOT NULL CHECK (position BETWEEN 1 AND 20),
  points         bigint NOT NULL CHECK (points >= 0),
  name           text NOT NULL,
  skip_probation boolean NOT NULL DEFAULT false,
  skip_slow_mode boolean NOT NULL DEFAULT false,
  PRIMARY KEY (community_id, position)
);

CREATE TABLE achievements (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  key          text NOT NULL,
  fact         text NOT NULL CHECK (fact IN ('posts', 'newcomers', 'events', 'days', 'points')),
  threshold    bigint NOT NULL CHECK (threshold > 0),
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, key)
);

-- Every achievement of every community: the defaults (no name: the bundles name them) and the staff's.
CREATE VIEW recognition_achievements AS
  SELECT c.id AS community_id, d.fact || '_' || d.threshold AS key, d.fact, d.threshold::bigint AS threshold,
         NULL::text AS name, NULL::text AS description, true AS builtin
    FROM communities c
   CROSS JOIN (VALUES ('posts', 1), ('newcomers', 1), ('posts', 10), ('newcomers', 5), ('days', 365),
                      ('events', 3)) AS d (fact, threshold)
  UNION ALL
  SELECT community_id, key, fact, threshold, name, description, false FROM achievements;

CREATE TABLE member_points (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  total        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, actor_id)
);
INSERT INTO member_points (community_id, actor_id, total)
  SELECT community_id, actor_id, sum(points) FROM points_ledger GROUP BY community_id, actor_id;

CREATE TABLE recognition_pending (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, actor_id)
);

-- What each member earned, once: an achievement's key or 'level:<threshold>'; announce is the community's choice when it was
-- earned, announced_at when the announcement was written (in the same transaction as the outbox's activity).
CREATE TABLE member_achievements (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  key          text NOT NULL,
  earned_at    timestamptz NOT NULL DEFAULT now(),
  announce     text NOT NULL DEFAULT 'none',
  announced_at timestamptz,
  PRIMARY KEY (community_id, actor_id, key)
);
CREATE INDEX member_achievements_due ON member_achievements (earned_at)
  WHERE announced_at IS NULL AND announce <> 'none';

CREATE FUNCTION recognition_points_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_points AS p (community_id, actor_id, total) VALUES (NEW.community_id, NEW.actor_id, NEW.points)
    ON CONFLICT (community_id, actor_id) DO UPDATE SET total = p.total + EXCLUDED.total;
  INSERT INTO recognition_pending (community_id, actor_id) VALUES (NEW.community_id, NEW.actor_id)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
-- deferred to commit (as the member count, V16): the member's row is locked only while committing
CREATE CONSTRAINT TRIGGER recognition_points_added AFTER INSERT ON points_ledger
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION recognition_points_added();

-- The thresholds of a community's levels, lowest first: its own, else the defaults.
CREATE FUNCTION recognition_thresholds(c bigint) RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
  SELECT points FROM community_levels WHERE community_id = c
  UNION ALL
  SELECT d FROM unnest(ARRAY[0, 10, 50, 150, 400, 1000]::bigint[]) AS d
   WHERE NOT EXISTS (SELECT 1 FROM community_levels WHERE community_id = c)
$$;

-- Takes up to n marked members and records what they earned; returns how many members it took.
CREATE FUNCTION recognition_evaluate(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  p record;
  f record;
  mode text;
  lvl int;
  reached bigint;
  taken int := 0;
BEGIN
  FOR p IN DELETE FROM recognition_pending q
            WHERE (q.community_id, q.actor_id) IN (SELECT x.community_id, x.actor_id FROM recognition_pending x
                                                    ORDER BY x.at LIMIT n FOR UPDATE SKIP LOCKED)
           RETURNING q.community_id, q.actor_id LOOP
    taken := taken + 1;
    CONTINUE WHEN NOT recognition_member(p.community_id, p.actor_id);
    mode := COALESCE((SELECT s.announce FROM recognition_settings s WHERE s.community_id = p.community_id), 'none');
    SELECT COALESCE((SELECT t.total FROM member_points t
                      WHERE t.community_id = p.community_id AND t.actor_id = p.actor_id), 0) AS points,
           COALESCE((SELECT a.accepted_posts FROM author_posting a
                      WHERE a.community_id = p.community_id AND a.author_id = p.actor_id), 0) AS posts,
           (SELECT count(*) FROM newcomer_answers w
             WHERE w.community_id = p.community_id AND w.answerer = p.actor_id) AS newcomers,
           COALESCE((SELECT m.events FROM member_contributions m
                      WHERE m.community_id = p.community_id AND m.actor_id = p.actor_id), 0) AS events,
           (SELECT floor(EXTRACT(EPOCH FROM now() - COALESCE(m.accepted_at, m.joined_at)) / 86400)::bigint
              FROM members m WHERE m.community_id = p.community_id AND m.actor_id = p.actor_id) AS days
      INTO f;
    INSERT INTO member_achievements (community_id, actor_id, key, announce)
      SELECT p.community_id, p.actor_id, d.key, mode FROM recognition_achievements d
       WHERE d.community_id = p.community_id
         AND CASE d.fact WHEN 'posts' THEN f.posts WHEN 'newcomers' THEN f.newcomers WHEN 'events' THEN f.events
                         WHEN 'days' THEN f.days ELSE f.points END >= d.threshold
      ON CONFLICT DO NOTHING;
    SELECT count(*), max(t) INTO lvl, reached FROM recognition_thresholds(p.community_id) t WHERE t <= f.points;
    IF lvl >= 2 THEN
      INSERT INTO member_achievements (community_id, actor_id, key, announce)
        VALUES (p.community_id, p.actor_id, 'level:' || reached, mode) ON CONFLICT DO NOTHING;
    END IF;
  END LOOP;
  RETURN taken;
END $$;

-- Marks the members whose time as a member reached a day-counted achievement they have not earned yet.
CREATE FUNCTION recognition_tenure() RETURNS int LANGUAGE sql AS $$
  WITH marked AS (
    INSERT INTO recognition_pending (community_id, actor_id)
    SELECT DISTINCT m.community_id, m.actor_id
      FROM recognition_achievements d
      JOIN members m ON m.community_id = d.community_id AND m.state = 'accepted'
       AND COALESCE(m.accepted_at, m.joined_at) <= now() - d.threshold * interval '1 day'
     WHERE d.fact = 'days'
       AND NOT EXISTS (SELECT 1 FROM member_achievements a WHERE a.community_id = m.community_id
                         AND a.actor_id = m.actor_id AND a.key = d.key)
    ON CONFLICT DO NOTHING RETURNING 1)
  SELECT count(*)::int FROM marked
$$;
