-- The SQL-language functions that every accepted post's triggers call (issue 13, item 3) become PL/pgSQL with the
-- same results. A SQL function that PostgreSQL cannot inline (one with OUT parameters, an EXISTS, an INSERT) has its
-- statement parsed and planned again on every call; PL/pgSQL keeps the plan for the session. In the processing
-- benchmark that planning was about 0.3 ms of PostgreSQL's time per re-shared post (recognition_rule 0.16 ms,
-- analytics_active 0.13 ms over the 0.03 ms of its INSERT).

CREATE OR REPLACE FUNCTION recognition_rule(c bigint, k text, OUT points int, OUT cap int) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  SELECT COALESCE((s.weights ->> k)::int, d.points), COALESCE((s.caps ->> k)::int, d.cap) INTO points, cap
    FROM (VALUES ('post', 5, 10), ('reply', 2, 20), ('like', 1, 30), ('newcomer_answer', 10, 5), ('event', 5, 3),
                 ('vote', 1, 5)) AS d (kind, points, cap)
    LEFT JOIN recognition_settings s ON s.community_id = c
   WHERE d.kind = k;
END $$;

CREATE OR REPLACE FUNCTION recognition_member(c bigint, who text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM members WHERE community_id = c AND actor_id = who AND state = 'accepted');
END $$;

CREATE OR REPLACE FUNCTION analytics_active(c bigint, who text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_activity (community_id, day, actor_id) VALUES (c, analytics_today(), who) ON CONFLICT DO NOTHING;
END $$;
