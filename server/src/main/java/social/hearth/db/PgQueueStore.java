package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import social.hearth.core.port.QueueStore;

/** SQL for the housekeeping of the inbox and delivery queues. */
public final class PgQueueStore implements QueueStore {

  private final Pool pool;

  public PgQueueStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Integer> purgeInbox(Duration age, int limit) {
    return pool.preparedQuery("DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE state <> 'pending' "
            + "AND received_at < now() - $1 * interval '1 second' LIMIT $2)")
        .execute(Tuple.of(age.toSeconds(), limit)).map(r -> r.rowCount());
  }

  @Override
  public Future<Integer> purgeDeliveries(Duration age, int limit) {
    return pool.preparedQuery("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries "
            + "WHERE state <> 'pending' AND finished_at < now() - $1 * interval '1 second' LIMIT $2)")
        .execute(Tuple.of(age.toSeconds(), limit)).map(r -> r.rowCount());
  }

  @Override
  public Future<Integer> giveUpUnavailable(Duration age) {
    return pool.preparedQuery("UPDATE deliveries d SET state = 'failed', finished_at = now(), "
            + "last_error = 'host unavailable for too long' FROM hosts h WHERE h.host = d.host AND h.unavailable "
            + "AND d.state = 'pending' AND d.created_at < now() - $1 * interval '1 second'")
        .execute(Tuple.of(age.toSeconds())).map(r -> r.rowCount());
  }

  @Override
  public Future<Integer> purgeDeletedObjects(Duration age, int limit) {
    return pool.preparedQuery("DELETE FROM deleted_objects WHERE object_id IN (SELECT object_id FROM deleted_objects "
            + "WHERE deleted_at < now() - $1 * interval '1 second' LIMIT $2)")
        .execute(Tuple.of(age.toSeconds(), limit)).map(r -> r.rowCount());
  }

  @Override
  public Future<Integer> purgeDeletedCommunities(int limit) {
    return pool.preparedQuery("DELETE FROM communities WHERE id IN (SELECT c.id FROM communities c WHERE "
            + "c.deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deliveries d JOIN activities a ON a.id = d.activity_id "
            + "WHERE d.state = 'pending' AND a.community_id = c.id) LIMIT $1)")
        .execute(Tuple.of(limit)).map(r -> r.rowCount());
  }
}
