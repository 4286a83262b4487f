package social.hearth.apub.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.db.OutboxStore;

/**
 * The deliveries a node holds that wait for one of their host's slots: the rows it claimed (an Accept, a retry) go
 * before the re-shares handed over in bulk ({@link OutboxStore#reshareAll}), each kind in the order it came, so a
 * Follow's Accept never waits behind a host's backlog of re-shares. Used on the delivery worker's context only.
 */
final class WaitingDeliveries {

  private final Map<String, Deque<OutboxStore.Delivery>> rows = new HashMap<>();
  private final Map<String, Deque<OutboxStore.Delivery>> handed = new HashMap<>();
  /** Handed-over re-shares whose host has a free slot, waiting for one of the node's (see {@link #addPending}). */
  private final Deque<OutboxStore.Delivery> pending = new ArrayDeque<>();
  private int rowCount;
  private int handedCount;

  /** A handed-over re-share waiting only for the node's limit of requests in flight, in the order it came. */
  void addPending(OutboxStore.Delivery d) {
    pending.add(d);
  }

  /** The next re-share waiting for the node's limit, or null. */
  OutboxStore.Delivery nextPending() {
    return pending.poll();
  }

  /**
   * Takes the re-shares handed over for {@code host} that wait for its slots (the host just failed: they go back to
   * the queue, to be tried after its backoff, rather than each to the request timeout here).
   */
  List<OutboxStore.Delivery> takeHanded(String host) {
    Deque<OutboxStore.Delivery> queue = handed.remove(host);
    List<OutboxStore.Delivery> out = queue == null ? new ArrayList<>() : new ArrayList<>(queue);
    handedCount -= out.size();
    for (java.util.Iterator<OutboxStore.Delivery> it = pending.iterator(); it.hasNext(); ) {
      OutboxStore.Delivery d = it.next();
      if (d.host().equals(host)) {
        out.add(d);
        it.remove();
      }
    }
    return out;
  }

  void add(OutboxStore.Delivery d) {
    (d.inBatch() ? handed : rows).computeIfAbsent(d.host(), h -> new ArrayDeque<>()).add(d);
    if (d.inBatch()) {
      handedCount++;
    } else {
      rowCount++;
    }
  }

  /** The host's next waiting delivery, or null. */
  OutboxStore.Delivery next(String host) {
    OutboxStore.Delivery d = next(rows, host);
    if (d != null) {
      rowCount--;
      return d;
    }
    d = next(handed, host);
    if (d != null) {
      handedCount--;
    }
    return d;
  }

  /** Claimed rows waiting. */
  int rows() {
    return rowCount;
  }

  /** Everything waiting. */
  int size() {
    return rowCount + handedCount + pending.size();
  }

  /** Takes everything that waits. */
  List<OutboxStore.Delivery> clear() {
    List<OutboxStore.Delivery> all = new ArrayList<>();
    rows.values().forEach(all::addAll);
    handed.values().forEach(all::addAll);
    all.addAll(pending);
    rows.clear();
    handed.clear();
    pending.clear();
    rowCount = 0;
    handedCount = 0;
    return all;
  }

  private static OutboxStore.Delivery next(Map<String, Deque<OutboxStore.Delivery>> queues, String host) {
    Deque<OutboxStore.Delivery> queue = queues.get(host);
    OutboxStore.Delivery d = queue == null ? null : queue.poll();
    if (queue != null && queue.isEmpty()) {
      queues.remove(host);
    }
    return d;
  }
}
