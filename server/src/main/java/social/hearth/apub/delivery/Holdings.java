package social.hearth.apub.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import social.hearth.db.OutboxStore;

/**
 * What a node's delivery worker holds (in flight or waiting for a slot), counted three ways: per host in all (what
 * the queue reads, from any thread, before handing over more: {@link OutboxStore.Sender#holding}), the claimed rows
 * per host (what a claim counts, so a host's handed-over re-shares never keep its rows from being claimed), and the
 * handed-over re-shares per host, with the sum over the hosts below their cap (what more intake would add to: a host
 * at its cap gets no more, so its backlog, however slow it is, never holds the inbox back). Also the bytes held and
 * the requests in flight of each kind. Used on the worker's context only, except {@link #all}.
 */
final class Holdings {

  private final int handedPerHost;
  final Map<String, Integer> all = new ConcurrentHashMap<>();
  private final Map<String, Integer> rows = new HashMap<>();
  private final Map<String, Integer> handed = new HashMap<>();
  private int handedBelowCap;
  private long bytes;
  private int rowsInFlight;
  private int handedInFlight;

  Holdings(int handedPerHost) {
    this.handedPerHost = handedPerHost;
  }

  /** A delivery this node took ({@code +1}) or is done with ({@code -1}). */
  void hold(OutboxStore.Delivery d, int change) {
    all.merge(d.host(), change, Holdings::sum);
    bytes += (long) change * d.body().length();
    if (!d.inBatch()) {
      rows.merge(d.host(), change, Holdings::sum);
      return;
    }
    int before = handed.getOrDefault(d.host(), 0);
    int after = before + change;
    handed.merge(d.host(), change, Holdings::sum);
    handedBelowCap += (after < handedPerHost ? after : 0) - (before < handedPerHost ? before : 0);
  }

  /** A request started ({@code +1}) or ended ({@code -1}). */
  void flying(OutboxStore.Delivery d, int change) {
    if (d.inBatch()) {
      handedInFlight += change;
    } else {
      rowsInFlight += change;
    }
  }

  Map<String, Integer> rows() {
    return new HashMap<>(rows);
  }

  int handedBelowCap() {
    return handedBelowCap;
  }

  long bytes() {
    return bytes;
  }

  int rowsInFlight() {
    return rowsInFlight;
  }

  int handedInFlight() {
    return handedInFlight;
  }

  private static Integer sum(Integer a, Integer b) {
    return a + b == 0 ? null : a + b;
  }
}
