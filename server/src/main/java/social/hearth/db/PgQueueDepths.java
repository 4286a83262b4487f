package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import social.hearth.core.port.QueueDepths;

/** SQL for the queue depths the health check reports, counted through the queues' partial indexes. */
public final class PgQueueDepths implements QueueDepths {

  private final Pool pool;

  public PgQueueDepths(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Depths> count(int cap) {
    return pool.preparedQuery("SELECT (SELECT count(*) FROM (SELECT 1 FROM inbox WHERE state = 'pending' LIMIT $1) i), "
            + "(SELECT count(*) FROM (SELECT 1 FROM deliveries WHERE state = 'pending' AND next_attempt_at <= now() "
            + "LIMIT $1) d)")
        .execute(Tuple.of(cap))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Depths(r.getLong(0), r.getLong(1));
        });
  }
}
