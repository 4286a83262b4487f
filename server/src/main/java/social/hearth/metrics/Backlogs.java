package social.hearth.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.QueueDepths;
import social.hearth.db.HostStore;
import social.hearth.db.InboxStore;

/**
 * Gauges read from the database: the inbox backlog of each lane and the age of its oldest due activity, the
 * deliveries due, and how many known hosts are healthy, failing or unavailable. They are read when {@code /metrics}
 * is scraped (ages by the database's clock), at most once per {@link #FRESH} (several scrapers, or several Prometheus servers, cost one read), with
 * counts capped at {@link #CAP}; when the database does not answer within {@link #TIMEOUT}, the last values stay.
 */
final class Backlogs {

  private static final Logger LOG = LoggerFactory.getLogger(Backlogs.class);
  static final Duration FRESH = Duration.ofSeconds(5);
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int CAP = 100_000;
  static final List<String> LANES = List.of("control", "content");

  /** One reading; {@code ages} in seconds. */
  private record Reading(Map<String, Long> due, Map<String, Double> ages, long deliveriesDue, HostStore.States hosts) {}

  private final InboxStore inbox;
  private final HostStore hosts;
  private final QueueDepths depths;
  private volatile Reading last = new Reading(Map.of(), Map.of(), 0, new HostStore.States(0, 0, 0));
  private long readAt = Long.MIN_VALUE;
  private Future<Void> reading;

  Backlogs(MeterRegistry registry, InboxStore inbox, HostStore hosts, QueueDepths depths) {
    this.inbox = inbox;
    this.hosts = hosts;
    this.depths = depths;
    for (String lane : LANES) {
      Gauge.builder("hearth.inbox.backlog", this, b -> b.last.due().getOrDefault(lane, 0L))
          .description("Inbox activities due for processing, by lane (counted up to " + CAP + ")")
          .tag("lane", lane).strongReference(true).register(registry);
      Gauge.builder("hearth.inbox.backlog.age", this, b -> b.last.ages().getOrDefault(lane, 0.0))
          .description("Age of the oldest inbox activity due for processing, by lane (0 when none)")
          .baseUnit("seconds").tag("lane", lane).strongReference(true).register(registry);
    }
    Gauge.builder("hearth.deliveries.due", this, b -> b.last.deliveriesDue())
        .description("Deliveries due now (counted up to " + CAP + ")").strongReference(true).register(registry);
    Gauge.builder("hearth.hosts", this, b -> b.last.hosts().healthy()).tag("state", "healthy")
        .description("Known remote hosts by delivery state").strongReference(true).register(registry);
    Gauge.builder("hearth.hosts", this, b -> b.last.hosts().failing()).tag("state", "failing")
        .description("Known remote hosts by delivery state").strongReference(true).register(registry);
    Gauge.builder("hearth.hosts", this, b -> b.last.hosts().unavailable()).tag("state", "unavailable")
        .description("Known remote hosts by delivery state").strongReference(true).register(registry);
  }

  /** Reads the database unless the last reading is fresh; completes (never fails) when the values are current. */
  synchronized Future<Void> refresh() {
    long now = System.nanoTime();
    if (reading != null) {
      return reading;
    }
    if (readAt != Long.MIN_VALUE && now - readAt < FRESH.toNanos()) {
      return Future.succeededFuture();
    }
    Future<Void> read = Future.all(inbox.backlog(CAP), depths.count(CAP), hosts.states())
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(all -> {
          List<InboxStore.Backlog> lanes = all.resultAt(0);
          QueueDepths.Depths queues = all.resultAt(1);
          Map<String, Long> due = new java.util.HashMap<>();
          Map<String, Double> ages = new java.util.HashMap<>();
          for (InboxStore.Backlog b : lanes) {
            due.put(b.lane(), b.due());
            ages.put(b.lane(), b.ageSeconds());
          }
          last = new Reading(due, ages, queues.deliveriesDue(), all.resultAt(2));
          return (Void) null;
        })
        .recover(e -> {
          LOG.warn("metrics: cannot read the queues from the database: {}", e.toString());
          return Future.succeededFuture();
        })
        .onComplete(x -> {
          synchronized (this) {
            reading = null;
            readAt = System.nanoTime();
          }
        });
    reading = read.isComplete() ? null : read;
    return read;
  }
}
