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
   * {@code screen}: the content lane's pre-screen of refused posts (null: none).
   */
  public InboxWorkers(Vertx vertx, InboxStore store, ListenerTable listeners, Duration lease, Duration poll,
                      int concurrency, FederationMetrics metrics, CreateScreen screen) {
    for (InboxLane lane : InboxLane.values()) {
      workers.put(lane, new InboxProcessor(vertx, lane, store, listeners, lease, poll, lane.concurrency(concurrency),
          metrics, lane == InboxLane.CONTENT ? screen : null));
    }
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
