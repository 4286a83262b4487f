package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * SQL for the inbox's refusals per sending host, reason code and day ({@code inbox_refusals}, V35): counts gathered
 * in memory ({@code apub.InboxRefusals}) are added with one upsert; days older than {@link #KEEP_DAYS} are deleted.
 */
public final class InboxRefusalStore {

  /** How many days of refusals are kept. */
  public static final int KEEP_DAYS = 30;

  private final Pool pool;

  public InboxRefusalStore(Pool pool) {
    this.pool = pool;
  }

  /** Adds {@code counts[i]} refusals of {@code hosts[i]} for {@code reasons[i]} to today's rows, in one statement. */
  public Future<Void> add(List<String> hosts, List<String> reasons, List<Long> counts) {
    if (hosts.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("INSERT INTO inbox_refusals (host, reason, day, count, last_at) "
            + "SELECT h, r, current_date, c, now() FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(h, r, c) "
            + "ON CONFLICT (host, day, reason) DO UPDATE SET count = inbox_refusals.count + EXCLUDED.count, "
            + "last_at = EXCLUDED.last_at")
        .execute(Tuple.tuple().addArrayOfString(hosts.toArray(new String[0]))
            .addArrayOfString(reasons.toArray(new String[0])).addArrayOfLong(counts.toArray(new Long[0])))
        .mapEmpty();
  }

  /** Deletes the days older than {@link #KEEP_DAYS}; how many rows went. */
  public Future<Integer> prune() {
    return pool.preparedQuery("DELETE FROM inbox_refusals WHERE day < current_date - $1::int")
        .execute(Tuple.of(KEEP_DAYS)).map(r -> r.rowCount());
  }
}
