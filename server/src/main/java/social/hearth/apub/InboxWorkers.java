package social.hearth.apub;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import social.hearth.db.InboxStore;
import social.hearth.federation.inbox.ListenerTable;

/** The inbox's workers, one per {@link InboxLane}: a flood of posts never delays a join or a deletion. */
public final class InboxWorkers {

  private final Map<InboxLane, InboxProcessor> workers = new EnumMap<>(InboxLane.class);

  /**
   * {@code concurrency}: items in flight at once in both lanes together, see {@link InboxProcessor#concurrency(int)};
   * {@code screen}: the content lane's pre-screen of refused posts (null: none); {@code backedUp}: whether the node's
   * deliveries are backed up, so the content lane waits a little before taking more (see
   * {@link InboxProcessor#held}).
   */
  public InboxWorkers(Vertx vertx, InboxStore store, ListenerTable listeners, Duration lease, Duration poll,
                      int concurrency, FederationMetrics metrics, CreateScreen screen,
                      java.util.function.BooleanSupplier backedUp) {
    for (InboxLane lane : InboxLane.values()) {
      InboxProcessor p = new InboxProcessor(vertx, lane, store, listeners, lease, poll, lane.concurrency(concurrency),
          metrics, lane == InboxLane.CONTENT ? screen : null);
      if (lane == InboxLane.CONTENT) {
        p.heldBack(backedUp);
      }
      workers.put(lane, p);
    }
  }

  /** Without a hold on the content lane. */
  public InboxWorkers(Vertx vertx, InboxStore store, ListenerTable listeners, Duration lease, Duration poll,
                      int concurrency, FederationMetrics metrics, CreateScreen screen) {
    this(vertx, store, listeners, lease, poll, concurrency, metrics, screen, () -> false);
  }

  public void start() {
    workers.values().forEach(InboxProcessor::start);
  }

  public void stop() {
    workers.values().forEach(InboxProcessor::stop);
  }

  /** A new activity was stored in {@code lane}: its worker looks at once. */
  public void wake(InboxLane lane) {
    workers.get(lane).wake();
  }
}
