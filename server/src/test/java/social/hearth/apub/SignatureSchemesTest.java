package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/** Both signature standards in and out, the fallback remembered per host, Ed25519 keys, and authorized fetch. */
class SignatureSchemesTest {

  static TestHearth hearth;
  static TestHearth locked;
  static FakeActorServer remote;
  static FakeActorServer oldServer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    locked = TestHearth.start(Map.of("HEARTH_AUTHORIZED_FETCH", "true"));
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.9");
    oldServer = FakeActorServer.start(hearth.vertx, "127.0.0.10");
    oldServer.refuseRfc9421 = true;
    group = hearth.createCommunity("signers", "Signers");
  }

  @AfterAll
  static void stop() {
    remote.close();
    oldServer.close();
    locked.close();
    hearth.close();
  }

  static String follow(SigningKey key, String target) {
    String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
    return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/follows/" + UUID.randomUUID()
        + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + target + "\"}";
  }

  static String idOf(String json) {
    try {
      return TestHearth.JSON.readTree(json).get("id").asText();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void anRfc9421SignedActivityIsAcceptedAndRecordedAsSuch() throws Exception {
    SigningKey ann = remote.addPerson("ann");
    String body = follow(ann, group);
    HttpResponse<String> r = Signed.post(hearth.http, SignatureScheme.RFC9421, ann, group + "/inbox", body);
    assertEquals(202, r.statusCode(), r.body());
    assertEquals("RFC9421", hearth.sql("SELECT signature_scheme FROM inbox WHERE activity_id = $1", idOf(body)).get(0).getString(0));
  }

  @Test
  void ourDeliveriesTryRfc9421FirstAndFallBackToDraftCavageRememberingTheChoice() throws Exception {
    SigningKey old = oldServer.addPerson("old");
    assertEquals(202, Signed.post(hearth.http, old, group + "/inbox", follow(old, group)).statusCode());
    oldServer.awaitPost(p -> p.body().contains("\"Accept\""));
    assertEquals(1, oldServer.refused.get(), "the first knock, with RFC 9421, was refused once");
    assertTrue(oldServer.received.get(0).headers().get("signature").contains("keyId="), "the retry was draft-cavage");
    String authority = URI.create(oldServer.origin).getAuthority();
    // the server has the request before Hearth has its answer, and the choice is remembered once the answer is in
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"DRAFT_CAVAGE".equals(scheme(authority)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals("DRAFT_CAVAGE", scheme(authority));

    SigningKey second = oldServer.addPerson("second");
    String again = follow(second, group);
    assertEquals(202, Signed.post(hearth.http, second, group + "/inbox", again).statusCode());
    oldServer.awaitPost(p -> p.body().contains(idOf(again)));
    assertEquals(1, oldServer.refused.get(), "the remembered scheme is used straight away");
  }

  static String scheme(String host) {
    var rows = hearth.sql("SELECT signature_scheme FROM hosts WHERE host = $1", host);
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }

  @Test
  void aPeerThatAcceptsRfc9421IsRememberedAsSuch() throws Exception {
    SigningKey bea = remote.addPerson("bea");
    String body = follow(bea, group);
    assertEquals(202, Signed.post(hearth.http, bea, group + "/inbox", body).statusCode());
    FakeActorServer.Received accept = remote.awaitPost(p -> p.body().contains(idOf(body)));
    assertTrue(accept.headers().contains("signature-input"), "Hearth signed with RFC 9421");
    assertTrue(accept.headers().contains("content-digest"));
  }

  @Test
  void aRequestSignedWithAPeersEd25519MultikeyVerifies() throws Exception {
    SigningKey ed = remote.addPersonWithEd25519("edna");
    String body = follow(ed, group);
    HttpResponse<String> r = Signed.post(hearth.http, SignatureScheme.RFC9421, ed, group + "/inbox", body);
    assertEquals(202, r.statusCode(), r.body());
    HttpResponse<String> cavage = Signed.post(hearth.http, SignatureScheme.DRAFT_CAVAGE, ed, group + "/inbox", follow(ed, group));
    assertEquals(202, cavage.statusCode(), cavage.body());
  }

  @Test
  void aGoToSocialStyleKeyStubIsFollowedToItsOwnerWhoMustListTheKey() throws Exception {
    SigningKey gts = remote.addPerson("gts");
    String actorId = gts.keyId().replace("#main-key", "");
    JsonNode actorDoc = hearth.getJsonFrom(actorId);
    // GoToSocial: keyId without '#', a stub document naming the owner
    String stubId = actorId + "/main-key";
    ObjectNode stub = TestHearth.JSON.createObjectNode();
    stub.put("@context", "https://w3id.org/security/v1");
    stub.put("id", stubId).put("owner", actorId).put("publicKeyPem", actorDoc.get("publicKey").get("publicKeyPem").asText());
    remote.serve("/users/gts/main-key", stub.toString());
    ((ObjectNode) actorDoc.get("publicKey")).put("id", stubId);
    remote.serve("/users/gts", actorDoc.toString());
    SigningKey stubKey = new SigningKey(stubId, gts.privateKey());
    String follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actorId + "/follows/g1\","
        + "\"type\":\"Follow\",\"actor\":\"" + actorId + "\",\"object\":\"" + group + "\"}";
    HttpResponse<String> accepted = Signed.post(hearth.http, stubKey, group + "/inbox", follow);
    assertEquals(202, accepted.statusCode(), accepted.body());

    // a stub whose owner does not list it is refused
    SigningKey liar = remote.addPerson("liar");
    String liarId = liar.keyId().replace("#main-key", "");
    ObjectNode fakeStub = TestHearth.JSON.createObjectNode();
    fakeStub.put("id", liarId + "/other-key").put("owner", actorId).put("publicKeyPem",
        hearth.getJsonFrom(liarId).get("publicKey").get("publicKeyPem").asText());
    remote.serve("/users/liar/other-key", fakeStub.toString());
    SigningKey claimed = new SigningKey(liarId + "/other-key", liar.privateKey());
    String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actorId + "/follows/x1\","
        + "\"type\":\"Follow\",\"actor\":\"" + actorId + "\",\"object\":\"" + group + "\"}";
    assertEquals(401, Signed.post(hearth.http, claimed, group + "/inbox", body).statusCode());
  }

  @Test
  void everyLocalActorPublishesAnEd25519MultikeyBesideItsRsaKey() throws Exception {
    JsonNode g = hearth.getJson(group);
    assertTrue(g.get("publicKey").get("publicKeyPem").asText().contains("BEGIN PUBLIC KEY"));
    JsonNode key = g.get("assertionMethod").get(0);
    assertEquals("Multikey", key.get("type").asText());
    assertEquals(group, key.get("controller").asText());
    assertTrue(key.get("publicKeyMultibase").asText().startsWith("z6Mk"), "an Ed25519 multikey");
    assertTrue(g.get("@context").toString().contains("https://w3id.org/security/multikey/v1"));
    assertTrue(hearth.getJson(hearth.base + "/actor").has("assertionMethod"));
  }

  @Test
  void aSignatureMadeForAnotherServerIsRefused() throws Exception {
    SigningKey cid = remote.addPerson("cid");
    // signed for https://other.example/inbox, then replayed to us with the same path
    String body = follow(cid, group);
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    new social.hearth.federation.sig.HttpSignatures(java.time.Clock.systemUTC(), java.time.Duration.ofHours(1))
        .sign(SignatureScheme.DRAFT_CAVAGE, cid, "POST", URI.create("http://other.example/inbox"), headers, body.getBytes());
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hearth.base + "/inbox"));
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("host")) {
        b.header(k, v);
      }
    });
    HttpResponse<String> r = hearth.http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode(), r.body());
  }

  @Test
  void inAuthorizedFetchModeCollectionsNeedASignatureButKeysStayPublic() throws Exception {
    String lockedGroup = locked.createCommunity("vault", "Vault");
    HttpResponse<String> unsignedOutbox = locked.get(lockedGroup + "/outbox", "application/activity+json");
    assertEquals(401, unsignedOutbox.statusCode());
    SigningKey dee = remote.addPerson("dee");
    HttpResponse<String> signedOutbox = Signed.get(locked.http, dee, lockedGroup + "/outbox");
    assertEquals(200, signedOutbox.statusCode(), signedOutbox.body());

    JsonNode keyOnly = TestHearth.JSON.readTree(locked.get(lockedGroup, "application/activity+json").body());
    assertTrue(keyOnly.has("publicKey"), "the key can be fetched to verify the group's signatures");
    assertFalse(keyOnly.has("followers"), "but nothing more without a signature");
    JsonNode full = TestHearth.JSON.readTree(Signed.get(locked.http, dee, lockedGroup).body());
    assertTrue(full.has("followers"));

    assertEquals(200, locked.get(locked.base + "/.well-known/webfinger?resource=acct:vault@" + URI.create(locked.base).getAuthority(),
        "application/jrd+json").statusCode());
    assertEquals(200, locked.get(locked.base + "/nodeinfo/2.1", "application/json").statusCode());
    assertEquals(200, locked.get(locked.base + "/actor", "application/activity+json").statusCode());

    HttpResponse<String> forged = locked.http.send(HttpRequest.newBuilder(URI.create(lockedGroup + "/outbox"))
        .header("Accept", "application/activity+json").header("Date", "Sat, 21 Nov 2026 12:00:00 GMT")
        .header("Signature", "keyId=\"" + dee.keyId() + "\",headers=\"(request-target) host date\",signature=\"AAAA\"")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, forged.statusCode());
  }
}
