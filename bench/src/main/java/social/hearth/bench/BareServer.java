package social.hearth.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
