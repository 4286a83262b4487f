package social.hearth.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.hearth.federation.fetch.AddressGuard;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.PreparedSignature;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.spi.InMemorySignatureSchemes;

/**
 * Deliveries signed with a community's Ed25519 key where the peer is known to accept them, against a real HTTP
 * server on 127.0.0.1 that verifies every signature with the public keys it knows: /hearth/ accepts RFC 9421
 * with either key (as Hearth does), /rsa-only/ accepts RFC 9421 only with the RSA key and answers 401 to an
 * Ed25519 one (as Fedify does when the key is only a Multikey in assertionMethod), /down/ refuses everything.
 */
class Ed25519DeliveryTest {

  static final KeyPair RSA = Keys.generateRsa2048();
  static final KeyPair ED = Keys.generateEd25519();
  static final String KEY_ID = "https://hearth.example/c/books#main-key";
  static final String ED_KEY_ID = "https://hearth.example/c/books#ed25519-key";
  static final Map<String, PublicKey> KEYS = Map.of(KEY_ID, RSA.getPublic(), ED_KEY_ID, ED.getPublic());
  static final byte[] BODY = "{\"type\":\"Announce\"}".getBytes(StandardCharsets.UTF_8);

  static Vertx vertx;
  static HttpServer server;
  static int port;
  static GuardedHttpClient http;
  /** Every request received: its path, then "RFC9421 ed25519", "RFC9421 rsa", "DRAFT_CAVAGE rsa"... or "unverified". */
  static final List<String> seen = new CopyOnWriteArrayList<>();
  static final HttpSignatures verifier = new HttpSignatures(Clock.systemUTC(), Duration.ofMinutes(5));

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String how = verified(req, body.getBytes());
      seen.add(req.path() + " " + how);
      boolean accept;
      if (req.path().startsWith("/hearth/")) {
        accept = how.startsWith("RFC9421");
      } else if (req.path().startsWith("/rsa-only/")) {
        accept = how.equals("RFC9421 rsa");
      } else {
        accept = false;
      }
      req.response().setStatusCode(accept ? 202 : 401).end();
    })).listen(0, "127.0.0.1").await();
    port = server.actualPort();
    http = new GuardedHttpClient(vertx, new AddressGuard(true), Duration.ofSeconds(5), "hearth-test");
  }

  static String verified(HttpServerRequest req, byte[] body) {
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
      PreparedSignature prepared = verifier.prepare(view, body);
      PublicKey key = KEYS.get(prepared.keyId());
      if (key == null) {
        return "unverified";
      }
      prepared.verify(key);
      return prepared.scheme() + (Keys.isEd25519(key) ? " ed25519" : " rsa");
    } catch (SignatureException e) {
      return "unverified";
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
  final SigningKey rsa = new SigningKey(KEY_ID, RSA.getPrivate());
  final SigningKey ed25519 = new SigningKey(ED_KEY_ID, ED.getPrivate());
  final String host = "127.0.0.1:" + port;

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Test
  void aPeerNothingIsKnownAboutGetsRsaEvenWhenAnEd25519KeyIsAtHand() {
    DeliveryOutcome outcome = deliverer.post(url("/hearth/inbox"), BODY, rsa, ed25519).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, outcome.result());
    assertEquals(List.of("/hearth/inbox RFC9421 rsa"), seen);
    assertEquals(Optional.empty(), memory.ed25519(host).await());
  }

  @Test
  void aPeerThatAdvertisedEd25519GetsDeliveriesSignedWithTheEd25519Key() {
    memory.advertisedEd25519(host).await();
    DeliveryOutcome outcome = deliverer.post(url("/hearth/inbox"), BODY, rsa, ed25519).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, outcome.result());
    assertTrue(outcome.detail().contains("rfc9421 ed25519"), outcome.detail());
    deliverer.post(url("/hearth/inbox"), BODY, rsa, ed25519).await();
    assertEquals(List.of("/hearth/inbox RFC9421 ed25519", "/hearth/inbox RFC9421 ed25519"), seen);
    assertEquals(Optional.of(true), memory.ed25519(host).await());
  }

  @Test
  void aPeerThatRefusesTheEd25519SignatureGetsTheSameDeliveryWithRsaAndKeepsGettingRsa() {
    memory.advertisedEd25519(host).await();
    DeliveryOutcome first = deliverer.post(url("/rsa-only/inbox"), BODY, rsa, ed25519).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, first.result());
    assertEquals(List.of("/rsa-only/inbox RFC9421 ed25519", "/rsa-only/inbox RFC9421 rsa"), seen);
    assertEquals(Optional.of(false), memory.ed25519(host).await());

    seen.clear();
    memory.advertisedEd25519(host).await();
    DeliveryOutcome second = deliverer.post(url("/rsa-only/inbox"), BODY, rsa, ed25519).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, second.result());
    assertEquals(List.of("/rsa-only/inbox RFC9421 rsa"), seen);
  }

  @Test
  void aPeerThatRefusesEveryKeyTeachesNothingAboutEd25519() {
    memory.rememberEd25519(host, true).await();
    DeliveryOutcome outcome = deliverer.post(url("/down/inbox"), BODY, rsa, ed25519).await();
    assertEquals(DeliveryOutcome.Result.RETRY, outcome.result());
    assertEquals(401, outcome.status());
    assertEquals(List.of("/down/inbox RFC9421 ed25519", "/down/inbox RFC9421 rsa", "/down/inbox DRAFT_CAVAGE rsa"), seen);
    assertEquals(Optional.of(true), memory.ed25519(host).await());
  }

  @Test
  void withoutAnEd25519KeyAPeerKnownToAcceptThemStillGetsRsa() {
    memory.rememberEd25519(host, true).await();
    assertEquals(DeliveryOutcome.Result.DELIVERED, deliverer.post(url("/hearth/inbox"), BODY, rsa).await().result());
    assertEquals(List.of("/hearth/inbox RFC9421 rsa"), seen);
  }

  @Test
  void theRsaFallbackLeavesTheSchemeRememberedForTheHostAsItWas() {
    memory.rememberEd25519(host, true).await();
    memory.remember(host, SignatureScheme.RFC9421).await();
    deliverer.post(url("/rsa-only/inbox"), BODY, rsa, ed25519).await();
    assertEquals(Optional.of(SignatureScheme.RFC9421), memory.preferred(host).await());
  }
}
