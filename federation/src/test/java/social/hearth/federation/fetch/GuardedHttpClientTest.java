package social.hearth.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one outbound client refuses every way of being pointed at a place it must not reach. */
class GuardedHttpClientTest {

  static Vertx vertx;
  static HttpServer server;
  static int port;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/ok" -> req.response().end("fine");
        case "/to-private" -> req.response().setStatusCode(302).putHeader("Location", "http://127.0.0.2:" + port + "/ok").end();
        case "/loop" -> req.response().setStatusCode(302).putHeader("Location", "/loop").end();
        case "/to-file" -> req.response().setStatusCode(302).putHeader("Location", "file:///etc/passwd").end();
        case "/big" -> req.response().setChunked(true).end(Buffer.buffer(new byte[2 * 1024 * 1024]));
        case "/big-declared" -> req.response().putHeader("Content-Length", "5000000").end(Buffer.buffer(new byte[10]));
        case "/slow" -> vertx.setTimer(3_000, t -> req.response().end("late"));
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    port = server.actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** Allows 127.0.0.1 (the test server) and nothing else private. */
  static GuardedHttpClient client(Duration deadline) {
    AddressGuard guard = AddressGuard.permitting(a -> a.getHostAddress().equals("127.0.0.1") || AddressGuard.isPublicUnicast(a));
    return new GuardedHttpClient(vertx, guard, deadline, "test");
  }

  static Throwable failure(GuardedHttpClient c, String url) {
    Future<HttpResult> f = c.send(HttpMethod.GET, URI.create(url), u -> Map.of(), null, 1024 * 1024);
    try {
      f.await();
    } catch (Throwable e) {
      return f.cause();
    }
    throw new AssertionError("expected a failure for " + url);
  }

  @Test
  void anAllowedAddressIsReached() {
    HttpResult r = client(Duration.ofSeconds(5)).send(HttpMethod.GET, URI.create("http://127.0.0.1:" + port + "/ok"),
        u -> Map.of(), null, 1024).await();
    assertEquals(200, r.status());
    assertEquals("fine", r.body().toString());
  }

  @Test
  void loopbackIsRefusedByDefault() {
    GuardedHttpClient strict = new GuardedHttpClient(vertx, new AddressGuard(false), Duration.ofSeconds(5), "test");
    FetchException e = assertInstanceOf(FetchException.class, failure(strict, "http://127.0.0.1:" + port + "/ok"));
    assertEquals(FetchException.Kind.REFUSED_ADDRESS, e.kind());
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefused() {
    GuardedHttpClient strict = new GuardedHttpClient(vertx, new AddressGuard(false), Duration.ofSeconds(5), "test");
    FetchException e = assertInstanceOf(FetchException.class, failure(strict, "http://localhost:" + port + "/ok"));
    assertEquals(FetchException.Kind.REFUSED_ADDRESS, e.kind());
  }

  @Test
  void oddLiteralFormsOfLoopbackAreRefused() {
    GuardedHttpClient strict = new GuardedHttpClient(vertx, new AddressGuard(false), Duration.ofSeconds(5), "test");
    for (String host : new String[] {"127.1", "2130706433", "[::ffff:127.0.0.1]", "[::1]", "0.0.0.0"}) {
      Throwable t = failure(strict, "http://" + host + ":" + port + "/ok");
      FetchException e = assertInstanceOf(FetchException.class, t, host);
      // refused as an address, or not even accepted as a URL host: either way no connection is made
      assertEquals(true, e.kind() == FetchException.Kind.REFUSED_ADDRESS || e.kind() == FetchException.Kind.BAD_URL,
          host + ": " + e.kind());
    }
  }

  @Test
  void aRedirectToAPrivateAddressIsRefused() {
    FetchException e = assertInstanceOf(FetchException.class, failure(client(Duration.ofSeconds(5)), "http://127.0.0.1:" + port + "/to-private"));
    assertEquals(FetchException.Kind.REFUSED_ADDRESS, e.kind());
  }

  @Test
  void aRedirectLoopStopsAfterFiveHops() {
    FetchException e = assertInstanceOf(FetchException.class, failure(client(Duration.ofSeconds(5)), "http://127.0.0.1:" + port + "/loop"));
    assertEquals(FetchException.Kind.TOO_MANY_REDIRECTS, e.kind());
  }

  @Test
  void aRedirectToAnotherSchemeIsRefused() {
    FetchException e = assertInstanceOf(FetchException.class, failure(client(Duration.ofSeconds(5)), "http://127.0.0.1:" + port + "/to-file"));
    assertEquals(FetchException.Kind.BAD_URL, e.kind());
  }

  @Test
  void credentialsInAUrlAreRefused() {
    FetchException e = assertInstanceOf(FetchException.class, failure(client(Duration.ofSeconds(5)), "http://user:pw@127.0.0.1:" + port + "/ok"));
    assertEquals(FetchException.Kind.BAD_URL, e.kind());
  }

  @Test
  void aBodyOverTheCapIsCutOff() {
    FetchException e = assertInstanceOf(FetchException.class, failure(client(Duration.ofSeconds(5)), "http://127.0.0.1:" + port + "/big"));
    assertEquals(FetchException.Kind.TOO_LARGE, e.kind());
    FetchException declared = assertInstanceOf(FetchException.class, failure(client(Duration.ofSeconds(5)), "http://127.0.0.1:" + port + "/big-declared"));
    assertEquals(FetchException.Kind.TOO_LARGE, declared.kind());
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsAbandoned() {
    FetchException e = assertInstanceOf(FetchException.class, failure(client(Duration.ofMillis(500)), "http://127.0.0.1:" + port + "/slow"));
    assertEquals(FetchException.Kind.TIMEOUT, e.kind());
  }
}
