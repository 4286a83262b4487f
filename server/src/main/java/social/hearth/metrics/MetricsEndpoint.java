package social.hearth.metrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import social.hearth.core.port.QueueDepths;
import social.hearth.db.HostStore;
import social.hearth.db.InboxStore;

/**
 * {@code GET /metrics} in the Prometheus text format: on the main port behind {@code HEARTH_METRICS_TOKEN}, or on its
 * own port ({@code HEARTH_METRICS_PORT}, on the same address as the main server, with the token if one is set too).
 * The database gauges are brought up to date before each answer ({@link Backlogs}).
 */
public final class MetricsEndpoint {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;
  private final Backlogs backlogs;
  private final Optional<byte[]> token;
  private HttpServer server;

  private MetricsEndpoint(Metrics metrics, Backlogs backlogs) {
    this.metrics = metrics;
    this.backlogs = backlogs;
    this.token = metrics.settings().token().map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Registers the database gauges and serves {@code /metrics} as configured: mounted on {@code router} (token only)
   * or on its own server (a port is set). Completes with the endpoint (nothing is served when metrics are off).
   */
  public static Future<MetricsEndpoint> start(Vertx vertx, Metrics metrics, Router router, String bindAddress,
                                              InboxStore inbox, HostStore hosts, QueueDepths depths, int poolSize) {
    if (!metrics.enabled()) {
      return Future.succeededFuture(new MetricsEndpoint(metrics, null));
    }
    io.micrometer.core.instrument.Gauge.builder("hearth.database.pool.max", () -> poolSize)
        .description("Connections this node may open to PostgreSQL (HEARTH_DATABASE_POOL)")
        .baseUnit("connections").register(metrics.registry());
    MetricsEndpoint endpoint = new MetricsEndpoint(metrics, new Backlogs(metrics.registry(), inbox, hosts, depths));
    if (metrics.settings().port().isEmpty()) {
      router.get("/metrics").handler(ctx -> endpoint.handle(ctx.request()));
      return Future.succeededFuture(endpoint);
    }
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      if (request.method() == io.vertx.core.http.HttpMethod.GET && "/metrics".equals(request.path())) {
        endpoint.handle(request);
      } else {
        request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("only GET /metrics is served here\n");
      }
    });
    int port = metrics.settings().port().getAsInt();
    return server.listen(port, bindAddress).<MetricsEndpoint>map(s -> {
      endpoint.server = s;
      return endpoint;
    }).recover(e -> Future.failedFuture(new social.hearth.config.ConfigException("cannot listen on " + bindAddress
        + ":" + port + " for HEARTH_METRICS_PORT: " + e.getMessage())));
  }

  /** The port of the metrics' own server, or -1 when they are served on the main port or not at all. */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    if (token.isPresent()) {
      String header = request.getHeader("Authorization");
      boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
      if (!bearer || !MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), token.get())) {
        request.response().setStatusCode(401)
            .putHeader("WWW-Authenticate", bearer ? "Bearer error=\"invalid_token\"" : "Bearer")
            .putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("send 'Authorization: Bearer <HEARTH_METRICS_TOKEN>'\n");
        return;
      }
    }
    backlogs.refresh().onComplete(x -> request.response().putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(metrics.registry().scrape()));
  }

  /** Stops the metrics' own server, if any, and the JVM binders. */
  public Future<Void> close() {
    metrics.close();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
