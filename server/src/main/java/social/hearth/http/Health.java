package social.hearth.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.federation.vocab.JsonLimits;

/**
 * {@code GET /health}, for load balancers and monitoring: 200 when this node's database pool answers a query within
 * {@link #TIMEOUT}, 503 otherwise. The answer also carries the depth of the queues, counted up to {@link #COUNT_CAP}
 * through their partial indexes (so the check stays cheap however long a backlog grows). No authentication, never
 * cached.
 */
public final class Health {

  private static final Logger LOG = LoggerFactory.getLogger(Health.class);
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int COUNT_CAP = 10_000;

  private final Pool pool;
  private final String version;

  public Health(Pool pool, String version) {
    this.pool = pool;
    this.version = version;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::check);
  }

  private void check(RoutingContext ctx) {
    pool.preparedQuery("SELECT (SELECT count(*) FROM (SELECT 1 FROM inbox WHERE state = 'pending' LIMIT $1) i), "
            + "(SELECT count(*) FROM (SELECT 1 FROM deliveries WHERE state = 'pending' AND next_attempt_at <= now() "
            + "LIMIT $1) d)")
        .execute(Tuple.of(COUNT_CAP))
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(rows -> {
          Row r = rows.iterator().next();
          ObjectNode body = JsonLimits.MAPPER.createObjectNode().put("status", "ok").put("version", version);
          body.putObject("queues").put("inboxPending", r.getLong(0)).put("deliveriesDue", r.getLong(1))
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
