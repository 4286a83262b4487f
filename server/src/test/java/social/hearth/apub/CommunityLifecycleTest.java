package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.PreparedSignature;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestHearth;

/**
 * Issue 14, item 1: an archived community refuses new members and posts with the reason and can be unarchived; a
 * deleted one sends Delete{Group}, signed with its key, to every member's server, and its IRI answers 410 Gone.
 */
class CommunityLifecycleTest {

  static TestHearth hearth;
  static FakeActorServer north;
  static FakeActorServer south;
  static Fediverse fromNorth;
  static Fediverse fromSouth;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
    north = FakeActorServer.start(hearth.vertx, "127.0.0.141");
    north.nodeinfo("mastodon");
    south = FakeActorServer.start(hearth.vertx, "127.0.0.142");
    south.nodeinfo("mastodon");
    fromNorth = new Fediverse(hearth, north);
    fromSouth = new Fediverse(hearth, south);
  }

  @AfterAll
  static void stop() {
    north.close();
    south.close();
    hearth.close();
  }

  static JsonNode admin(String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> r = hearth.admin(method, "/api/v1/admin" + path, body, TestHearth.ADMIN_TOKEN);
    assertEquals(expected, r.statusCode(), r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  @Test
  void anArchivedCommunityDeclinesFollowsAndPostsWithTheReasonAndTakesThemAgainOnceUnarchived() throws Exception {
    String group = hearth.createCommunity("makers", "Makers");
    SigningKey ana = north.addPerson("ana");
    fromNorth.follow(ana, group);

    assertTrue(admin("POST", "/communities/makers/archive", null, 200).get("archived").asBoolean());
    assertTrue(hearth.getJson(group).get("postingRestrictedToMods").asBoolean(), "group-aware servers see it closed");
    fromNorth.await("Update", u -> u.path("object").path("postingRestrictedToMods").asBoolean());

    // a Follow: declined, and the follower is told why in a direct message
    SigningKey cleo = north.addPerson("cleo");
    String follow = fromNorth.follow(cleo, group);
    fromNorth.awaitFor(cleo, "Reject", r -> follow.equals(r.path("object").path("id").asText()));
    JsonNode told = fromNorth.awaitFor(cleo, "Create", c -> c.path("object").path("content").asText().contains("archived"));
    assertTrue(told.path("object").path("content").asText().contains("takes no new members and no new posts"), told.toString());
    assertTrue(hearth.sql("SELECT 1 FROM members m JOIN communities c ON c.id = m.community_id WHERE c.slug = 'makers' "
        + "AND m.actor_id = $1", Fediverse.actor(cleo)).isEmpty(), "not a member");
    assertEquals("the community is archived", hearth.sql("SELECT detail FROM member_events WHERE actor_id = $1 "
        + "AND type = 'refused'", Fediverse.actor(cleo)).get(0).getString(0));

    // a member's post: not taken
    var note = fromNorth.note(ana, group, "<p>Still here?</p>", false);
    fromNorth.post(ana, note);
    assertTrue(hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", note.get("id").asText()).isEmpty(),
        "an archived community takes no posts");
    assertEquals(200, hearth.get(group, "text/html").statusCode(), "it stays readable");
    // nor does an invite code sent by direct message let anyone in
    String code = admin("POST", "/communities/makers/invites", "{\"maxUses\":5}", 200).get("code").asText();
    SigningKey dee = north.addPerson("dee");
    fromNorth.post(dee, fromNorth.note(dee, group, "<p>My code: " + code + "</p>", true));
    assertTrue(hearth.sql("SELECT 1 FROM preapproved WHERE actor_id = $1", Fediverse.actor(dee)).isEmpty(),
        "no invite is redeemed in an archived community");

    // unarchived: both work again
    assertFalse(admin("POST", "/communities/makers/unarchive", null, 200).get("archived").asBoolean());
    String again = fromNorth.follow(cleo, group);
    fromNorth.awaitFor(cleo, "Accept", a -> again.equals(a.path("object").path("id").asText()));
    var later = fromNorth.note(ana, group, "<p>Back!</p>", false);
    fromNorth.post(ana, later);
    assertEquals(1, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", later.get("id").asText()).get(0).getLong(0));
    assertEquals(List.of("community.archive", "community.unarchive"), hearth.sql("SELECT action FROM audit_log "
        + "WHERE target = 'makers' AND action LIKE 'community.%archive' ORDER BY id").stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void aDeletedCommunitySendsASignedDeleteToEveryMembersServerAndItsAddressAnswersGone() throws Exception {
    String group = hearth.createCommunity("menders", "Menders");
    SigningKey bo = north.addPerson("bo");
    SigningKey cy = south.addPerson("cy");
    fromNorth.follow(bo, group);
    fromSouth.follow(cy, group);
    String publicKeyPem = hearth.getJson(group).get("publicKey").get("publicKeyPem").asText();

    JsonNode deleted = admin("DELETE", "/communities/menders", null, 200);
    assertEquals(2, deleted.get("deliveries").asInt(), "one Delete per member server");

    for (FakeActorServer server : List.of(north, south)) {
      FakeActorServer.Received got = server.awaitPost(p -> p.body().contains("\"Delete\"") && p.body().contains(group));
      JsonNode delete = TestHearth.JSON.readTree(got.body());
      assertEquals("Delete", delete.get("type").asText());
      assertEquals(group, delete.get("actor").asText());
      assertEquals(group, delete.get("object").asText());
      assertEquals("/inbox", got.path(), "to the member's server, once");
      // signed with the community's key, which the receiver already knows
      PreparedSignature signature = new HttpSignatures(Clock.systemUTC(), Duration.ofMinutes(5)).prepare(new RequestView() {
        public String method() {
          return "POST";
        }

        public String pathAndQuery() {
          return got.path();
        }

        public List<String> headers(String name) {
          return got.headers().getAll(name.toLowerCase(Locale.ROOT));
        }
      }, got.body().getBytes(StandardCharsets.UTF_8));
      assertEquals(group + "#main-key", signature.keyId());
      signature.verify(Keys.parsePublicPem(publicKeyPem));
    }

    // the IRI: a Tombstone with 410 for servers, the "gone" page for browsers; WebFinger knows it no more
    HttpResponse<String> tombstone = hearth.get(group, "application/activity+json");
    assertEquals(410, tombstone.statusCode());
    JsonNode t = TestHearth.JSON.readTree(tombstone.body());
    assertEquals("Tombstone", t.get("type").asText());
    assertEquals("Group", t.get("formerType").asText());
    assertEquals(group, t.get("id").asText());
    assertEquals(410, hearth.get(group, "text/html").statusCode());
    assertEquals(404, hearth.get(hearth.base + "/.well-known/webfinger?resource=acct:menders@" + hearth.base.substring(7),
        "application/jrd+json").statusCode());
    assertTrue(hearth.sql("SELECT 1 FROM members m JOIN communities c ON c.id = m.community_id WHERE c.slug = 'menders'")
        .isEmpty(), "its members are gone");
    assertEquals(1, hearth.sql("SELECT count(*) FROM audit_log WHERE action = 'community.delete' AND target = 'menders'")
        .get(0).getLong(0));
    // the name stays taken
    assertEquals(409, hearth.admin("POST", "/api/v1/admin/communities", "{\"slug\":\"menders\",\"name\":\"Again\"}",
        TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(404, hearth.admin("POST", "/api/v1/admin/communities/menders/archive", null, TestHearth.ADMIN_TOKEN).statusCode());

    // once its deliveries have finished, the tombstone row with its keys is purged; the address still answers 410
    awaitNoPendingDeliveries("menders");
    hearth.hearth.maintenance().runOnce().await();
    assertTrue(hearth.sql("SELECT 1 FROM communities WHERE slug = 'menders'").isEmpty(), "keys and content purged");
    assertEquals(410, hearth.get(group, "application/activity+json").statusCode());
    assertEquals(1, hearth.sql("SELECT count(*) FROM audit_log WHERE action = 'community.delete' AND target = 'menders'")
        .get(0).getLong(0), "the audit log keeps it");
  }

  static void awaitNoPendingDeliveries(String slug) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (hearth.sql("SELECT 1 FROM deliveries d JOIN activities a ON a.id = d.activity_id JOIN communities c "
          + "ON c.id = a.community_id WHERE c.slug = $1 AND d.state = 'pending'", slug).isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("deliveries of " + slug + " still pending");
  }
}
