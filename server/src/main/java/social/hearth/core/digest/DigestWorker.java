package social.hearth.core.digest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import social.hearth.core.util.Worker;

/** The worker that publishes the scheduled digests when their time comes ({@link Digests#runDue}). */
public final class DigestWorker extends Worker {

  private final Digests digests;

  public DigestWorker(Vertx vertx, Duration poll, Digests digests) {
    super(vertx, poll.toMillis());
    this.digests = digests;
  }

  @Override
  protected Future<Integer> batch() {
    // every digest due is published in one pass; the next pass finds them claimed
    return digests.runDue().map(n -> 0);
  }
}
