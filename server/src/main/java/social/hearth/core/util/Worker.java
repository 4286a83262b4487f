package social.hearth.core.util;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polling loop over a database queue: runs {@link #batch()} until it finds nothing, then waits for a
 * {@link #wake()} or the poll interval. One batch at a time per worker; several nodes share the queue through
 * {@code FOR UPDATE SKIP LOCKED} in the claim queries.
 */
public abstract class Worker {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  protected final Vertx vertx;
  private final long pollMillis;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean wakeRequested;
  private volatile boolean stopped = true;
  private long timer = -1;
  private io.vertx.core.Context context;
  /** When the last batch started ({@link System#nanoTime}), and whether a {@link #wakeAtMostEvery} waits. */
  private long lastBatchNanos = System.nanoTime() - 3_600_000_000_000L;
  private boolean wakeDelayed;

  protected Worker(Vertx vertx, long pollMillis) {
    this.vertx = vertx;
    this.pollMillis = pollMillis;
  }

  /** Processes one batch; completes with the number of items handled. */
  protected abstract Future<Integer> batch();

  /** Starts the loop on the caller's context; every batch, and all of the worker's state, stays on it. */
  public void start() {
    context = vertx.getOrCreateContext();
    stopped = false;
    wake();
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** Asks for a batch now (coalesced with one already running). */
  public void wake() {
    batchSoon();
  }

  private void batchSoon() {
    if (stopped) {
      return;
    }
    wakeRequested = true;
    context.runOnContext(v -> loop());
  }

  /**
   * As {@link #wake}, but no sooner than {@code millis} after the last batch started: a call within that time waits
   * for the rest of it, together with every other such call meanwhile, so that what they wake for is handled in one
   * batch. Only on the worker's context.
   */
  protected void wakeAtMostEvery(long millis) {
    long since = (System.nanoTime() - lastBatchNanos) / 1_000_000;
    if (since >= millis) {
      batchSoon();
    } else if (!wakeDelayed) {
      wakeDelayed = true;
      vertx.setTimer(millis - since, t -> {
        wakeDelayed = false;
        batchSoon();
      });
    }
  }

  private void loop() {
    if (stopped || !running.compareAndSet(false, true)) {
      return;
    }
    lastBatchNanos = System.nanoTime();
    wakeRequested = false;
    vertx.cancelTimer(timer);
    batch().onComplete(ar -> {
      running.set(false);
      if (ar.failed()) {
        LOG.warn("{} batch failed: {}", getClass().getSimpleName(), ar.cause().toString());
      }
      boolean more = ar.succeeded() && ar.result() > 0;
      if (stopped) {
        return;
      }
      if (more || wakeRequested) {
        context.runOnContext(v -> loop());
      } else {
        timer = vertx.setTimer(pollMillis, t -> loop());
      }
    });
  }
}
