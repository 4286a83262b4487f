-- The triggers that every stored post and every stored review fire (issue 13) become statement-level triggers over
-- transition tables: a batch of posts inserted by one statement (one INSERT ... SELECT FROM unnest(...)) runs each
-- trigger's statements once for the whole batch, set-based, where row triggers ran them once per post (0.4 to 0.8 ms
-- of PostgreSQL's time per post). The results are those of the row triggers they replace, firing row after row in
-- the order the rows were inserted (posts.id), for a statement of one row or many:
--   * a daily cap counts the entries earned earlier in the same statement (row_number() over the member and kind);
--   * an entry earned twice in one statement (the same answer to one newcomer's post) is earned once, by the first;
--   * points_ledger entries are inserted in the order the row triggers wrote them (post, reply, newcomer answer),
--     so their ids and the deferred recognition_points_added events come in the same order.
-- The old triggers' WHEN conditions are WHERE clauses over the transition table. Counter rows are upserted in the
-- order of their keys, so two batches touching the same rows lock them in one order and do not deadlock.
-- Two of them were deferred constraint triggers (trends_post_counts, and analytics_reviews on INSERT), which take the
-- hot counter rows' locks (a community's quarter of an hour, a day's tag, a post's replies, the day's figures) at
-- commit only; a statement-level trigger cannot be deferred, so they now take them at the end of the INSERT and hold
-- them to the commit (a review is stored in a transaction of its own; a post's goes on with its re-share).
-- The UPDATE and DELETE triggers stay row triggers as they were; so does recognition_points_added on points_ledger,
-- which keeps a member's points row locked only while committing (V53), as every writer of the ledger expects.

-- posts: recognition (V46: recognition_post_stored, recognition_earn with recognition_rule's weights and caps, V62)
CREATE OR REPLACE FUNCTION recognition_post_stored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH stored AS (          -- the live posts by members (recognition_member)
    SELECT n.id, n.community_id, n.object_id, n.author_id, n.in_reply_to, n.created_at
      FROM stored_posts n
     WHERE n.deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM members m WHERE m.community_id = n.community_id AND m.actor_id = n.author_id
                     AND m.state = 'accepted')
  ), replies AS (           -- of those, the replies to another member's live post
    SELECT s.id, s.community_id, s.object_id, s.author_id, s.created_at, p.id AS parent_id,
           p.object_id AS parent_object, p.author_id AS parent_author, p.created_at AS parent_at
      FROM stored s
      JOIN posts p ON p.community_id = s.community_id AND p.object_id = s.in_reply_to AND p.deleted_at IS NULL
     WHERE p.author_id <> s.author_id
       AND EXISTS (SELECT 1 FROM members m WHERE m.community_id = s.community_id AND m.actor_id = p.author_id
                     AND m.state = 'accepted')
  ), contributed AS (
    INSERT INTO member_contributions AS m (community_id, actor_id, replies)
    SELECT r.community_id, r.author_id, count(*) FROM replies r
     GROUP BY r.community_id, r.author_id ORDER BY r.community_id, r.author_id
    ON CONFLICT (community_id, actor_id) DO UPDATE SET replies = m.replies + EXCLUDED.replies
  ), answered AS (          -- answers to a newcomer's first post (no earlier post by its author), the first one each
    INSERT INTO newcomer_answers (community_id, post, newcomer, answerer, reply, seconds, at)
    SELECT DISTINCT ON (r.community_id, r.parent_object, r.author_id)
           r.community_id, r.parent_object, r.parent_author, r.author_id, r.object_id,
           GREATEST(0, EXTRACT(EPOCH FROM (r.created_at - r.parent_at))::bigint), r.created_at
      FROM replies r
     WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.community_id = r.community_id AND p.author_id = r.parent_author
                         AND p.id < r.parent_id)
     ORDER BY r.community_id, r.parent_object, r.author_id, r.id
    ON CONFLICT DO NOTHING
    RETURNING community_id, reply
  ), earned AS (            -- what each post earns, in the order the row trigger earned it
    SELECT s.id, 1 AS step, s.community_id, s.author_id AS actor_id, 'post' AS kind, s.object_id AS source,
           s.object_id AS post, s.author_id AS from_actor
      FROM stored s
    UNION ALL
    SELECT r.id, 2, r.community_id, r.parent_author, 'reply', r.object_id, r.parent_object, r.author_id
      FROM replies r
    UNION ALL
    SELECT r.id, 3, r.community_id, r.author_id, 'newcomer_answer', r.object_id, r.parent_object, r.author_id
      FROM replies r JOIN answered a ON a.community_id = r.community_id AND a.reply = r.object_id
  ), rules AS MATERIALIZED ( -- the weight and cap of each community's kinds, looked up once each
    SELECT k.community_id, k.kind, rule.points, rule.cap
      FROM (SELECT DISTINCT community_id, kind FROM earned) k
     CROSS JOIN LATERAL recognition_rule(k.community_id, k.kind) rule
  ), due AS (               -- a weight above 0, and not earned already by the same thing (unless taken back)
    SELECT e.*, r.points, r.cap,
           row_number() OVER (PARTITION BY e.community_id, e.actor_id, e.kind ORDER BY e.id, e.step) AS nth
      FROM earned e
      JOIN rules r ON r.community_id = e.community_id AND r.kind = e.kind
     WHERE r.points > 0
       AND NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.community_id = e.community_id AND l.source = e.source
                         AND l.actor_id = e.actor_id AND l.kind = e.kind
                         AND NOT EXISTS (SELECT 1 FROM points_ledger x WHERE x.reverses = l.id))
  )
  INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, from_actor)
  SELECT d.community_id, d.actor_id, d.points, d.kind, d.source, d.post, d.from_actor
    FROM due d
   WHERE ((SELECT count(*) FROM points_ledger l  -- earned today before this statement, and earlier in it
            WHERE l.community_id = d.community_id AND l.actor_id = d.actor_id AND l.kind = d.kind
              AND l.at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') + d.nth - 1 >= d.cap)
         IS NOT TRUE
   ORDER BY d.id, d.step;
  RETURN NULL;
END $$;
DROP TRIGGER recognition_post_stored ON posts;
CREATE TRIGGER recognition_post_stored AFTER INSERT ON posts REFERENCING NEW TABLE AS stored_posts
  FOR EACH STATEMENT EXECUTE FUNCTION recognition_post_stored();

-- posts: the member's active day (V47 analytics_active_posts, analytics_active of V62), live posts or not
CREATE FUNCTION analytics_active_posts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_activity (community_id, day, actor_id)
  SELECT DISTINCT n.community_id, analytics_today(), n.author_id FROM stored_posts n
   ORDER BY n.community_id, n.author_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
DROP TRIGGER analytics_active_posts ON posts;
DROP FUNCTION analytics_active_post();
CREATE TRIGGER analytics_active_posts AFTER INSERT ON posts REFERENCING NEW TABLE AS stored_posts
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_active_posts();

-- posts: busiest quarters of an hour, the day's hashtags, replies to others' posts (V56 trends_post_counts)
CREATE OR REPLACE FUNCTION trends_post_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO community_hours AS h (community_id, slot, posts)
  SELECT n.community_id, date_bin('15 minutes', n.created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
    FROM stored_posts n WHERE n.deleted_at IS NULL
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (community_id, slot) DO UPDATE SET posts = h.posts + EXCLUDED.posts;
  INSERT INTO community_tags AS g (community_id, day, tag, posts)   -- a tag counts once per post (DISTINCT n.id)
  SELECT n.community_id, (n.created_at AT TIME ZONE 'UTC')::date, lower(ltrim(t.e ->> 'name', '#')),
         count(DISTINCT n.id)
    FROM stored_posts n
   CROSS JOIN LATERAL (SELECT e FROM jsonb_array_elements(CASE WHEN jsonb_typeof(n.object -> 'tag') = 'array'
                                                               THEN n.object -> 'tag' END) AS x (e) LIMIT 20) AS t
   WHERE n.deleted_at IS NULL AND jsonb_typeof(t.e) = 'object' AND t.e ->> 'type' = 'Hashtag'
     AND length(ltrim(t.e ->> 'name', '#')) BETWEEN 1 AND 100
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (community_id, day, tag) DO UPDATE SET posts = g.posts + EXCLUDED.posts;
  INSERT INTO post_scores AS s (post_id, community_id, day, replies)
  SELECT p.id, p.community_id, (p.created_at AT TIME ZONE 'UTC')::date, count(*)
    FROM stored_posts n
    JOIN posts p ON p.community_id = n.community_id AND p.object_id = n.in_reply_to AND p.author_id <> n.author_id
   WHERE n.deleted_at IS NULL
   GROUP BY p.id ORDER BY p.id
  ON CONFLICT (post_id) DO UPDATE SET replies = s.replies + EXCLUDED.replies;
  RETURN NULL;
END $$;
DROP TRIGGER trends_post_counts ON posts;
CREATE TRIGGER trends_post_counts AFTER INSERT ON posts REFERENCING NEW TABLE AS stored_posts
  FOR EACH STATEMENT EXECUTE FUNCTION trends_post_counts();

-- posts: a newcomer posting in their join week or the 12 after it (V56 trends_newcomer_week)
CREATE OR REPLACE FUNCTION trends_newcomer_week() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO newcomer_weeks (community_id, cohort, week, actor_id)
  SELECT DISTINCT w.community_id, w.cohort, w.week, w.author_id
    FROM (SELECT n.community_id, n.author_id, c.cohort,
                 (date_trunc('week', n.created_at AT TIME ZONE 'UTC')::date - c.cohort) / 7 AS week
            FROM stored_posts n
            JOIN members m ON m.community_id = n.community_id AND m.actor_id = n.author_id AND m.state = 'accepted'
           CROSS JOIN LATERAL (SELECT date_trunc('week', m.accepted_at AT TIME ZONE 'UTC')::date AS cohort) AS c
           WHERE n.deleted_at IS NULL AND m.accepted_at IS NOT NULL) AS w
   WHERE w.week BETWEEN 0 AND 12
   ORDER BY 1, 2, 3, 4
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
DROP TRIGGER trends_newcomer_week ON posts;
CREATE TRIGGER trends_newcomer_week AFTER INSERT ON posts REFERENCING NEW TABLE AS stored_posts
  FOR EACH STATEMENT EXECUTE FUNCTION trends_newcomer_week();

-- moderation_items: an author's accepted posts and last post (V30 author_posting_insert; author_posting_changed
-- still keeps them on UPDATE and DELETE)
CREATE FUNCTION author_posting_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO author_posting AS p (community_id, author_id, accepted_posts, last_post_at)
  SELECT i.community_id, i.author_id, count(*) FILTER (WHERE i.state IN ('accepted', 'approved')), max(i.created_at)
    FROM stored_items i
   WHERE i.kind = 'post' AND i.state IN ('accepted', 'approved', 'held')
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (community_id, author_id) DO UPDATE SET
    accepted_posts = p.accepted_posts + EXCLUDED.accepted_posts,
    last_post_at = GREATEST(p.last_post_at, EXCLUDED.last_post_at);
  RETURN NULL;
END $$;
DROP TRIGGER author_posting_insert ON moderation_items;
CREATE TRIGGER author_posting_insert AFTER INSERT ON moderation_items REFERENCING NEW TABLE AS stored_items
  FOR EACH STATEMENT EXECUTE FUNCTION author_posting_inserted();

-- moderation_items: the day's reviews (V47 analytics_reviews): stored ones counted per statement, one analytics_add
-- per community; a changed state is still counted at commit by the row trigger, as before
CREATE FUNCTION analytics_reviews_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT i.community_id,
                  count(*) FILTER (WHERE i.state IN ('accepted', 'approved', 'overturned'))::int AS accepted,
                  count(*) FILTER (WHERE i.state = 'held')::int AS held,
                  count(*) FILTER (WHERE i.state IN ('rejected', 'declined'))::int AS refused
             FROM stored_items i
            WHERE i.kind = 'post' AND i.state IN ('accepted', 'approved', 'overturned', 'held', 'rejected', 'declined')
            GROUP BY i.community_id ORDER BY i.community_id LOOP
    PERFORM analytics_add(r.community_id, 0, 0, 0, r.accepted, r.held, r.refused);
  END LOOP;
  RETURN NULL;
END $$;
DROP TRIGGER analytics_reviews ON moderation_items;
CREATE CONSTRAINT TRIGGER analytics_reviews AFTER UPDATE OF state ON moderation_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.kind = 'post' AND NEW.state IN ('accepted', 'approved', 'overturned', 'held', 'rejected', 'declined'))
  EXECUTE FUNCTION analytics_reviews();
CREATE TRIGGER analytics_reviews_inserted AFTER INSERT ON moderation_items REFERENCING NEW TABLE AS stored_items
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_reviews_inserted();
