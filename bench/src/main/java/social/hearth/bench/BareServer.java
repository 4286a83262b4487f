package social.hearth.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTTP ceiling for pages: a bare Vert.x server, set up like Hearth's (one HttpServer created outside a verticle,
 * compression support on), that answers every GET with a fixed body (the community page Hearth served). Run by the
 * bench as its own JVM: {@code BareServer <port> <body file>}.
 */
public final class BareServer {

  private BareServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setCompressionSupported(true))
        .requestHandler(req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(body))
        .listen(port, "127.0.0.1").await();
    System.out.println("Hearth is running (bare Vert.x server for the HTTP ceiling)");
  }
}
