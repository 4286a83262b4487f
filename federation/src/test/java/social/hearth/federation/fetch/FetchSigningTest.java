package social.hearth.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;

/** The instance key signs fetches on the worker pool, and fetched documents lose their private addressees. */
class FetchSigningTest {

  static Vertx vertx;
  static HttpServer server;
  static String origin;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("Content-Type", "application/activity+json")
        .end("{\"id\":\"" + origin + req.path() + "\",\"type\":\"Note\",\"bto\":[\"https://secret.example/u\"],"
            + "\"bcc\":\"https://secret.example/v\",\"content\":\"hi\"}")).listen(0, "127.0.0.1").await();
    origin = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void theInstanceKeySignsOnTheWorkerPoolAndPrivateAddresseesAreDropped() {
    SigningKey key = new SigningKey(origin + "/actor#main-key", Keys.generateRsa2048().getPrivate());
    List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    GuardedHttpClient http = new GuardedHttpClient(vertx, AddressGuard.permitting(a -> true), Duration.ofSeconds(5), "test");
    ActivityPubFetcher fetcher = new ActivityPubFetcher(http, new DraftCavage(Clock.systemUTC(), Duration.ofHours(1)), () -> {
      onEventLoop.add(Context.isOnEventLoopThread());
      return key;
    });
    JsonNode doc = vertx.getOrCreateContext().<JsonNode>executeBlocking(() -> null, false)
        .compose(x -> fetcher.fetch(origin + "/notes/1")).await();
    assertEquals("hi", doc.get("content").asText());
    assertFalse(doc.toString().contains("secret.example"), doc.toString());
    assertFalse(onEventLoop.isEmpty());
    assertTrue(onEventLoop.stream().noneMatch(b -> b), "signed on the event loop: " + onEventLoop);
  }
}
