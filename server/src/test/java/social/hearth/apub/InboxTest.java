package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.PreparedSignature;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/** The inbox: bounded, validated, durable before it answers, and deduplicated. */
class InboxTest {

  static TestHearth hearth;
  static FakeActorServer remote;
  static SigningKey carol;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.4");
    carol = remote.addPerson("carol");
    group = hearth.createCommunity("potters", "Potters");
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  static String actor(SigningKey key) {
    return key.keyId().replace("#main-key", "");
  }

  static String follow(String id, SigningKey who, String target) {
    return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id + "\",\"type\":\"Follow\","
        + "\"actor\":\"" + actor(who) + "\",\"object\":\"" + target + "\"}";
  }

  HttpResponse<String> raw(String contentType, byte[] body) throws Exception {
    return hearth.http.send(HttpRequest.newBuilder(URI.create(hearth.base + "/inbox"))
        .header("Content-Type", contentType).header("Signature", "keyId=\"x\",signature=\"AAAA\"")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBodyOverOneMegabyteIsRefusedWith413() throws Exception {
    byte[] big = new byte[1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    assertEquals(413, raw("application/activity+json", big).statusCode());
  }

  @Test
  void aWrongContentTypeIsRefusedWith415() throws Exception {
    assertEquals(415, raw("text/plain", "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
  }

  @Test
  void malformedOrHostileJsonIsRefusedWith400AndAReason() throws Exception {
    HttpResponse<String> r = raw("application/activity+json", "{not json".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("not valid JSON"), r.body());
    String deep = "[".repeat(5000) + "]".repeat(5000);
    HttpResponse<String> nested = raw("application/activity+json", ("{\"a\":" + deep + "}").getBytes(StandardCharsets.UTF_8));
    assertEquals(400, nested.statusCode(), nested.body());
    assertEquals(400, raw("application/activity+json", "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8)).statusCode());
  }

  @Test
  void aFollowOfAnUnknownCommunityIsRefusedWith404() throws Exception {
    HttpResponse<String> r = Signed.post(hearth.http, carol, hearth.base + "/inbox",
        follow(remote.origin + "/follows/nowhere", carol, hearth.base + "/c/nowhere"));
    assertEquals(404, r.statusCode(), r.body());
  }

  @Test
  void theSameFollowDeliveredTwiceIsStoredOnceAndAnsweredWithOneSignedAccept() throws Exception {
    String id = remote.origin + "/follows/" + java.util.UUID.randomUUID();
    String body = follow(id, carol, group);
    assertEquals(202, Signed.post(hearth.http, carol, group + "/inbox", body).statusCode());
    assertEquals(202, Signed.post(hearth.http, carol, hearth.base + "/inbox", body).statusCode());
    assertEquals("done", hearth.awaitProcessed(id));
    assertEquals(1, hearth.sql("SELECT count(*) FROM inbox WHERE activity_id = $1", id).get(0).getLong(0));

    FakeActorServer.Received accept = remote.awaitPost(p -> p.body().contains(id));
    assertEquals("/users/carol/inbox", accept.path());
    JsonNode json = TestHearth.JSON.readTree(accept.body());
    assertEquals("Accept", json.get("type").asText());
    assertEquals(id, json.get("object").get("id").asText());
    // the Accept is signed with the community's key, verifiable by the receiver
    JsonNode actorDoc = hearth.getJson(group);
    HttpSignatures verifier = new HttpSignatures(Clock.systemUTC(), Duration.ofMinutes(5));
    RequestView view = new RequestView() {
      public String method() {
        return "POST";
      }

      public String pathAndQuery() {
        return accept.path();
      }

      public List<String> headers(String name) {
        return accept.headers().getAll(name.toLowerCase(Locale.ROOT));
      }
    };
    PreparedSignature prepared = verifier.prepare(view, accept.body().getBytes(StandardCharsets.UTF_8));
    assertEquals(group + "#main-key", prepared.keyId());
    prepared.verify(Keys.parsePublicPem(actorDoc.get("publicKey").get("publicKeyPem").asText()));
    assertEquals(1, hearth.getJson(group + "/followers").get("totalItems").asInt());
    assertEquals(1, remote.received.stream().filter(p -> p.body().contains(id)).count(), "exactly one Accept");
  }

  @Test
  void aPublicPostFromSomeoneWhoIsNotAMemberIsNotReShared() throws Exception {
    String noteId = remote.origin + "/users/carol/notes/" + java.util.UUID.randomUUID();
    String create = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + noteId + "/activity\","
        + "\"type\":\"Create\",\"actor\":\"" + actor(carol) + "\",\"object\":{\"id\":\"" + noteId + "\",\"type\":\"Note\","
        + "\"attributedTo\":\"" + actor(carol) + "\",\"content\":\"<p>hello potters</p>\","
        + "\"to\":\"https://www.w3.org/ns/activitystreams#Public\",\"cc\":\"" + hearth.base + "/c/outsiders\"}}";
    String outsiders = hearth.createCommunity("outsiders", "Outsiders");
    assertEquals(202, Signed.post(hearth.http, carol, outsiders + "/inbox", create).statusCode());
    assertEquals("done", hearth.awaitProcessed(noteId + "/activity"));
    assertEquals(0, hearth.getJson(outsiders + "/outbox").get("totalItems").asInt());
    assertTrue(hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", noteId).isEmpty());
  }

  @Test
  void anActivityAcknowledgedBeforeACrashIsProcessedAfterRestart() throws Exception {
    String db = TestDatabase.url(TestDatabase.fresh());
    String id = remote.origin + "/follows/" + java.util.UUID.randomUUID();
    String groupIri;
    int port;
    try (TestHearth first = TestHearth.start(Clock.systemUTC(), db, false)) {
      port = first.port;
      groupIri = first.createCommunity("kilns", "Kilns");
      HttpResponse<String> r = Signed.post(first.http, carol, groupIri + "/inbox", follow(id, carol, groupIri));
      assertEquals(202, r.statusCode(), r.body());
      assertEquals("pending", first.sql("SELECT state FROM inbox WHERE activity_id = $1", id).get(0).getString(0));
    }
    try (TestHearth second = TestHearth.start(Clock.systemUTC(), db, true, port)) {
      assertEquals("done", second.awaitProcessed(id));
      assertEquals(1, second.sql("SELECT count(*) FROM members WHERE actor_id = $1", actor(carol)).get(0).getLong(0));
    }
  }
}
