package social.hearth.core.authoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.core.util.Worker;

/**
 * The worker that publishes scheduled and recurring posts when they are due (every few seconds, and at once when
 * woken), on every node: the claims in {@link Schedules} and {@link Publisher} make each publication happen once.
 * It also drops images uploaded for a post that was never written.
 */
public final class ScheduledPosts extends Worker {

  /** How long an uploaded image waits for its post. */
  static final Duration KEEP_UNUSED_IMAGES = Duration.ofDays(1);
  private static final long PURGE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

  private final Schedules schedules;
  private final Publisher publisher;
  private final AuthoredPostStore store;
  private long lastPurge;

  public ScheduledPosts(Vertx vertx, Duration poll, Schedules schedules, Publisher publisher, AuthoredPostStore store) {
    super(vertx, poll.toMillis());
    this.schedules = schedules;
    this.publisher = publisher;
    this.store = store;
  }

  @Override
  protected Future<Integer> batch() {
    return runOnce();
  }

  /** One pass: due occurrences become posts, due posts are published; completes with how many were. */
  public Future<Integer> runOnce() {
    Future<Integer> purge = Future.succeededFuture(0);
    long now = System.currentTimeMillis();
    if (now - lastPurge > PURGE_EVERY_MILLIS) {
      lastPurge = now;
      purge = store.purgeUnattached(KEEP_UNUSED_IMAGES).map(0);
    }
    return purge.compose(x -> schedules.materializeDue()).compose(made -> publisher.publishDue());
  }
}
