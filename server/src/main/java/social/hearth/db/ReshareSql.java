package social.hearth.db;

/**
 * The statement of {@link OutboxStore#reshareAll}: the re-shares of many posts of one community (FEP-1b12, both
 * forms), queued in one statement. Parameters: the posts' plain Announce IRIs, the objects they name, their bodies, the
 * wrapped Announce IRIs, the wrapped activities' ids, their bodies, the post ids, whether each wrapped body is stripped
 * of private addressees ($1-$8); the community ($9), this server's origin prefix as a LIKE pattern ($10), the room the
 * node's sender has ($11), its cap per host ($12), the hosts it holds deliveries to and how many ($13, $14), the
 * lease in milliseconds ($15).
 */
final class ReshareSql {

  static final String SQL = "WITH r AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], "
      + "$5::text[], $6::text[], $7::bigint[], $8::boolean[]) WITH ORDINALITY AS r(plain_iri, object_id, plain_body, "
      + "wrapped_iri, wrapped_object_id, wrapped_body, post_id, strip, n)), "
      + "plain AS (INSERT INTO activities (iri, community_id, type, object_id, body, public, in_outbox) "
      + "SELECT plain_iri, $9, 'Announce', object_id, plain_body::jsonb, true, true FROM r ORDER BY n RETURNING id, iri), "
      + "wrapped AS (INSERT INTO activities (iri, community_id, type, object_id, body, public, in_outbox) "
      + "SELECT wrapped_iri, $9, 'Announce', wrapped_object_id, CASE WHEN strip THEN hearth_strip_private("
      + "wrapped_body::jsonb) ELSE wrapped_body::jsonb END, true, false FROM r ORDER BY n RETURNING id, iri), "
      + "ids AS (SELECT r.n, r.strip, p.id AS plain_id, w.id AS wrapped_id FROM r JOIN plain p ON p.iri = r.plain_iri "
      + "JOIN wrapped w ON w.iri = r.wrapped_iri), "
      + "noted AS (UPDATE posts SET announce_iri = r.plain_iri FROM r WHERE posts.id = r.post_id), "
      + "t AS (SELECT DISTINCT delivery_inbox AS inbox, delivery_host AS host FROM members "
      + "WHERE community_id = $9 AND state = 'accepted' AND NOT delivery_stopped AND delivery_inbox NOT LIKE $10), "
      + "targets AS (SELECT i.n, i.strip, i.plain_id, t.inbox, t.host, CASE WHEN COALESCE(h.group_aware, false) "
      + "THEN i.wrapped_id ELSE i.plain_id END AS activity_id, "
      + "h.host IS NULL OR (h.failing_since IS NULL AND NOT h.unavailable) AS healthy, h.signature_scheme, "
      + "row_number() OVER (PARTITION BY t.host ORDER BY i.n, t.inbox) AS rn "
      + "FROM ids i CROSS JOIN t LEFT JOIN hosts h ON h.host = t.host), "
      + "eligible AS (SELECT x.*, x.healthy AND NOT x.strip AND x.rn <= $12 - COALESCE(u.used, 0) AS ok FROM targets x "
      + "LEFT JOIN unnest($13::text[], $14::int[]) AS u(host, used) ON u.host = x.host WHERE x.activity_id IS NOT NULL), "
      + "chosen AS (SELECT e.*, e.ok AND sum(e.ok::int) OVER (ORDER BY e.n, e.host, e.inbox) <= $11 AS pre "
      + "FROM eligible e), "
      // what is handed over is one batch row (DeliveryBatches); the rest one row per delivery, due for any node
      + "batch AS (INSERT INTO delivery_batches (community_id, activity_ids, inboxes, hosts, locked_until) "
      + "SELECT $9, array_agg(activity_id ORDER BY n, host, inbox), array_agg(inbox ORDER BY n, host, inbox), "
      + "array_agg(host ORDER BY n, host, inbox), now() + $15 * interval '1 millisecond' FROM chosen WHERE pre "
      + "HAVING count(*) > 0 RETURNING id), "
      + "queued AS (INSERT INTO deliveries (activity_id, inbox, host) SELECT activity_id, inbox, host FROM chosen "
      + "WHERE NOT pre ON CONFLICT DO NOTHING RETURNING 1) "
      + "SELECT (SELECT id FROM batch), (SELECT count(*) FROM queued), c.activity_id, c.activity_id = c.plain_id, "
      + "c.inbox, c.host, c.signature_scheme, c.n FROM (SELECT 1) one LEFT JOIN chosen c ON c.pre "
      + "ORDER BY c.n, c.host, c.inbox";

  private ReshareSql() {}
}
