package social.hearth;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hearth's HTTP servers: one per event loop ({@code HEARTH_HTTP_THREADS} of them), all on the same port, so requests
 * run on several threads at once. Vert.x binds the port once and hands each new connection to the next server in
 * turn; a connection then stays on its server's event loop.
 *
 * <p>Port 0 (any free port, as tests use) cannot simply be shared: each server asking for port 0 would get its own
 * port, and a second server asking for the port the first one got is refused (Vert.x shares a port among the servers
 * that asked for the same number). Vert.x shares a random port among servers that listen on the same
 * <em>negative</em> port, so port 0 becomes a negative number unique to this set of servers.
 */
final class HttpServers {

  /** Negative port numbers already used in this JVM, so two Hearths on port 0 never share a port. */
  private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();

  private final Vertx vertx;
  private final String deploymentId;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpServers(Vertx vertx, String deploymentId, int port) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.port = port;
  }

  /** Starts {@code instances} servers on {@code port} (0 for any free port) and completes once all listen. */
  static Future<HttpServers> start(Vertx vertx, Handler<HttpServerRequest> handler, HttpServerOptions options,
                                   int instances, int port, String host) {
    int listenOn = port == 0 ? -RANDOM_PORT_GROUPS.incrementAndGet() : port;
    List<Instance> started = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      Instance instance = new Instance(handler, options, listenOn, host);
      started.add(instance);
      return instance;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> new HttpServers(vertx, id, started.get(0).server.actualPort()));
  }

  /** The port every server listens on. */
  int port() {
    return port;
  }

  /** Closes every server (the port is closed when this completes); closing again does nothing. */
  Future<Void> close() {
    return closed.compareAndSet(false, true) ? vertx.undeploy(deploymentId) : Future.succeededFuture();
  }

  /** One server, on the event loop of its own deployment context. */
  private static final class Instance extends VerticleBase {
    private final Handler<HttpServerRequest> handler;
    private final HttpServerOptions options;
    private final int port;
    private final String host;
    private volatile HttpServer server;

    Instance(Handler<HttpServerRequest> handler, HttpServerOptions options, int port, String host) {
      this.handler = handler;
      this.options = options;
      this.port = port;
      this.host = host;
    }

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions(options)).requestHandler(handler);
      return server.listen(port, host);
    }

    @Override
    public Future<?> stop() {
      return server.close();
    }
  }
}
