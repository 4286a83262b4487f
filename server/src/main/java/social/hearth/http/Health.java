package social.hearth.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.QueueDepths;
import social.hearth.federation.vocab.JsonLimits;

/**
 * {@code GET /health}, for load balancers and monitoring: 200 when this node's database answers within
 * {@link #TIMEOUT}, 503 otherwise. The answer also carries the depth of the queues, counted up to {@link #COUNT_CAP}
 * through their partial indexes (so the check stays cheap however long a backlog grows). No authentication, never
 * cached.
 */
public final class Health {

  private static final Logger LOG = LoggerFactory.getLogger(Health.class);
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int COUNT_CAP = 10_000;

  private final QueueDepths queues;
  private final String version;

  public Health(QueueDepths queues, String version) {
    this.queues = queues;
    this.version = version;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::check);
  }

  private void check(RoutingContext ctx) {
    queues.count(COUNT_CAP)
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(depths -> {
          ObjectNode body = JsonLimits.MAPPER.createObjectNode().put("status", "ok").put("version", version);
          body.putObject("queues").put("inboxPending", depths.inboxPending()).put("deliveriesDue", depths.deliveriesDue())
              .put("countedUpTo", COUNT_CAP);
          send(ctx, 200, body);
        })
        .onFailure(e -> {
          LOG.warn("health check failed: the database did not answer: {}", e.toString());
          send(ctx, 503, JsonLimits.MAPPER.createObjectNode().put("status", "unavailable").put("version", version)
              .put("message", "the database did not answer within " + TIMEOUT.toSeconds() + " s"));
        });
  }

  private static void send(RoutingContext ctx, int status, ObjectNode body) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body.toString());
  }
}
