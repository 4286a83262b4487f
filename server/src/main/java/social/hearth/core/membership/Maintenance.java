package social.hearth.core.membership;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.DeletedObjects;
import social.hearth.core.port.QueueStore;

/**
 * Keeps the queues bounded. Inbox records are kept {@link #KEEP_INBOX} after processing (long enough to recognise a
 * redelivery, which peers retry for two to three days), finished deliveries {@link #KEEP_DELIVERIES}, and
 * deliveries that waited {@link #GIVE_UP_UNAVAILABLE} for an unavailable host are given up, deleted objects
 * are forgotten after {@link DeletedObjects#KEEP}, and a deleted community is purged once its deliveries (its
 * Delete{Group}, signed with its key) have finished.
 */
public final class Maintenance {

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  public static final Duration KEEP_INBOX = Duration.ofDays(14);
  public static final Duration KEEP_DELIVERIES = Duration.ofDays(14);
  public static final Duration GIVE_UP_UNAVAILABLE = Duration.ofDays(7);
  private static final Duration EVERY = Duration.ofHours(1);
  /** Rows removed per statement, so a large backlog never holds long locks. */
  private static final int CHUNK = 10_000;
  /** Deleted communities purged per pass (each takes everything it held with it). */
  private static final int PURGED_COMMUNITIES = 10;

  /** How often membership expiry and reminders are checked. */
  private static final Duration MEMBERSHIP_EVERY = Duration.ofMinutes(5);

  private final Vertx vertx;
  private final QueueStore queues;
  private final Expiry expiry;
  private long timer = -1;
  private long membershipTimer = -1;

  public Maintenance(Vertx vertx, QueueStore queues, Expiry expiry) {
    this.vertx = vertx;
    this.queues = queues;
    this.expiry = expiry;
  }

  public void start() {
    timer = vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), EVERY.toMillis(), t -> runOnce()
        .onFailure(e -> LOG.warn("maintenance failed: {}", e.toString())));
    membershipTimer = vertx.setPeriodic(Duration.ofSeconds(30).toMillis(), MEMBERSHIP_EVERY.toMillis(),
        t -> expiry.expireAndRemind().onFailure(e -> LOG.warn("membership expiry failed: {}", e.toString())));
  }

  public void stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(membershipTimer);
  }

  /** One pass of membership expiry and reminders (also run every five minutes). */
  public Future<Integer> membershipPass() {
    return expiry.expireAndRemind();
  }

  /** One pass; completes with the number of rows removed or given up. */
  public Future<Integer> runOnce() {
    return queues.purgeInbox(KEEP_INBOX, CHUNK)
        .compose(inbox -> queues.purgeDeliveries(KEEP_DELIVERIES, CHUNK).map(d -> inbox + d))
        .compose(n -> queues.giveUpUnavailable(GIVE_UP_UNAVAILABLE).map(g -> n + g))
        .compose(n -> queues.purgeDeletedObjects(DeletedObjects.KEEP, CHUNK).map(t -> n + t))
        .compose(n -> queues.purgeDeletedCommunities(PURGED_COMMUNITIES).map(t -> n + t))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("maintenance removed or gave up {} queue rows", n);
          }
        });
  }
}
