-- Pins are shown and federated in the order staff set: positions are renumbered 0..n-1 (a pin added after another
-- was removed could share a position); PgPostStore keeps them so from now on (a pin goes last, an unpin closes the
-- gap, a move swaps two neighbours).
UPDATE featured f SET position = r.rn - 1 FROM (SELECT community_id, object_id,
  row_number() OVER (PARTITION BY community_id ORDER BY position, added_at) AS rn FROM featured) r
  WHERE f.community_id = r.community_id AND f.object_id = r.object_id;
