package social.hearth.services;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.OutboxStore;
import social.hearth.federation.delivery.Deliverer;
import social.hearth.federation.delivery.DeliveryOutcome;
import social.hearth.federation.delivery.RetryPolicy;
import social.hearth.federation.sig.SigningKey;

/**
 * Sends due deliveries from the queue. Each is signed at send time with the sender's current key (the instance
 * actor's for deliveries without a community), retried with backoff on temporary failures, and dropped on
 * permanent ones.
 */
public final class DeliveryWorker extends Worker {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final int BATCH = 64;
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final OutboxStore store;
  private final Deliverer deliverer;
  private final LocalKeys keys;
  private final RetryPolicy retry;

  public DeliveryWorker(Vertx vertx, OutboxStore store, Deliverer deliverer, LocalKeys keys, RetryPolicy retry) {
    super(vertx, 1_000);
    this.store = store;
    this.deliverer = deliverer;
    this.keys = keys;
    this.retry = retry;
  }

  @Override
  protected Future<Integer> batch() {
    return store.claim(BATCH, LEASE).compose(items -> {
      List<Future<Void>> all = new ArrayList<>(items.size());
      for (OutboxStore.Delivery d : items) {
        all.add(send(d));
      }
      return Future.join(all).map(items.size()).otherwise(items.size());
    });
  }

  private Future<Void> send(OutboxStore.Delivery d) {
    Future<SigningKey> key = d.communityId() == null ? Future.succeededFuture(keys.instance()) : keys.forCommunity(d.communityId());
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    return key.compose(k -> deliverer.post(URI.create(d.inbox()), body, k)).compose(outcome -> {
      switch (outcome.result()) {
        case DELIVERED:
          LOG.debug("delivered {} to {}", d.id(), d.inbox());
          return store.delivered(d.id(), outcome.status());
        case PERMANENT:
          LOG.info("delivery {} to {} failed permanently: {}", d.id(), d.inbox(), outcome.detail());
          return store.failed(d.id(), outcome.status(), outcome.detail());
        default:
          Duration delay = retry.nextDelay(d.attempts(), outcome.retryAfter());
          if (delay == null) {
            LOG.info("delivery {} to {} given up after {} attempts: {}", d.id(), d.inbox(), d.attempts(), outcome.detail());
            return store.failed(d.id(), outcome.status(), "gave up: " + outcome.detail());
          }
          LOG.debug("delivery {} to {} will be retried in {}: {}", d.id(), d.inbox(), delay, outcome.detail());
          return store.retry(d.id(), outcome.status(), outcome.detail(), delay);
      }
    }).recover(e -> {
      LOG.warn("delivery {} could not be attempted: {}", d.id(), e.toString());
      return store.retry(d.id(), 0, String.valueOf(e.getMessage()), Duration.ofMinutes(1));
    });
  }
}
