-- The inbox claim's plan must not depend on how fresh the table's statistics are.
--
-- The inbox is a queue: a burst of thousands of pending rows is stored within seconds, while the statistics
-- PostgreSQL last gathered (autovacuum analyses a table a minute or more after it changed) may say that no row is
-- pending and that every row is in the control lane. From such statistics the planner expected one pending row, and
-- the claim read every pending row once per candidate (550 ms for a claim of 64 from a backlog of 16,000, against
-- 3 ms with the intended plan: the sender check through inbox_pending_by_actor); the control lane's empty claim read
-- every pending content row (13-20 ms). Without statistics on these two columns the planner uses its default
-- selectivities (a small share of the rows for an equality), which always lead it to the partial indexes of the
-- pending rows, whatever the backlog.
--
-- SET STATISTICS 0 stops ANALYZE from gathering them; the statistics already gathered are dropped by changing the
-- columns to their own type (no table rewrite: the type is the same; the indexes on them are rebuilt, the partial
-- ones hold only pending rows).
ALTER TABLE inbox ALTER COLUMN state SET STATISTICS 0, ALTER COLUMN lane SET STATISTICS 0;
ALTER TABLE inbox ALTER COLUMN state TYPE text, ALTER COLUMN lane TYPE smallint;

-- Every reader of the pending rows uses inbox_pending_lane (lane, id) or inbox_pending_by_actor (actor_id, id); the
-- index of pending ids alone (V9) was only written, on every insert and on every row processed.
DROP INDEX inbox_pending;

-- Nothing reads activities by (community, type, object): the outbox is read through activities_outbox, an activity
-- by its IRI. Every re-share wrote two entries into this index.
DROP INDEX activities_object;
