package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.port.FederationHealthQueries;

/**
 * The federation health page's reads. A page reads every pending delivery once (grouped by host), the accepted
 * members once (grouped by their host, from {@code members.delivery_host}) and the refusals of the last days; it is
 * an instance admin's page, read rarely, and costs about as much as the delivery backlog is long. It adds nothing to
 * the delivery or inbox paths.
 */
public final class PgFederationHealth implements FederationHealthQueries {

  private static final String SERVERS = "WITH backlog AS (SELECT host, count(*) AS pending, "
      + "count(*) FILTER (WHERE attempts > 0) AS retrying, min(created_at) AS oldest, "
      + "(array_agg(last_error ORDER BY next_attempt_at DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error "
      + "FROM deliveries WHERE state = 'pending' GROUP BY host), "
      + "here AS (SELECT delivery_host AS host, count(DISTINCT actor_id) AS members FROM members WHERE state = 'accepted' "
      + "GROUP BY delivery_host), "
      + "refused AS (SELECT host, sum(count) AS total FROM inbox_refusals WHERE day > current_date - $5::int GROUP BY host), "
      + "servers AS (SELECT n.host, h.software, h.software_version, COALESCE(m.members, 0) AS members, h.last_success_at, "
      + "CASE WHEN h.host IS NULL OR (h.failing_since IS NULL AND NOT h.unavailable) THEN 0 "
      + "WHEN h.next_probe_at IS NOT NULL AND h.next_probe_at <= now() THEN 3 WHEN h.unavailable THEN 2 ELSE 1 END AS state, "
      + "h.failing_since, CASE WHEN h.host IS NULL OR (h.failing_since IS NULL AND NOT h.unavailable) THEN 0 "
      + "ELSE h.failures END AS failures, h.last_failure_at, h.next_probe_at, COALESCE(b.pending, 0) AS backlog, "
      + "COALESCE(b.retrying, 0) AS retrying, b.oldest, b.last_error, COALESCE(r.total, 0) AS refused "
      + "FROM (SELECT host FROM hosts UNION SELECT host FROM backlog UNION SELECT host FROM refused) n "
      + "LEFT JOIN hosts h ON h.host = n.host LEFT JOIN backlog b ON b.host = n.host LEFT JOIN here m ON m.host = n.host "
      + "LEFT JOIN refused r ON r.host = n.host) "
      + "SELECT s.*, count(*) OVER () FROM servers s WHERE ($1 = '' OR strpos(s.host, $1) > 0) "
      + "AND (NOT $2 OR s.state <> 0 OR s.retrying > 0 OR s.refused > 0) ORDER BY ";

  private final Pool pool;

  public PgFederationHealth(Pool pool) {
    this.pool = pool;
  }

  private static String order(Sort sort) {
    return switch (sort) {
      case HOST -> "s.host";
      case BACKLOG -> "s.backlog DESC, s.host";
      case MEMBERS -> "s.members DESC, s.host";
      case REFUSALS -> "s.refused DESC, s.host";
      // unavailable, probing, failing, then the rest; within each the longest backlog and most refusals first
      case PROBLEMS -> "CASE s.state WHEN 2 THEN 0 WHEN 3 THEN 1 WHEN 1 THEN 2 ELSE 3 END, s.retrying DESC, "
          + "s.refused DESC, s.backlog DESC, s.host";
    };
  }

  @Override
  public Future<Page> servers(Query q) {
    String search = q.search() == null ? "" : q.search().strip().toLowerCase(java.util.Locale.ROOT);
    return pool.preparedQuery(SERVERS + order(q.sort()) + " LIMIT $3 OFFSET $4")
        .execute(Tuple.of(search, q.problemsOnly(), q.size(), (long) (Math.max(1, q.page()) - 1) * q.size(), REFUSAL_DAYS))
        .compose(rows -> {
          List<Row> page = new ArrayList<>();
          rows.forEach(page::add);
          long total = page.isEmpty() ? 0 : page.get(0).getLong(15);
          List<String> hosts = page.stream().map(r -> r.getString(0)).toList();
          return refusals(hosts).map(byHost -> {
            List<Server> out = new ArrayList<>();
            for (Row r : page) {
              out.add(new Server(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getOffsetDateTime(4),
                  State.values()[r.getInteger(5)], r.getOffsetDateTime(6), r.getInteger(7), r.getOffsetDateTime(8),
                  r.getOffsetDateTime(9), r.getLong(10), r.getLong(11), r.getOffsetDateTime(12), r.getString(13),
                  r.getNumeric(14).longValue(), byHost.getOrDefault(r.getString(0), List.of())));
            }
            return new Page(out, total);
          });
        });
  }

  private Future<Map<String, List<Refusal>>> refusals(List<String> hosts) {
    if (hosts.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("SELECT host, reason, sum(count), max(last_at) FROM inbox_refusals "
            + "WHERE host = ANY($1::text[]) AND day > current_date - $2::int GROUP BY host, reason ORDER BY 3 DESC, reason")
        .execute(Tuple.of(hosts.toArray(new String[0]), REFUSAL_DAYS))
        .map(rows -> {
          Map<String, List<Refusal>> out = new HashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getString(0), h -> new ArrayList<>())
              .add(new Refusal(r.getString(1), r.getNumeric(2).longValue(), r.getOffsetDateTime(3))));
          return out;
        });
  }

  @Override
  public Future<Integer> retry(String host) {
    return pool.preparedQuery("WITH due AS (UPDATE deliveries SET next_attempt_at = now() WHERE host = $1 "
            + "AND state = 'pending' AND (locked_until IS NULL OR locked_until < now()) RETURNING 1), "
            + "probe AS (UPDATE hosts SET next_probe_at = now() WHERE host = $1 RETURNING 1) "
            + "SELECT (SELECT count(*) FROM due), (SELECT count(*) FROM probe)")
        .execute(Tuple.of(host))
        .map(rows -> {
          Row r = rows.iterator().next();
          return r.getLong(1) == 0 && r.getLong(0) == 0 ? -1 : r.getLong(0).intValue();
        });
  }
}
