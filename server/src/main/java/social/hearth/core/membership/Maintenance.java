package social.hearth.core.membership;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the queues bounded. Inbox records are kept {@link #KEEP_INBOX} after processing (long enough to recognise a
 * redelivery, which peers retry for two to three days), finished deliveries {@link #KEEP_DELIVERIES}, and
 * deliveries that waited {@link #GIVE_UP_UNAVAILABLE} for an unavailable host are given up.
 */
public final class Maintenance {

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  public static final Duration KEEP_INBOX = Duration.ofDays(14);
  public static final Duration KEEP_DELIVERIES = Duration.ofDays(14);
  public static final Duration GIVE_UP_UNAVAILABLE = Duration.ofDays(7);
  private static final Duration EVERY = Duration.ofHours(1);
  /** Rows removed per statement, so a large backlog never holds long locks. */
  private static final int CHUNK = 10_000;

  /** How often membership expiry and reminders are checked. */
  private static final Duration MEMBERSHIP_EVERY = Duration.ofMinutes(5);

  private final Vertx vertx;
  private final Pool pool;
  private final Membership membership;
  private long timer = -1;
  private long membershipTimer = -1;

  public Maintenance(Vertx vertx, Pool pool, Membership membership) {
    this.vertx = vertx;
    this.pool = pool;
    this.membership = membership;
  }

  public void start() {
    timer = vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), EVERY.toMillis(), t -> runOnce()
        .onFailure(e -> LOG.warn("maintenance failed: {}", e.toString())));
    membershipTimer = vertx.setPeriodic(Duration.ofSeconds(30).toMillis(), MEMBERSHIP_EVERY.toMillis(),
        t -> membership.expireAndRemind().onFailure(e -> LOG.warn("membership expiry failed: {}", e.toString())));
  }

  public void stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(membershipTimer);
  }

  /** One pass of membership expiry and reminders (also run every five minutes). */
  public Future<Integer> membershipPass() {
    return membership.expireAndRemind();
  }

  /** One pass; completes with the number of rows removed or given up. */
  public Future<Integer> runOnce() {
    return pool.preparedQuery("DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE state <> 'pending' "
            + "AND received_at < now() - $1 * interval '1 second' LIMIT $2)")
        .execute(Tuple.of(KEEP_INBOX.toSeconds(), CHUNK)).map(r -> r.rowCount())
        .compose(inbox -> pool.preparedQuery("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries "
                + "WHERE state <> 'pending' AND finished_at < now() - $1 * interval '1 second' LIMIT $2)")
            .execute(Tuple.of(KEEP_DELIVERIES.toSeconds(), CHUNK)).map(r -> inbox + r.rowCount()))
        .compose(n -> pool.preparedQuery("UPDATE deliveries d SET state = 'failed', finished_at = now(), "
                + "last_error = 'host unavailable for too long' FROM hosts h WHERE h.host = d.host AND h.unavailable "
                + "AND d.state = 'pending' AND d.created_at < now() - $1 * interval '1 second'")
            .execute(Tuple.of(GIVE_UP_UNAVAILABLE.toSeconds())).map(r -> n + r.rowCount()))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("maintenance removed or gave up {} queue rows", n);
          }
        });
  }
}
