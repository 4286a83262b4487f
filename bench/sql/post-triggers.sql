-- What the triggers of stored posts and reviews cost PostgreSQL for a batch of 64 posts (V64, issue 13). Not part of
-- the bench's runs: a psql script for a fresh throwaway database with Hearth's schema (migrated to V63 for the row
-- triggers, to V64 for the statement-level ones), as a superuser (the backend's CPU time is read from /proc):
--   psql -d DB -f bench/sql/post-triggers.sql -v mode=batch -v first=1 -v last=20
-- mode batch: one 64-row INSERT into posts and one into moderation_items per transaction; mode single: 64 one-row
-- INSERTs of each. Batches first..last use fresh authors (members of one of 4 communities; at most 400 batches); the
-- first run on an empty database loads the fixture (50,000 earlier posts and ledger entries, stored without triggers).
-- Run a few batches, ANALYZE, then measure. Prints the backend's CPU time per batch (10 ms ticks) and the wall time.
SELECT NOT EXISTS (SELECT 1 FROM communities WHERE slug = 'bench-c1') AS empty \gset
\if :empty
INSERT INTO communities (slug, name, private_key_pem, public_key_pem)
  SELECT 'bench-c' || c, 'C' || c, 'x', 'y' FROM generate_series(1, 4) c;
INSERT INTO remote_actors (id, type, host, inbox, document)
  SELECT 'https://m.example/u/' || k, 'Person', 'm.example', 'https://m.example/u/' || k || '/inbox', '{}'
    FROM generate_series(-4000, 64 * 400) k;
INSERT INTO members (community_id, actor_id, follow_id, accepted_at)
  SELECT (k + 4000) % 4 + 1, 'https://m.example/u/' || k, 'f' || k, now() - interval '3 days'
    FROM generate_series(-4000, 64 * 400) k WHERE k <> 0;
INSERT INTO members (community_id, actor_id, follow_id, accepted_at)
  SELECT c, 'https://m.example/u/0', 'f0-' || c, now() - interval '300 days' FROM generate_series(1, 4) c;
SET session_replication_role = replica;
INSERT INTO posts (community_id, object_id, author_id, type, object, created_at)
  SELECT k % 4 + 1, 'https://m.example/old/' || k, 'https://m.example/u/-' || (k % 4000 + 1), 'Note', '{}',
         now() - interval '2 days' - k * interval '1 second'
    FROM generate_series(1, 50000) k;
INSERT INTO points_ledger (community_id, actor_id, points, kind, source, post, from_actor, at)
  SELECT k % 4 + 1, 'https://m.example/u/-' || (k % 4000 + 1), 5, 'post', 'https://m.example/old/' || k,
         'https://m.example/old/' || k, 'https://m.example/u/-' || (k % 4000 + 1), now() - interval '2 days'
    FROM generate_series(1, 50000) k;
SET session_replication_role = origin;
INSERT INTO posts (community_id, object_id, author_id, type, object)
  SELECT c, 'https://m.example/seed/' || c, 'https://m.example/u/0', 'Note', '{}' FROM generate_series(1, 4) c;
VACUUM ANALYZE;
\endif
SET bench.mode = :'mode';
SET bench.first = :'first';
SET bench.last = :'last';
DO $$
DECLARE
  t0 timestamptz;
  times float8[] := '{}';
  mode text := current_setting('bench.mode');
  cpu0 bigint := split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint
                 + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint;
  cpu1 bigint;
BEGIN
  FOR i IN current_setting('bench.first')::int .. current_setting('bench.last')::int LOOP
    t0 := clock_timestamp();
    IF mode = 'batch' THEN
      INSERT INTO posts (community_id, object_id, author_id, type, object, in_reply_to)
      SELECT k % 4 + 1, 'https://m.example/n/' || k, 'https://m.example/u/' || k, 'Note',
             jsonb_build_object('tag', jsonb_build_array(
               jsonb_build_object('type', 'Hashtag', 'name', '#t' || (k % 7)),
               jsonb_build_object('type', 'Hashtag', 'name', '#all'))),
             CASE WHEN k % 4 = 0 THEN 'https://m.example/seed/' || (k % 4 + 1) END
        FROM generate_series((i - 1) * 64 + 1, i * 64) k;
      INSERT INTO moderation_items (community_id, activity_id, kind, object_id, author_id, activity, decision, state)
      SELECT k % 4 + 1, 'https://m.example/a/' || k, 'post', 'https://m.example/n/' || k,
             'https://m.example/u/' || k, '{}', 'accept', 'accepted'
        FROM generate_series((i - 1) * 64 + 1, i * 64) k;
    ELSE
      FOR k IN (i - 1) * 64 + 1 .. i * 64 LOOP
        INSERT INTO posts (community_id, object_id, author_id, type, object, in_reply_to)
        VALUES (k % 4 + 1, 'https://m.example/n/' || k, 'https://m.example/u/' || k, 'Note',
                jsonb_build_object('tag', jsonb_build_array(
                  jsonb_build_object('type', 'Hashtag', 'name', '#t' || (k % 7)),
                  jsonb_build_object('type', 'Hashtag', 'name', '#all'))),
                CASE WHEN k % 4 = 0 THEN 'https://m.example/seed/' || (k % 4 + 1) END);
      END LOOP;
      FOR k IN (i - 1) * 64 + 1 .. i * 64 LOOP
        INSERT INTO moderation_items (community_id, activity_id, kind, object_id, author_id, activity, decision, state)
        VALUES (k % 4 + 1, 'https://m.example/a/' || k, 'post', 'https://m.example/n/' || k,
                'https://m.example/u/' || k, '{}', 'accept', 'accepted');
      END LOOP;
    END IF;
    COMMIT;
    times := times || extract(epoch FROM clock_timestamp() - t0) * 1000;
  END LOOP;
  cpu1 := split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint
          + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint;
  RAISE NOTICE 'cpu % ms a batch', round((cpu1 - cpu0) * 10.0 / array_length(times, 1), 1);
  RAISE NOTICE '% batches %: median % ms, mean % ms a batch of 64 (min %, max %)', mode, array_length(times, 1),
    round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) t)::numeric, 2),
    round((SELECT avg(t) FROM unnest(times) t)::numeric, 2),
    round((SELECT min(t) FROM unnest(times) t)::numeric, 2), round((SELECT max(t) FROM unnest(times) t)::numeric, 2);
END $$;
