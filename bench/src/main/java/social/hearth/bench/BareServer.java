package social.hearth.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP ceiling for pages: a bare Vert.x server set up like Hearth's (one HTTP server per processor, each on its
 * own event loop and all on one port, compression support on) that answers every GET with a fixed body (the community
 * page Hearth served). Run by the bench as its own JVM: {@code BareServer <port> <body file>}.
 */
public final class BareServer {

  private BareServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
    Vertx vertx = Vertx.vertx();
    int loops = Runtime.getRuntime().availableProcessors();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
            .requestHandler(req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(body))
            .listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(loops)).await();
    System.out.println("Hearth is running (bare Vert.x server for the HTTP ceiling, " + loops + " event loops)");
  }

  /**
   * Starts the bare server in its own JVM (listed in {@code nodes} while it runs, so a stopped bench stops it too),
   * and measures its maximum rate for {@code page} (or a page of about the same size) over 32 connections.
   */
  static Map<String, Object> measure(Options o, Vertx vertx, Postgres pg, Path runDir, byte[] page, List<Node> nodes)
      throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Path body = runDir.resolve("community-page.html");
    Files.write(body, page != null ? page
        : "<!doctype html><title>bench</title><p>a page of about the size of a community page</p>".repeat(20)
            .getBytes(StandardCharsets.UTF_8));
    int port = Bench.freePort();
    Node bareNode = Node.start("bare", o.hearthJvm, List.of(BareServer.class.getName(), String.valueOf(port), body.toString()),
        Map.of(), port, runDir.resolve("bare.log"));
    nodes.add(bareNode);
    try (Load load = new Load(vertx, "127.0.0.1", port, 64)) {
      Load.Request q = new Load.Request(HttpMethod.GET, "/c/bench-fanout",
          MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html"), null);
      load.closed("warm-up", i -> q, Integer.MAX_VALUE, 8, o.quick ? 2_000 : 4_000);
      Usage u = Usage.begin(bareNode, pg);
      Load.Result max = load.closed("bare max", i -> q, Integer.MAX_VALUE, 32, o.quick ? 3_000 : 5_000);
      u.end();
      r.put("max", max);
      r.put("usage", u);
      Bench.log("HTTP ceiling (bare Vert.x server, same page, 32 connections): %.0f/s (per second %s), p50 %.2f ms, "
              + "p99 %.2f ms; server %.2f cores, RSS %d MB", max.okPerSecond(), max.spread(),
          max.latencies.percentileMs(50), max.latencies.percentileMs(99), u.hearthCores, u.maxRssMb());
    } finally {
      bareNode.close();
      nodes.remove(bareNode);
    }
    return r;
  }
}
