-- A community may switch off any of the six default achievements (issue 18's gap): it is then not earned any more
-- (what members earned before stays theirs, named as before), and switching it on again lets members earn it.
CREATE TABLE achievements_off (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  key          text NOT NULL,
  by_whom      text,
  at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, key)
);

-- Every achievement of every community, with whether it is switched off (staff pages and the API list them all).
CREATE VIEW recognition_achievements_all AS
  SELECT c.id AS community_id, d.fact || '_' || d.threshold AS key, d.fact, d.threshold::bigint AS threshold,
         NULL::text AS name, NULL::text AS description, true AS builtin,
         EXISTS (SELECT 1 FROM achievements_off o WHERE o.community_id = c.id AND o.key = d.fact || '_' || d.threshold) AS off
    FROM communities c
   CROSS JOIN (VALUES ('posts', 1), ('newcomers', 1), ('posts', 10), ('newcomers', 5), ('days', 365),
                      ('events', 3)) AS d (fact, threshold)
  UNION ALL
  SELECT community_id, key, fact, threshold, name, description, false, false FROM achievements;

-- What members can earn: the evaluation and the tenure check read this one, so a switched-off default is not earned.
CREATE OR REPLACE VIEW recognition_achievements AS
  SELECT community_id, key, fact, threshold, name, description, builtin FROM recognition_achievements_all WHERE NOT off;
