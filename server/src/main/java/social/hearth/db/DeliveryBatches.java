package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;

/**
 * The deliveries of a re-share handed to a node already claimed ({@link OutboxStore#reshare}) are one row of
 * {@code delivery_batches}, not one row each (V61): inserting and deleting a row per delivery, with its indexes and
 * foreign-key checks, was most of what PostgreSQL spent on a re-shared post. A delivery of a batch gets a row of its
 * own only when it needs one: when it fails (retried or given up there, like any other) or when the node gives it
 * back unsent. The node deletes the batch once every delivery in it has an outcome ({@link OutboxStore#delivered}).
 * A batch whose lease runs out (its node died or stalled) is turned into ordinary rows by any node
 * ({@link #expandExpired}), so nothing is lost; what had already gone out is then sent once more (at least once, as
 * a row whose success was not recorded yet).
 */
public final class DeliveryBatches {

  private final Pool pool;

  public DeliveryBatches(Pool pool) {
    this.pool = pool;
  }

  /**
   * A delivery of a batch that failed for now: its own row, due after {@code delay}, with this attempt counted and
   * its error. Nothing when its activity is gone (the community was deleted meanwhile) or the row exists already
   * (the batch's lease ran out and it was expanded: that row is retried).
   */
  public Future<Void> retry(OutboxStore.Delivery d, int status, String error, Duration delay) {
    return pool.preparedQuery("INSERT INTO deliveries (activity_id, inbox, host, attempts, last_status, last_error, "
            + "next_attempt_at) SELECT $1, $2, $3, $4, $5, $6, now() + $7 * interval '1 millisecond' "
            + "WHERE EXISTS (SELECT 1 FROM activities WHERE id = $1) ON CONFLICT (activity_id, inbox) DO NOTHING")
        .execute(Tuple.from(new Object[] {d.activityId(), d.inbox(), d.host(), d.attempts(), status == 0 ? null : status,
            error, delay.toMillis()}))
        .mapEmpty();
  }

  /** A delivery of a batch given up: its own row, failed, with its error (as {@link OutboxStore#failed}). */
  public Future<Void> failed(OutboxStore.Delivery d, int status, String error) {
    return pool.preparedQuery("INSERT INTO deliveries (activity_id, inbox, host, state, attempts, last_status, "
            + "last_error, finished_at) SELECT $1, $2, $3, 'failed', $4, $5, $6, now() "
            + "WHERE EXISTS (SELECT 1 FROM activities WHERE id = $1) ON CONFLICT (activity_id, inbox) DO UPDATE "
            + "SET state = 'failed', last_status = EXCLUDED.last_status, last_error = EXCLUDED.last_error, "
            + "locked_until = NULL, finished_at = now() WHERE deliveries.state = 'pending'")
        .execute(Tuple.from(new Object[] {d.activityId(), d.inbox(), d.host(), d.attempts(), status == 0 ? null : status,
            error}))
        .mapEmpty();
  }

  /**
   * Deliveries of batches never attempted, given back: their own rows, due after {@code delay} (now: zero) for any
   * node, no attempt counted.
   */
  public Future<Void> release(List<OutboxStore.Delivery> unsent, Duration delay) {
    return pool.preparedQuery("INSERT INTO deliveries (activity_id, inbox, host, next_attempt_at) SELECT u.a, u.i, u.h, "
            + "now() + $4 * interval '1 millisecond' FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(a, i, h) "
            + "WHERE EXISTS (SELECT 1 FROM activities WHERE id = u.a) ON CONFLICT (activity_id, inbox) DO NOTHING")
        .execute(Tuple.tuple().addArrayOfLong(unsent.stream().map(OutboxStore.Delivery::activityId).toArray(Long[]::new))
            .addArrayOfString(unsent.stream().map(OutboxStore.Delivery::inbox).toArray(String[]::new))
            .addArrayOfString(unsent.stream().map(OutboxStore.Delivery::host).toArray(String[]::new))
            .addLong(delay.toMillis()))
        .mapEmpty();
  }

  /** Extends the lease of batches a live node holds (a batch whose lease already ran out is left to expire). */
  public Future<Void> renew(List<Long> ids, Duration lease) {
    return pool.preparedQuery("UPDATE delivery_batches SET locked_until = now() + $2 * interval '1 millisecond' "
            + "WHERE id = ANY($1) AND locked_until > now()")
        .execute(Tuple.of(ids.toArray(new Long[0]), lease.toMillis())).mapEmpty();
  }

  /**
   * Turns up to {@code limit} batches whose lease ran out into deliveries rows, due now (those of deliveries that
   * already have a row are left as they are), and deletes the batches. Returns the number of rows queued.
   */
  public Future<Integer> expandExpired(int limit) {
    return pool.preparedQuery("WITH x AS (DELETE FROM delivery_batches WHERE id = ANY(ARRAY(SELECT id FROM "
            + "delivery_batches WHERE locked_until < now() ORDER BY locked_until LIMIT $1 FOR UPDATE SKIP LOCKED)) "
            + "RETURNING activity_ids, inboxes, hosts) "
            + "INSERT INTO deliveries (activity_id, inbox, host) SELECT u.a, u.i, u.h FROM x, "
            + "unnest(x.activity_ids, x.inboxes, x.hosts) AS u(a, i, h) "
            + "WHERE EXISTS (SELECT 1 FROM activities WHERE id = u.a) ON CONFLICT (activity_id, inbox) DO NOTHING")
        .execute(Tuple.of(limit)).map(r -> r.rowCount());
  }
}
