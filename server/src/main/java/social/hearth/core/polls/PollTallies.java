package social.hearth.core.polls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import social.hearth.core.util.Worker;

/**
 * The worker that sends polls' tallies: a poll with new votes gets an Update{Question} at most once per interval
 * while votes come in, and one when it closes. What is due is in the database (a poll's {@code dirty} flag, its end
 * time), so nothing is lost when a node stops; the claims make each Update go out once whatever the number of nodes.
 */
public final class PollTallies extends Worker {

  private final PollPublisher publisher;

  public PollTallies(Vertx vertx, Duration poll, PollPublisher publisher) {
    super(vertx, poll.toMillis());
    this.publisher = publisher;
  }

  @Override
  protected Future<Integer> batch() {
    return runOnce();
  }

  /** One pass: polls that ended are closed, then changed counts are sent; completes with how many Updates went. */
  public Future<Integer> runOnce() {
    return publisher.closeEnded().compose(closed -> publisher.flushDirty().map(sent -> closed + sent));
  }
}
