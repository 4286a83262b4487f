package social.hearth.services;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.HostStore;
import social.hearth.db.OutboxStore;
import social.hearth.federation.delivery.Deliverer;
import social.hearth.federation.delivery.DeliveryOutcome;
import social.hearth.federation.delivery.RetryPolicy;
import social.hearth.federation.sig.SigningKey;

/**
 * Sends due deliveries from the queue. At most {@link #MAX_IN_FLIGHT} requests are open at once and at most
 * {@link #PER_HOST} to any one host, so a slow or dead host holds only its own slots and delays nobody else.
 * Each request is signed at send time with the sender's current key; temporary failures are retried with backoff
 * (and count towards the host's unavailability), permanent ones are dropped.
 *
 * <p>All state here lives on the worker's event-loop context; only the database is shared between nodes.
 */
public final class DeliveryWorker extends Worker {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  static final int MAX_IN_FLIGHT = 128;
  static final int PER_HOST = 4;
  private static final int CLAIM = 64;
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final OutboxStore store;
  private final HostStore hosts;
  private final Deliverer deliverer;
  private final LocalKeys keys;
  private final RetryPolicy retry;
  private final Map<String, Integer> inFlightByHost = new HashMap<>();
  private final Map<String, Deque<OutboxStore.Delivery>> waiting = new HashMap<>();
  private int inFlight;
  private int queuedLocally;

  public DeliveryWorker(Vertx vertx, OutboxStore store, HostStore hosts, Deliverer deliverer, LocalKeys keys,
                        RetryPolicy retry) {
    super(vertx, 1_000);
    this.store = store;
    this.hosts = hosts;
    this.deliverer = deliverer;
    this.keys = keys;
    this.retry = retry;
  }

  @Override
  protected Future<Integer> batch() {
    int capacity = MAX_IN_FLIGHT - inFlight - queuedLocally;
    if (capacity <= 0) {
      return Future.succeededFuture(0);
    }
    List<String> busy = new ArrayList<>();
    inFlightByHost.forEach((host, n) -> {
      if (n >= PER_HOST) {
        busy.add(host);
      }
    });
    return store.claim(Math.min(CLAIM, capacity), PER_HOST, busy, LEASE).map(items -> {
      for (OutboxStore.Delivery d : items) {
        start(d);
      }
      return items.size();
    });
  }

  private void start(OutboxStore.Delivery d) {
    int running = inFlightByHost.getOrDefault(d.host(), 0);
    if (running >= PER_HOST) {
      waiting.computeIfAbsent(d.host(), h -> new ArrayDeque<>()).add(d);
      queuedLocally++;
      return;
    }
    inFlightByHost.put(d.host(), running + 1);
    inFlight++;
    send(d).onComplete(x -> finished(d.host()));
  }

  private void finished(String host) {
    inFlight--;
    int left = inFlightByHost.merge(host, -1, Integer::sum);
    if (left <= 0) {
      inFlightByHost.remove(host);
    }
    Deque<OutboxStore.Delivery> next = waiting.get(host);
    if (next != null) {
      OutboxStore.Delivery d = next.poll();
      if (next.isEmpty()) {
        waiting.remove(host);
      }
      if (d != null) {
        queuedLocally--;
        start(d);
      }
    }
    wake();
  }

  private Future<Void> send(OutboxStore.Delivery d) {
    Future<SigningKey> key = d.communityId() == null ? Future.succeededFuture(keys.instance()) : keys.forCommunity(d.communityId());
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    return key.compose(k -> deliverer.post(URI.create(d.inbox()), body, k)).compose(outcome -> {
      switch (outcome.result()) {
        case DELIVERED:
          LOG.debug("delivered {} to {}", d.id(), d.inbox());
          return store.delivered(d.id(), outcome.status()).compose(v -> hosts.success(d.host()));
        case PERMANENT:
          LOG.info("delivery {} to {} failed permanently: {}", d.id(), d.inbox(), outcome.detail());
          return store.failed(d.id(), outcome.status(), outcome.detail());
        default:
          Duration delay = retry.nextDelay(d.attempts(), outcome.retryAfter());
          Future<Void> recorded = delay == null
              ? store.failed(d.id(), outcome.status(), "gave up after " + d.attempts() + " attempts: " + outcome.detail())
              : store.retry(d.id(), outcome.status(), outcome.detail(), delay);
          return recorded.compose(v -> hosts.failure(d.host())).compose(unavailable -> {
            if (unavailable) {
              LOG.info("{} has failed every delivery for {}: marked unavailable", d.host(), HostStore.UNAVAILABLE_AFTER);
              return store.postponeHost(d.host(), HostStore.PROBE_EVERY);
            }
            return Future.succeededFuture();
          });
      }
    }).recover(e -> {
      LOG.warn("delivery {} could not be attempted: {}", d.id(), e.toString());
      return store.retry(d.id(), 0, String.valueOf(e.getMessage()), Duration.ofMinutes(1));
    });
  }
}
