package social.hearth.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.federation.fetch.AddressGuard;
import social.hearth.federation.fetch.FetchException;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.spi.InMemorySignatureSchemes;

/**
 * Outgoing double-knocking against a real HTTP server on 127.0.0.1 that verifies every signature it gets (so
 * the headers we send, after the HTTP client, are proven to verify end to end) and accepts only some schemes,
 * per path: /legacy/ only draft-cavage (401 otherwise), /modern/ only RFC 9421, /picky/ only draft-cavage with
 * a 403 carrying Accept-Signature, /forbidden/ 403, /broken/ 500, anything else 401.
 */
class DoubleKnockTest {

  static final KeyPair RSA = Keys.generateRsa2048();
  static final KeyPair ED = Keys.generateEd25519();
  static final String KEY_ID = "https://hearth.example/c/books#main-key";
  static final String ED_KEY_ID = "https://hearth.example/c/books#ed25519-key";
  /** The keys the test server knows, by key id. */
  static final java.util.Map<String, java.security.PublicKey> KEYS = java.util.Map.of(KEY_ID, RSA.getPublic(),
      ED_KEY_ID, ED.getPublic());
  static final byte[] BODY = "{\"type\":\"Announce\"}".getBytes(StandardCharsets.UTF_8);

  static Vertx vertx;
  static HttpServer server;
  static int port;
  static GuardedHttpClient http;
  /**
   * Every request the server received: its path and the scheme of its signature if that signature verified
   * (null otherwise). Every signature we send must verify; the path alone decides which schemes are accepted.
   */
  static final List<String> seen = new CopyOnWriteArrayList<>();
  static final HttpSignatures verifier = new HttpSignatures(Clock.systemUTC(), Duration.ofMinutes(5));

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      SignatureScheme scheme = verified(req, body.getBytes());
      seen.add(req.path() + " " + scheme);
      String path = req.path();
      boolean modern = scheme == SignatureScheme.RFC9421;
      boolean legacy = scheme == SignatureScheme.DRAFT_CAVAGE;
      if (path.startsWith("/legacy/")) {
        answer(req, legacy, 401, false);
      } else if (path.startsWith("/modern/")) {
        answer(req, modern, 401, false);
      } else if (path.startsWith("/picky/")) {
        answer(req, legacy, 403, true);
      } else if (path.startsWith("/forbidden/")) {
        answer(req, false, 403, false);
      } else if (path.startsWith("/broken/")) {
        answer(req, false, 500, false);
      } else {
        answer(req, false, 401, false);
      }
    })).listen(0, "127.0.0.1").await();
    port = server.actualPort();
    http = new GuardedHttpClient(vertx, new AddressGuard(true), Duration.ofSeconds(5), "hearth-test");
  }

  /** The scheme of a signature that verifies with our key, or null. */
  static SignatureScheme verified(HttpServerRequest req, byte[] body) {
    RequestView view = new RequestView() {
      @Override
      public String method() {
        return req.method().name();
      }

      @Override
      public String pathAndQuery() {
        return req.uri();
      }

      @Override
      public String scheme() {
        return "http";
      }

      @Override
      public List<String> headers(String name) {
        return req.headers().getAll(name);
      }
    };
    try {
      var prepared = verifier.prepare(view, body);
      java.security.PublicKey publicKey = KEYS.get(prepared.keyId());
      if (publicKey == null) {
        return null;
      }
      prepared.verify(publicKey);
      return prepared.scheme();
    } catch (SignatureException e) {
      return null;
    }
  }

  static void answer(HttpServerRequest req, boolean accept, int refusal, boolean acceptSignature) {
    if (!accept) {
      if (acceptSignature) {
        req.response().putHeader("Accept-Signature", "sig1=(\"@method\" \"@target-uri\");keyid=\"x\"");
      }
      req.response().setStatusCode(refusal).end();
    } else if (req.method().name().equals("GET")) {
      String id = "http://127.0.0.1:" + port + req.uri();
      req.response().putHeader("Content-Type", "application/activity+json")
          .end("{\"id\":\"" + id + "\",\"type\":\"Person\"}");
    } else {
      req.response().setStatusCode(202).end();
    }
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void clear() {
    seen.clear();
  }

  final InMemorySignatureSchemes memory = new InMemorySignatureSchemes();
  final Deliverer deliverer = new Deliverer(http, verifier, memory);
  final SigningKey key = new SigningKey(KEY_ID, RSA.getPrivate());

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  Optional<SignatureScheme> remembered() {
    return memory.preferred("127.0.0.1:" + port).await();
  }

  @Test
  void aPeerThatRefusesRfc9421GetsOneRetryWithDraftCavageWhichIsRemembered() {
    DeliveryOutcome first = deliverer.post(url("/legacy/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, first.result());
    assertEquals(202, first.status());
    assertTrue(first.detail().contains("draft-cavage"), first.detail());
    assertEquals(List.of("/legacy/inbox RFC9421", "/legacy/inbox DRAFT_CAVAGE"), seen);
    assertEquals(Optional.of(SignatureScheme.DRAFT_CAVAGE), remembered());

    seen.clear();
    DeliveryOutcome second = deliverer.post(url("/legacy/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, second.result());
    assertEquals(List.of("/legacy/inbox DRAFT_CAVAGE"), seen);
  }

  @Test
  void aPeerThatAcceptsRfc9421IsKnockedOnceAndRemembered() {
    DeliveryOutcome outcome = deliverer.post(url("/modern/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, outcome.result());
    assertEquals(List.of("/modern/inbox RFC9421"), seen);
    assertEquals(Optional.of(SignatureScheme.RFC9421), remembered());
  }

  @Test
  void aPeerThatUpgradedAwayFromTheRememberedSchemeIsLearnedAgain() {
    memory.remember("127.0.0.1:" + port, SignatureScheme.DRAFT_CAVAGE).await();
    DeliveryOutcome outcome = deliverer.post(url("/modern/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, outcome.result());
    assertEquals(List.of("/modern/inbox DRAFT_CAVAGE", "/modern/inbox RFC9421"), seen);
    assertEquals(Optional.of(SignatureScheme.RFC9421), remembered());
  }

  @Test
  void aForbiddenAnswerWithAcceptSignatureAlsoTriggersTheRetry() {
    DeliveryOutcome outcome = deliverer.post(url("/picky/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, outcome.result());
    assertEquals(List.of("/picky/inbox RFC9421", "/picky/inbox DRAFT_CAVAGE"), seen);
  }

  @Test
  void aPlainForbiddenAnswerIsNotRetriedAndTeachesNothing() {
    DeliveryOutcome outcome = deliverer.post(url("/forbidden/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.PERMANENT, outcome.result());
    assertEquals(List.of("/forbidden/inbox RFC9421"), seen);
    assertEquals(Optional.empty(), remembered());
  }

  @Test
  void aServerErrorIsNotRetriedWithTheOtherScheme() {
    DeliveryOutcome outcome = deliverer.post(url("/broken/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.RETRY, outcome.result());
    assertEquals(1, seen.size());
    assertEquals(Optional.empty(), remembered());
  }

  @Test
  void aPeerRefusingBothSchemesIsKnockedTwiceAndNothingIsRemembered() {
    DeliveryOutcome outcome = deliverer.post(url("/nobody/inbox"), BODY, key).await();
    assertEquals(DeliveryOutcome.Result.RETRY, outcome.result());
    assertEquals(401, outcome.status());
    assertEquals(List.of("/nobody/inbox RFC9421", "/nobody/inbox DRAFT_CAVAGE"), seen);
    assertEquals(Optional.empty(), remembered());
  }

  @Test
  void theOldConstructorStillDoubleKnocks() {
    Deliverer old = new Deliverer(http, new DraftCavage(Clock.systemUTC(), Duration.ofMinutes(5)));
    assertEquals(DeliveryOutcome.Result.DELIVERED, old.post(url("/legacy/inbox"), BODY, key).await().result());
    assertEquals(List.of("/legacy/inbox RFC9421", "/legacy/inbox DRAFT_CAVAGE"), seen);
  }

  @Test
  void aSignedFetchDoubleKnocksAndRemembers() {
    ActivityPubFetcher fetcher = new ActivityPubFetcher(http, verifier, () -> key, memory);
    JsonNode doc = fetcher.fetch(url("/legacy/actor").toString()).await();
    assertEquals("Person", doc.get("type").asText());
    assertEquals(List.of("/legacy/actor RFC9421", "/legacy/actor DRAFT_CAVAGE"), seen);
    assertEquals(Optional.of(SignatureScheme.DRAFT_CAVAGE), remembered());

    seen.clear();
    fetcher.fetch(url("/legacy/actor").toString()).await();
    assertEquals(List.of("/legacy/actor DRAFT_CAVAGE"), seen);
  }

  @Test
  void aSignedFetchWithAQueryFromAnRfc9421PeerVerifiesFirstTime() {
    ActivityPubFetcher fetcher = new ActivityPubFetcher(http, verifier, () -> key, memory);
    JsonNode doc = fetcher.fetch(url("/modern/outbox?page=1").toString()).await();
    assertEquals("http://127.0.0.1:" + port + "/modern/outbox?page=1", doc.get("id").asText());
    assertEquals(List.of("/modern/outbox RFC9421"), seen);
  }

  @Test
  void aFetchRefusedInBothSchemesFailsWithTheStatus() {
    ActivityPubFetcher fetcher = new ActivityPubFetcher(http, verifier, () -> key, memory);
    Throwable failure = fetcher.fetch(url("/nobody/actor").toString()).map(j -> (Throwable) null)
        .recover(io.vertx.core.Future::succeededFuture).await();
    assertEquals(401, ((FetchException) failure).status());
    assertEquals(2, seen.size());
  }

  @Test
  void anEd25519KeySignsBothSchemesSoThatTheyVerify() {
    SigningKey edKey = new SigningKey(ED_KEY_ID, ED.getPrivate());
    assertEquals(DeliveryOutcome.Result.DELIVERED, deliverer.post(url("/modern/inbox"), BODY, edKey).await().result());
    assertEquals(DeliveryOutcome.Result.DELIVERED, new Deliverer(http, verifier, new InMemorySignatureSchemes())
        .post(url("/legacy/inbox"), BODY, edKey).await().result());
    assertEquals(List.of("/modern/inbox RFC9421", "/legacy/inbox RFC9421", "/legacy/inbox DRAFT_CAVAGE"), seen);
  }
}
