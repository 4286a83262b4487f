package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.Multikey;
import social.hearth.federation.sig.PreparedSignature;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * A community signs its deliveries with its Ed25519 key (RFC 9421, keyid its Multikey's id) to peers that sign
 * with Ed25519 themselves, and falls back to RSA for good where such a peer refuses it. The fake peers verify
 * every signature with the keys the community publishes: one accepts Ed25519 and RSA (as Hearth does), the other
 * only RSA (as Fedify does, which looks keys up in publicKey only).
 */
class Ed25519DeliveriesTest {

  static TestHearth hearth;
  static FakeActorServer modern;
  static FakeActorServer rsaOnly;
  static String group;
  /** The community's actor document, read once: the peers verify with the keys it publishes. */
  static JsonNode groupDocument;
  static final HttpSignatures verifier = new HttpSignatures(Clock.systemUTC(), Duration.ofMinutes(5));

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    modern = FakeActorServer.start(hearth.vertx, "127.0.0.11");
    rsaOnly = FakeActorServer.start(hearth.vertx, "127.0.0.12");
    modern.judge = r -> how(r).startsWith("RFC9421") ? 202 : 401;
    rsaOnly.judge = r -> how(r).endsWith("rsa") ? 202 : 401;
    group = hearth.createCommunity("keys", "Keys");
    groupDocument = hearth.getJson(group);
  }

  @AfterAll
  static void stop() {
    modern.close();
    rsaOnly.close();
    hearth.close();
  }

  /** How a received POST was signed, after verifying it with the key its keyid names: "RFC9421 ed25519"... */
  static String how(FakeActorServer.Received r) {
    RequestView view = new RequestView() {
      @Override
      public String method() {
        return "POST";
      }

      @Override
      public String pathAndQuery() {
        return r.path();
      }

      @Override
      public String scheme() {
        return "http";
      }

      @Override
      public List<String> headers(String name) {
        return r.headers().getAll(name);
      }
    };
    try {
      PreparedSignature prepared = verifier.prepare(view, r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      JsonNode actor = groupDocument;
      PublicKey key = null;
      if (actor.path("publicKey").path("id").asText().equals(prepared.keyId())) {
        key = Keys.parsePublicPem(actor.get("publicKey").get("publicKeyPem").asText());
      }
      for (JsonNode m : actor.path("assertionMethod")) {
        if (m.path("id").asText().equals(prepared.keyId())) {
          key = Multikey.decode(m.get("publicKeyMultibase").asText());
        }
      }
      if (key == null) {
        return "unknown key";
      }
      prepared.verify(key);
      return prepared.scheme() + (Keys.isEd25519(key) ? " ed25519" : " rsa");
    } catch (SignatureException e) {
      return "unverified";
    }
  }

  static String follow(SigningKey key) {
    String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
    return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/follows/" + UUID.randomUUID()
        + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + group + "\"}";
  }

  static List<String> acceptsFor(FakeActorServer peer, String followId) {
    return peer.received.stream().filter(p -> p.body().contains(followId)).map(Ed25519DeliveriesTest::how).toList();
  }

  static String knownEd25519(FakeActorServer peer) {
    var rows = hearth.sql("SELECT ed25519_signatures::text FROM hosts WHERE host = $1",
        java.net.URI.create(peer.origin).getAuthority());
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }

  /** The peer signs with Ed25519 first, and Hearth learns that from it before anything is delivered to it. */
  static void advertise(FakeActorServer peer, SigningKey ed) throws Exception {
    String hello = follow(ed).replace("\"object\":\"" + group + "\"", "\"object\":\"" + hearth.base + "/c/nowhere\"");
    Signed.post(hearth.http, SignatureScheme.RFC9421, ed, hearth.base + "/inbox", hello);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (knownEd25519(peer) == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  void aPeerThatSignsWithEd25519GetsTheCommunitysEd25519Signature() throws Exception {
    SigningKey edna = modern.addPersonWithEd25519("edna");
    advertise(modern, edna);
    assertEquals("true", knownEd25519(modern));

    String body = follow(edna);
    assertEquals(202, Signed.post(hearth.http, SignatureScheme.RFC9421, edna, group + "/inbox", body).statusCode());
    String followId = SignatureSchemesTest.idOf(body);
    FakeActorServer.Received accept = modern.awaitPost(p -> p.body().contains(followId));
    assertEquals(List.of("RFC9421 ed25519"), acceptsFor(modern, followId));
    assertTrue(accept.headers().get("signature-input").contains("keyid=\"" + group + "#ed25519-key\""),
        accept.headers().get("signature-input"));
    assertTrue(accept.headers().get("signature-input").contains("alg=\"ed25519\""));
  }

  @Test
  void aPeerThatRefusesTheEd25519SignatureGetsTheAcceptWithRsaAndRsaFromThenOn() throws Exception {
    SigningKey fred = rsaOnly.addPersonWithEd25519("fred");
    advertise(rsaOnly, fred);

    String first = follow(fred);
    assertEquals(202, Signed.post(hearth.http, SignatureScheme.RFC9421, fred, group + "/inbox", first).statusCode());
    String firstId = SignatureSchemesTest.idOf(first);
    rsaOnly.awaitPost(p -> p.body().contains(firstId) && how(p).endsWith("rsa"));
    assertEquals(List.of("RFC9421 ed25519", "RFC9421 rsa"), acceptsFor(rsaOnly, firstId));
    assertEquals("false", knownEd25519(rsaOnly));

    // it keeps signing with Ed25519 itself, which no longer counts: the refusal is what Hearth knows
    SigningKey fran = rsaOnly.addPersonWithEd25519("fran");
    String second = follow(fran);
    assertEquals(202, Signed.post(hearth.http, SignatureScheme.RFC9421, fran, group + "/inbox", second).statusCode());
    String secondId = SignatureSchemesTest.idOf(second);
    rsaOnly.awaitPost(p -> p.body().contains(secondId));
    assertEquals(List.of("RFC9421 rsa"), acceptsFor(rsaOnly, secondId));
    assertEquals("false", knownEd25519(rsaOnly));
  }

  @Test
  void aPeerThatNeverSignedWithEd25519GetsRsa() throws Exception {
    FakeActorServer plain = FakeActorServer.start(hearth.vertx, "127.0.0.13");
    try {
      plain.judge = r -> how(r).startsWith("RFC9421") ? 202 : 401;
      SigningKey paul = plain.addPerson("paul");
      String followPaul = follow(paul);
      assertEquals(202, Signed.post(hearth.http, paul, group + "/inbox", followPaul).statusCode());
      String id = SignatureSchemesTest.idOf(followPaul);
      plain.awaitPost(p -> p.body().contains(id));
      assertEquals(List.of("RFC9421 rsa"), acceptsFor(plain, id));
      assertEquals(null, knownEd25519(plain));
    } finally {
      plain.close();
    }
  }
}
