package social.hearth.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.InboxStore;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.ListenerTable;
import social.hearth.federation.vocab.Activity;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * Runs the effects of stored inbox activities through their listener's {@code receive}, in arrival order.
 * An item that fails is retried with backoff, then marked failed with its error.
 */
public final class InboxProcessor extends Worker {

  private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);
  private static final int BATCH = 32;
  private static final int MAX_ATTEMPTS = 8;

  private final InboxStore store;
  private final ListenerTable listeners;
  private final Duration lease;

  public InboxProcessor(Vertx vertx, InboxStore store, ListenerTable listeners, Duration lease) {
    super(vertx, 1_000);
    this.store = store;
    this.listeners = listeners;
    this.lease = lease;
  }

  @Override
  protected Future<Integer> batch() {
    return store.claim(BATCH, lease).compose(items -> {
      Future<Void> chain = Future.succeededFuture();
      for (InboxStore.Item item : items) {
        chain = chain.compose(v -> process(item));
      }
      return chain.map(items.size());
    });
  }

  private Future<Void> process(InboxStore.Item item) {
    Future<Void> effect;
    try {
      JsonNode json = JsonLimits.MAPPER.readTree(item.body());
      Activity activity = Normalizer.activity(json);
      effect = listeners.forType(activity.type())
          .map(l -> l.receive(new InboundActivity(activity, json, item.recipient())))
          .orElse(Future.succeededFuture());
    } catch (Exception e) {
      effect = Future.failedFuture(e);
    }
    return effect.compose(v -> store.done(item.id())).recover(e -> {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (item.attempts() >= MAX_ATTEMPTS) {
        LOG.warn("inbox {} ({} {}) failed for good: {}", item.id(), item.type(), item.activityId(), error);
        return store.failed(item.id(), error);
      }
      Duration delay = Duration.ofSeconds(5L << Math.min(item.attempts(), 10));
      LOG.info("inbox {} ({}) failed, retry in {}: {}", item.id(), item.type(), delay, error);
      return store.retry(item.id(), error, delay);
    });
  }
}
