package social.hearth.apub.delivery;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.DeliveryBatches;
import social.hearth.db.OutboxStore;

/**
 * Writes what became of a delivery, wherever it is kept: a delivery with a row of its own updates (or deletes) it;
 * a delivery of a re-share's batch ({@link DeliveryBatches}) gets a row only when it failed or is given back, and
 * its batch is deleted, with the next successes, once every delivery in it has an outcome written. Used only on
 * the delivery worker's event-loop context.
 */
final class OutcomeWriter {

  private final OutboxStore store;
  private final DeliveryBatches batches;
  private final DeliveredMarks marks;
  /** How often a node looks for delivery batches whose lease ran out, and how many it expands at once. */
  static final Duration SWEEP_EVERY = Duration.ofSeconds(5);
  private static final int SWEEP_BATCHES = 100;
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);
  /** When this node last looked for batches whose lease ran out (a {@link System#nanoTime}). */
  private long swept = System.nanoTime();
  /**
   * Batches handed to this node, and how many of their deliveries have no outcome written yet. A batch stays here
   * only while it has deliveries in flight or whose outcome could not be written; past {@link #OPEN_MAX} the oldest
   * is forgotten: this node then never deletes it, and when its lease ends it is expanded into rows and sent again
   * (at least once), as after a crash.
   */
  private final Map<Long, Integer> open = new java.util.LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
      if (size() <= OPEN_MAX) {
        return false;
      }
      LOG.warn("more than {} delivery batches open on this node: batch {} is left to expire", OPEN_MAX, eldest.getKey());
      return true;
    }
  };
  static final int OPEN_MAX = 10_000;

  OutcomeWriter(OutboxStore store, DeliveryBatches batches, DeliveredMarks marks) {
    this.store = store;
    this.batches = batches;
    this.marks = marks;
  }

  /** A delivery handed to this node (counted in its batch, if it has one). */
  void took(OutboxStore.Delivery d) {
    if (d.inBatch()) {
      open.merge(d.batch(), 1, Integer::sum);
    }
  }

  /** Sent and answered 2xx: written with the next batch of marks; {@code touchHost} as in {@link DeliveredMarks#add}. */
  void delivered(OutboxStore.Delivery d, int status, String touchHost) {
    if (d.inBatch()) {
      marks.touch(touchHost);
      written(d);
    } else {
      marks.add(d.id(), status, touchHost);
    }
  }

  Future<Void> retry(OutboxStore.Delivery d, int status, String error, Duration delay) {
    return d.inBatch() ? outcome(d, batches.retry(d, status, error, delay)) : store.retry(d.id(), status, error, delay);
  }

  Future<Void> failed(OutboxStore.Delivery d, int status, String error) {
    return d.inBatch() ? outcome(d, batches.failed(d, status, error)) : store.failed(d.id(), status, error);
  }

  /** Handed-over deliveries never attempted, given back as rows due after {@code delay} (their host just failed). */
  void releaseLater(List<OutboxStore.Delivery> unsent, Duration delay) {
    if (unsent.isEmpty()) {
      return;
    }
    batches.release(unsent, delay).onSuccess(v -> unsent.forEach(this::written)).onFailure(e -> {
      LOG.warn("cannot give back {} deliveries of a failing host: {}", unsent.size(), e.toString());
      unsent.forEach(d -> forget(d.batch()));
    });
  }

  /**
   * A batch delivery's outcome being written: counted when written; when it cannot be, the batch is no longer renewed
   * (nor deleted) here, so its lease ends and it is expanded into rows: the delivery is sent again, never lost.
   */
  private Future<Void> outcome(OutboxStore.Delivery d, Future<Void> write) {
    return write.onSuccess(v -> written(d)).onFailure(e -> forget(d.batch()));
  }

  private void forget(long batch) {
    if (open.remove(batch) != null) {
      LOG.warn("an outcome of delivery batch {} could not be written: it is left to its lease, then sent again", batch);
    }
  }

  /** Gives deliveries never attempted back to the queue (rows due now for any node, their claim not counted). */
  Future<Void> release(List<OutboxStore.Delivery> unsent) {
    List<OutboxStore.Delivery> inBatches = unsent.stream().filter(OutboxStore.Delivery::inBatch).toList();
    List<Long> rows = unsent.stream().filter(d -> !d.inBatch()).map(OutboxStore.Delivery::id).toList();
    Future<Void> released = rows.isEmpty() ? Future.succeededFuture() : store.release(rows);
    return inBatches.isEmpty() ? released : released.compose(v -> batches.release(inBatches, Duration.ZERO))
        .onSuccess(v -> inBatches.forEach(this::written)).onFailure(e -> inBatches.forEach(d -> forget(d.batch())));
  }

  /**
   * One more delivery of a batch has its outcome written (or, for a success, queued with the marks that delete the
   * batch): the batch goes with the next marks once none is left. Until then, and if this node dies first, its lease
   * keeps it, and it is expanded into rows when the lease runs out.
   */
  private void written(OutboxStore.Delivery d) {
    // a batch forgotten here (OPEN_MAX) is left to its lease: never deleted on a count that restarted
    Integer left = open.computeIfPresent(d.batch(), (batch, n) -> n - 1);
    if (left != null && left <= 0) {
      open.remove(d.batch());
      marks.finish(d.batch());
    }
  }

  /**
   * Extends the lease of every batch this node holds, so that only a batch of a node that stopped renewing (it died)
   * is expanded into rows and sent again. Never fails.
   */
  Future<Void> renew(Duration lease) {
    if (open.isEmpty()) {
      return Future.succeededFuture();
    }
    return batches.renew(new java.util.ArrayList<>(open.keySet()), lease).recover(e -> {
      LOG.warn("cannot renew the lease of {} delivery batches: {}", open.size(), e.toString());
      return Future.succeededFuture();
    });
  }

  /**
   * At most every {@link #SWEEP_EVERY}: the delivery batches of any node whose lease ran out (the node died or
   * stalled) become rows that this claim can take. Never fails the claim.
   */
  Future<Integer> expandExpired() {
    long now = System.nanoTime();
    if (now - swept < SWEEP_EVERY.toNanos()) {
      return Future.succeededFuture(0);
    }
    swept = now;
    return batches.expandExpired(SWEEP_BATCHES).onSuccess(n -> {
      if (n > 0) {
        LOG.info("{} deliveries of batches whose lease ran out are queued again", n);
      }
    }).recover(e -> {
      LOG.warn("cannot look for delivery batches whose lease ran out: {}", e.toString());
      return Future.succeededFuture(0);
    });
  }
}
