package social.hearth.apub.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.OutboxStore;

/**
 * Deliveries that were sent and answered 2xx, written to the database in batches: one statement for up to
 * {@link #BATCH} of them, at most {@link #DELAY_MILLIS} after the first one was added, with the delivery batches
 * ({@link social.hearth.db.DeliveryBatches}) whose every delivery has an outcome.
 *
 * <p>Until its batch is written a row stays pending under its lease, so nobody else sends it meanwhile. A batch
 * whose write fails is kept and written again later. If the process dies before a batch is written, its rows are
 * sent again when their lease ends (at least once, as for a crash between sending and recording a single
 * delivery). Used only on the delivery worker's event-loop context.
 */
final class DeliveredMarks {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveredMarks.class);
  static final int BATCH = 64;
  static final long DELAY_MILLIS = 50;
  private static final long RETRY_MILLIS = 1_000;

  private final Vertx vertx;
  private final OutboxStore store;
  private List<Long> ids = new ArrayList<>();
  private List<Integer> statuses = new ArrayList<>();
  private Set<String> succeededHosts = new HashSet<>();
  private List<Long> batches = new ArrayList<>();
  private long timer = -1;
  private boolean closed;
  private final java.util.function.Consumer<List<Long>> written;
  /** Ids added and not yet written (in the current batch or in one being written). */
  private final Set<Long> unwritten = new HashSet<>();

  DeliveredMarks(Vertx vertx, OutboxStore store, java.util.function.Consumer<List<Long>> written) {
    this.vertx = vertx;
    this.store = store;
    this.written = written;
  }

  /** Whether a success for {@code id} was added and is not written yet. */
  boolean pending(long id) {
    return unwritten.contains(id);
  }

  /** Adds a delivered row; {@code touchHost}, when not null, gets a success recorded (see {@link OutboxStore#delivered}). */
  void add(long id, int status, String touchHost) {
    unwritten.add(id);
    ids.add(id);
    statuses.add(status);
    if (touchHost != null) {
      succeededHosts.add(touchHost);
    }
    if (ids.size() >= BATCH) {
      flush();
    } else {
      scheduleIfIdle();
    }
  }

  /** Records a success for {@code host} (when not null) with the next batch, as {@link #add} does for a row. */
  void touch(String host) {
    if (host != null) {
      succeededHosts.add(host);
      scheduleIfIdle();
    }
  }

  /** Deletes the delivery batch {@code batch} (every delivery in it has an outcome) with the next batch. */
  void finish(long batch) {
    batches.add(batch);
    if (batches.size() >= BATCH) {
      flush();
    } else {
      scheduleIfIdle();
    }
  }

  private void scheduleIfIdle() {
    if (timer < 0) {
      schedule(DELAY_MILLIS);
    }
  }

  /** Writes what has been added so far. */
  Future<Void> flush() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (ids.isEmpty() && batches.isEmpty() && succeededHosts.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Long> batchIds = ids;
    List<Integer> batchStatuses = statuses;
    Set<String> batchHosts = succeededHosts;
    List<Long> finished = batches;
    ids = new ArrayList<>();
    statuses = new ArrayList<>();
    succeededHosts = new HashSet<>();
    batches = new ArrayList<>();
    return store.delivered(batchIds, batchStatuses, batchHosts, finished).onSuccess(v -> {
      batchIds.forEach(unwritten::remove);
      written.accept(batchIds);
    }).recover(e -> {
      LOG.warn("cannot record {} delivered deliveries, trying again: {}", batchIds.size(), e.toString());
      ids.addAll(batchIds);
      statuses.addAll(batchStatuses);
      succeededHosts.addAll(batchHosts);
      batches.addAll(finished);
      if (timer < 0 && !closed) {
        schedule(RETRY_MILLIS);
      }
      return Future.failedFuture(e);
    });
  }

  /** Writes what is left once more, and stops retrying after that (the worker is stopping). */
  Future<Void> close() {
    closed = true;
    return flush();
  }

  private void schedule(long millis) {
    timer = vertx.setTimer(millis, t -> {
      timer = -1;
      flush();
    });
  }
}
