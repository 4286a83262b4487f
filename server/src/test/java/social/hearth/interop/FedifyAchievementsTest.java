package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Achievements and levels through federation (issue 18): a member on a Fedify server writes their first post and
 * receives the community's direct message announcing the "First post" achievement; the announcement is written once,
 * across a restart and with a second node on the same database; a member at a level that skips slow mode posts twice
 * quickly and both posts are accepted, while a member below it is held as before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyAchievementsTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String API = "/api/v1/admin/communities/lodge";
  static String databaseUrl;
  static int port;
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;
  static String alice;
  static String bob;
  static String firstPost;

  @BeforeAll
  static void start() throws Exception {
    databaseUrl = TestDatabase.url(TestDatabase.fresh());
    hearth = TestHearth.start(Clock.systemUTC(), databaseUrl, true);
    port = hearth.port;
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("lodge", "Lodge");
    api("PUT", "/announcements", "{\"announce\":\"dm\"}");
    String handle = "acct:lodge@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
    assertEquals(1, peer.received("bob", "Accept", 1, WAIT).size());
    alice = peer.actor("alice");
    bob = peer.actor("bob");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {peer, hearth}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = hearth.admin(method, API + path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  /** The direct messages the community wrote to {@code actor} that contain {@code text}, as stored in its outbox. */
  static int messagesTo(String actor, String text) {
    return hearth.sql("SELECT 1 FROM activities WHERE type = 'Create' AND body->'object'->>'content' LIKE $1 "
        + "AND body->'object'->'to' ? $2 AND NOT (body->'object'->'to' ? 'https://www.w3.org/ns/activitystreams#Public')",
        "%" + text + "%", actor).size();
  }

  /** Waits until the worker took every marked member and wrote every announcement due. */
  static void awaitSettled() throws Exception {
    String pending = "SELECT 1 FROM recognition_pending UNION ALL SELECT 1 FROM member_achievements "
        + "WHERE announced_at IS NULL AND announce <> 'none'";
    for (int i = 0; i < 200 && !hearth.sql(pending).isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertTrue(hearth.sql(pending).isEmpty(), "every marked member evaluated and every announcement written");
  }

  static String state(String objectId) {
    return hearth.sql("SELECT state FROM moderation_items WHERE object_id = $1", objectId).get(0).getString(0);
  }

  @Test
  @Order(1)
  void aFedifyMembersFirstPostEarnsFirstPostAndTheCommunityTellsThemInADirectMessage() throws Exception {
    JsonNode posted = peer.post("alice", group, "<p>Hello, my first post here!</p>", "public");
    firstPost = posted.get("noteId").asText();
    assertEquals("done", hearth.awaitProcessed(posted.get("createId").asText()));
    JsonNode told = null;
    for (int i = 0; i < 40 && told == null; i++) {
      for (JsonNode c : peer.received("alice", "Create", 1, WAIT)) {
        if (c.path("object").path("content").asText().contains("First post")) {
          told = c;
        }
      }
      if (told == null) {
        Thread.sleep(250);
      }
    }
    assertTrue(told != null, "alice receives the community's direct message");
    String content = told.path("object").path("content").asText();
    assertTrue(content.contains("achievement “First post” in Lodge"), content);
    assertEquals(group, told.path("actor").asText(), "from the community");
    assertFalse(told.path("object").path("to").toString().contains("#Public"), "a direct message, not public");
    JsonNode earned = api("GET", "/achievements/earned?actor=" + java.net.URLEncoder.encode(alice,
        java.nio.charset.StandardCharsets.UTF_8), null);
    assertTrue(earned.toString().contains("\"posts_1\"") && earned.toString().contains("First post"), earned.toString());
  }

  @Test
  @Order(2)
  void theAnnouncementIsWrittenOnceAcrossARestartAndOnTwoNodes() throws Exception {
    awaitSettled();
    assertEquals(1, messagesTo(alice, "First post"));
    hearth.close();
    hearth = TestHearth.start(Clock.systemUTC(), databaseUrl, true, port);
    try (TestHearth second = TestHearth.start(Clock.systemUTC(), databaseUrl, true)) {
      JsonNode again = peer.post("alice", group, "<p>Back after the restart.</p>", "public");
      assertEquals("done", hearth.awaitProcessed(again.get("createId").asText()));
      assertEquals("done", hearth.awaitProcessed(peer.like("bob", group, firstPost).get("likeId").asText()));
      JsonNode reply = peer.reply("bob", group, firstPost, "<p>Welcome, alice!</p>");
      assertEquals("done", hearth.awaitProcessed(reply.get("createId").asText()));
      awaitSettled();
      assertEquals(1, messagesTo(alice, "First post"), "still one announcement of alice's first post");
      assertEquals(1, messagesTo(bob, "First answer to a newcomer"), "bob answered a newcomer, told once");
      assertEquals(1, hearth.sql("SELECT 1 FROM member_achievements WHERE actor_id = $1 AND key = 'posts_1'", alice)
          .size());
    }
  }

  @Test
  @Order(3)
  void aMemberAtALevelThatSkipsSlowModePostsTwiceQuicklyAndBothAreAcceptedWhileAMemberBelowIsHeld() throws Exception {
    api("PUT", "/levels", "[{\"points\":0,\"name\":\"Newcomer\"},"
        + "{\"points\":100,\"name\":\"Trusted\",\"skipSlowMode\":true}]");
    api("POST", "/filters", "{\"kind\":\"slow_mode\",\"config\":{\"minutes\":60},\"action\":\"hold\"}");
    api("POST", "/points", "{\"actor\":\"" + alice + "\",\"points\":100,\"reason\":\"Hosted the evening\"}");
    awaitSettled();
    assertEquals(1, messagesTo(alice, "Trusted"), "alice is told she reached Trusted");
    List<String> hers = List.of("<p>One thought.</p>", "<p>And another, right away.</p>");
    for (String text : hers) {
      JsonNode p = peer.post("alice", group, text, "public");
      assertEquals("done", hearth.awaitProcessed(p.get("createId").asText()));
      assertEquals("accepted", state(p.get("noteId").asText()), "alice's level skips slow mode: " + text);
    }
    JsonNode first = peer.post("bob", group, "<p>Bob's thought.</p>", "public");
    assertEquals("done", hearth.awaitProcessed(first.get("createId").asText()));
    JsonNode second = peer.post("bob", group, "<p>Bob again, right away.</p>", "public");
    assertEquals("done", hearth.awaitProcessed(second.get("createId").asText()));
    assertEquals("held", state(second.get("noteId").asText()), "bob is below Trusted: slow mode holds his post");
  }

  @Test
  @Order(4)
  void inAPrivateCommunityTheShoutOutIsAPostForTheMembersOnlyThatMentionsTheMember() throws Exception {
    api("PUT", "/announcements", "{\"announce\":\"post\"}");
    assertEquals(200, hearth.admin("PATCH", API, "{\"visibility\":\"private\"}", TestHearth.ADMIN_TOKEN).statusCode());
    api("POST", "/points", "{\"actor\":\"" + bob + "\",\"points\":100,\"reason\":\"Answered every question\"}");
    awaitSettled();
    List<io.vertx.sqlclient.Row> shouts = hearth.sql("SELECT body::text FROM activities WHERE type = 'Create' "
        + "AND body->'object'->>'content' LIKE '%Trusted%' AND body->'object'->>'content' LIKE '%Congratulations%'");
    assertEquals(1, shouts.size(), "one shout-out of bob's level");
    String body = shouts.get(0).getString(0);
    assertTrue(body.contains(bob), "it mentions bob: " + body);
    assertFalse(body.contains("https://www.w3.org/ns/activitystreams#Public") || body.contains("\"as:Public\""),
        "members only: " + body);
    JsonNode told = null;
    for (int i = 0; i < 40 && told == null; i++) {
      for (JsonNode c : peer.received("bob", "Create", 1, WAIT)) {
        if (c.toString().contains("Congratulations")) {
          told = c;
        }
      }
      if (told == null) {
        Thread.sleep(250);
      }
    }
    assertTrue(told != null, "bob, a member, receives the community's shout-out");
  }
}
