package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Recognition through federation (issue 18): members on a Fedify server join, a newcomer posts, another member
 * replies and likes it; the ledgers, the leaderboard and the leaders say so; a self-like gives nothing; a removed
 * reply takes its points back; staff award points with a reason; "hide me" leaves the public board; the daily
 * rollup counts the day right across a restart on the same database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyRecognitionTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String API = "/api/v1/admin/communities/circle";
  static String databaseUrl;
  static int port;
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;
  static String alice;
  static String bob;
  static String firstPost;
  static String reply;

  @BeforeAll
  static void start() throws Exception {
    databaseUrl = TestDatabase.url(TestDatabase.fresh());
    hearth = TestHearth.start(Clock.systemUTC(), databaseUrl, true);
    port = hearth.port;
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("circle", "Circle");
    String handle = "acct:circle@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
    assertEquals(1, peer.received("bob", "Accept", 1, WAIT).size());
    alice = peer.actor("alice");
    bob = peer.actor("bob");
    // alice, the newcomer, posts; bob replies and likes it; alice likes her own post
    JsonNode posted = peer.post("alice", group, "<p>Hello! I am new here, where do I start?</p>", "public");
    firstPost = posted.get("noteId").asText();
    assertEquals("done", hearth.awaitProcessed(posted.get("createId").asText()));
    JsonNode answered = peer.reply("bob", group, firstPost, "<p>Welcome! Start with the pinned posts.</p>");
    reply = answered.get("noteId").asText();
    assertEquals("done", hearth.awaitProcessed(answered.get("createId").asText()));
    assertEquals("done", hearth.awaitProcessed(peer.like("bob", group, firstPost).get("likeId").asText()));
    assertEquals("done", hearth.awaitProcessed(peer.like("alice", group, firstPost).get("likeId").asText()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {peer, hearth}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static HttpResponse<String> call(String method, String path, String body) throws Exception {
    return hearth.admin(method, API + path, body, TestHearth.ADMIN_TOKEN);
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = call(method, path, body);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  static JsonNode ledger(String actor) throws Exception {
    return api("GET", "/points?actor=" + URLEncoder.encode(actor, StandardCharsets.UTF_8), null);
  }

  static List<String> kinds(JsonNode ledger) {
    List<String> out = new ArrayList<>();
    ledger.get("entries").forEach(e -> out.add(e.get("kind").asText() + " " + e.get("points").asInt()));
    return out;
  }

  @Test
  @Order(1)
  void theNewcomersLedgerShowsTheirPostTheReplyAndTheLikeFromAnotherMemberButNotTheirOwnLike() throws Exception {
    JsonNode a = ledger(alice);
    List<String> kinds = kinds(a);
    assertEquals(List.of("like 1", "reply 2", "post 5"), kinds, a.toString());
    assertEquals(8, a.get("total").asInt());
    JsonNode like = a.get("entries").get(0);
    assertEquals(bob, like.get("fromActor").asText(), "the like came from bob");
    assertEquals(firstPost, like.get("post").asText());
  }

  @Test
  @Order(2)
  void theAnsweringMembersLedgerShowsTheirReplyAndTheAnswerToANewcomer() throws Exception {
    JsonNode b = ledger(bob);
    assertEquals(List.of("newcomer_answer 10", "post 5"), kinds(b), b.toString());
    assertEquals(firstPost, b.get("entries").get(0).get("post").asText(), "the newcomer's first post");
    assertEquals(15, b.get("total").asInt());
  }

  @Test
  @Order(3)
  void theLeadersAndTheLeaderboardSaySo() throws Exception {
    JsonNode leaders = api("GET", "/leaders", null);
    assertEquals(bob, leaders.get(0).get("actor").asText(), leaders.toString());
    assertEquals(1, leaders.get(0).get("newcomersAnswered").asInt());
    assertEquals(1, leaders.get(0).get("replies").asInt());
    assertTrue(leaders.get(0).get("medianResponseSeconds").asLong() >= 0);
    JsonNode board = api("GET", "/leaderboard?period=week", null);
    assertEquals(2, board.size(), board.toString());
    assertEquals(bob, board.get(0).get("actor").asText());
    assertEquals(15, board.get(0).get("points").asInt());
    assertEquals(2, board.get(0).get("level").asInt(), "15 points reach level 2 (10)");
    assertEquals(alice, board.get(1).get("actor").asText());
    assertEquals(8, board.get(1).get("points").asInt());
  }

  @Test
  @Order(4)
  void badInputIsRefusedWithAReason() throws Exception {
    HttpResponse<String> r = call("GET", "/leaderboard?period=year", null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("period must be week, month or all"), r.body());
    r = call("POST", "/points", "{\"actor\":\"" + alice + "\",\"points\":5}");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("reason"), r.body());
    r = call("POST", "/points", "{\"actor\":\"" + alice + "\",\"points\":0,\"reason\":\"nothing\"}");
    assertEquals(400, r.statusCode());
    r = call("GET", "/points", null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("actor is required"), r.body());
    r = call("GET", "/analytics?from=2027-13-01", null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("YYYY-MM-DD"), r.body());
    r = call("PUT", "/sponsors", "{\"actors\":[\"https://elsewhere.example/users/nobody\"]}");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("not a member"), r.body());
  }

  @Test
  @Order(5)
  void staffAwardPointsWithAReasonAndKeepARosterOfSponsors() throws Exception {
    JsonNode e = api("POST", "/points", "{\"actor\":\"" + alice + "\",\"points\":20,\"reason\":\"Organised the meetup\"}");
    assertEquals("staff", e.get("kind").asText());
    assertEquals("Organised the meetup", e.get("reason").asText());
    assertEquals(28, ledger(alice).get("total").asInt());
    api("POST", "/points", "{\"actor\":\"" + alice + "\",\"points\":-20,\"reason\":\"Counted twice\"}");
    assertEquals(8, ledger(alice).get("total").asInt());
    JsonNode roster = api("PUT", "/sponsors", "{\"actors\":[\"" + bob + "\"]}");
    assertEquals(bob, roster.get("actors").get(0).asText());
    assertEquals(roster, api("GET", "/sponsors", null));
  }

  @Test
  @Order(6)
  void aRemovedReplyTakesItsPointsBackWithTheReason() throws Exception {
    api("POST", "/posts/remove", "{\"object\":\"" + reply + "\",\"reason\":\"off topic\"}");
    JsonNode b = ledger(bob);
    assertEquals(0, b.get("total").asInt(), b.toString());
    JsonNode taken = b.get("entries").get(0);
    assertEquals("reversal", taken.get("kind").asText());
    assertEquals("post_removed", taken.get("reason").asText());
    JsonNode a = ledger(alice);
    assertEquals(6, a.get("total").asInt(), "the reply's 2 points are taken back: " + a);
  }

  @Test
  @Order(7)
  void aMemberWhoSaysHideMeLeavesThePublicBoardAndIsToldSo() throws Exception {
    api("PUT", "/recognition", "{\"publicBoard\":true}");
    JsonNode dm = peer.post("alice", group, "<p><span class=\"h-card\"><a href=\"" + group
        + "\" class=\"u-url mention\">@<span>circle</span></a></span> hide me</p>", "direct");
    assertEquals("done", hearth.awaitProcessed(dm.get("createId").asText()));
    assertEquals(1, hearth.sql("SELECT 1 FROM board_hidden WHERE actor_id = $1", alice).size());
    boolean told = false;
    for (int i = 0; i < 40 && !told; i++) {
      for (JsonNode c : peer.received("alice", "Create", 1, WAIT)) {
        told |= c.path("object").path("content").asText().contains("no longer shown on the public leaderboard");
      }
      if (!told) {
        Thread.sleep(250);
      }
    }
    assertTrue(told, "alice is told she left the public board");
  }

  @Test
  @Order(8)
  void theDailyRollupCountsTheDayRightAcrossARestart() throws Exception {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonNode before = api("GET", "/analytics?from=" + today + "&to=" + today, null).get("days").get(0);
    assertEquals(today, before.get("date").asText());
    assertEquals(2, before.get("joins").asInt(), before.toString());
    assertEquals(2, before.get("members").asInt());
    assertEquals(2, before.get("activeMembers7d").asInt());
    int accepted = before.get("postsAccepted").asInt();
    assertEquals(2, accepted, "alice's post and bob's reply (the direct message is no post)");
    hearth.close();
    hearth = TestHearth.start(Clock.systemUTC(), databaseUrl, true, port);
    JsonNode posted = peer.post("bob", group, "<p>Back again after the restart.</p>", "public");
    assertEquals("done", hearth.awaitProcessed(posted.get("createId").asText()));
    JsonNode after = api("GET", "/analytics?from=" + today + "&to=" + today, null);
    JsonNode day = after.get("days").get(0);
    assertEquals(2, day.get("joins").asInt(), day.toString());
    assertEquals(3, day.get("postsAccepted").asInt());
    assertEquals(2, day.get("members").asInt());
    assertTrue(after.get("newcomerReplyMedianSeconds").isNull(), "the only answer to a newcomer was removed: " + after);
  }

  @Test
  @Order(9)
  void staffSeeTheBoardTheLeadersTheHistoryAndTheChartsInTheirLanguageAndThePublicBoardLeavesOutWhoAskedTo()
      throws Exception {
    hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"rosa\",\"password\":\"long-enough-password\"}",
        TestHearth.ADMIN_TOKEN);
    hearth.admin("PUT", API + "/staff/rosa", "{\"role\":\"moderator\"}", TestHearth.ADMIN_TOKEN);
    StaffWeb rosa = StaffWeb.signIn(hearth, "rosa", "long-enough-password");
    HttpResponse<String> page = rosa.get("/staff/c/circle/recognition?period=all");
    assertEquals(200, page.statusCode(), page.body());
    String html = page.body();
    assertTrue(html.contains("data-board") && html.contains(bob), "bob is on the staff board");
    assertTrue(html.contains("data-leaders"), "the leaders table");
    assertTrue(html.contains("<svg class=\"chart\"") && html.contains("Joins per day"), "an SVG chart, labelled");
    String ru = rosa.get("/staff/c/circle/recognition", "ru").body();
    assertTrue(ru.contains("Вступления по дням"), "the chart's label in Russian");
    HttpResponse<String> history = rosa.get("/staff/c/circle/recognition/member?actor="
        + URLEncoder.encode(bob, StandardCharsets.UTF_8));
    assertEquals(200, history.statusCode());
    assertTrue(history.body().contains("answered a newcomer") && history.body().contains("the post was removed"),
        "each entry and why: " + history.body());
    HttpResponse<String> csv = rosa.get("/staff/c/circle/recognition/analytics.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.body().startsWith("date,joins,leaves,removals,members,postsAccepted"), csv.body());
    String board = hearth.get(hearth.base + "/c/circle/leaderboard?period=all", "text/html").body();
    assertTrue(board.contains(bob), "bob is on the public board");
    assertTrue(!board.contains(alice), "alice asked to leave it");
    HttpResponse<String> made = rosa.multipart("/staff/c/circle/recognition/leaders/role", java.util.Map.of("_csrf",
        rosa.csrf(), "actor", alice, "role", "sponsor"), null, null, null);
    assertEquals(303, made.statusCode(), made.body());
    assertTrue(api("GET", "/sponsors", null).toString().contains(alice), "a leader made a sponsor from the page");
    api("PUT", "/recognition", "{\"publicBoard\":false}");
    assertEquals(404, hearth.get(hearth.base + "/c/circle/leaderboard", "text/html").statusCode(),
        "no public board unless the community turns it on");
  }
}
