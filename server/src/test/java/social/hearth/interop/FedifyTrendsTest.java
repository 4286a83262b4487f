package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
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
 * The creators' trends through federation (issue 18, item 6): members of a Fedify server post with hashtags, reply
 * and like; the analytics say which topics and posts led, how many posts came at each hour of the day in the
 * community's time zone, and how many of each week's newcomers posted in that week and the weeks after (a cohort that
 * joined three weeks ago is written as history); the same figures come back after a restart, from the stored rollup,
 * and count what comes after it; the staff dashboard shows them in the reader's language and as CSV.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyTrendsTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String API = "/api/v1/admin/communities/studio";
  static final String ZONE = "Asia/Kolkata";
  static String databaseUrl;
  static int port;
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;
  static String firstPost;
  static LocalDate today = LocalDate.now(ZoneOffset.UTC);
  static LocalDate thisWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  static LocalDate oldWeek = thisWeek.minusWeeks(3);
  static String carol = "https://history.example/users/carol";

  @BeforeAll
  static void start() throws Exception {
    databaseUrl = TestDatabase.url(TestDatabase.fresh());
    hearth = TestHearth.start(Clock.systemUTC(), databaseUrl, true);
    port = hearth.port;
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("studio", "Studio");
    api("PUT", "/digest", "{\"timezone\":\"" + ZONE + "\"}");
    // history: carol joined three weeks ago (that day's rollup row says so, as its trigger wrote it then) and posted
    // one and two weeks after joining
    long community = hearth.sql("SELECT id FROM communities WHERE slug = 'studio'").get(0).getLong(0);
    hearth.sql("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ($1, 'Person', 'history.example', "
        + "$1 || '/inbox', '{}'::jsonb)", carol);
    OffsetDateTime joined = oldWeek.plusDays(1).atTime(10, 0).atOffset(ZoneOffset.UTC);
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id, state, joined_at, accepted_at) "
        + "VALUES ($1, $2, $2 || '#follow', 'accepted', $3, $3)", community, carol, joined);
    hearth.sql("UPDATE community_days SET joins = joins - 1 WHERE community_id = $1 AND day = $2", community, today);
    hearth.sql("INSERT INTO community_days (community_id, day, joins, members) VALUES ($1, $2, 1, 1)", community,
        joined.toLocalDate());
    for (int week : new int[] {1, 2}) {
      hearth.sql("INSERT INTO posts (community_id, object_id, author_id, type, content, object, created_at) VALUES "
          + "($1, $2, $3, 'Note', '<p>Still here</p>', '{}'::jsonb, $4)", community, carol + "/posts/" + week, carol,
          joined.plusWeeks(week));
    }
    String handle = "acct:studio@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
    assertEquals(1, peer.received("bob", "Accept", 1, WAIT).size());
    firstPost = tagged("alice", "<p>My shelf this month #books #poetry</p>", "books", "poetry");
    tagged("bob", "<p>Finished a novel #books</p>", "books");
    JsonNode reply = peer.reply("bob", group, firstPost, "<p>Lovely shelf!</p>");
    assertEquals("done", hearth.awaitProcessed(reply.get("createId").asText()));
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

  static String tagged(String user, String content, String... tags) throws Exception {
    var body = TestHearth.JSON.createObjectNode().put("user", user).put("groupId", group).put("content", content);
    var list = body.putArray("hashtags");
    for (String t : tags) {
      list.add(t);
    }
    JsonNode posted = peer.control("/_test/post-hashtags", body);
    assertEquals("done", hearth.awaitProcessed(posted.get("createId").asText()));
    return posted.get("noteId").asText();
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = hearth.admin(method, API + path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  static JsonNode analytics() throws Exception {
    return api("GET", "/analytics?from=" + oldWeek + "&to=" + today, null);
  }

  /** Posts by hour of day in the zone, from the posts stored (what the rollup must have counted). */
  static long[] expectedHours() {
    long[] hours = new long[24];
    for (Row r : hearth.sql("SELECT created_at FROM posts WHERE deleted_at IS NULL")) {
      hours[r.getOffsetDateTime(0).atZoneSameInstant(ZoneId.of(ZONE)).getHour()]++;
    }
    return hours;
  }

  static void assertHours(JsonNode a) {
    long[] expected = expectedHours();
    assertEquals(ZONE, a.get("timeZone").asText());
    assertEquals(24, a.get("busiestHours").size());
    for (int h = 0; h < 24; h++) {
      assertEquals(expected[h], a.get("busiestHours").get(h).asLong(), "hour " + h + ": " + a.get("busiestHours"));
    }
  }

  static JsonNode cohort(JsonNode a, LocalDate week) {
    for (JsonNode k : a.get("retention")) {
      if (k.get("week").asText().equals(week.toString())) {
        return k;
      }
    }
    throw new AssertionError("no cohort " + week + ": " + a.get("retention"));
  }

  @Test
  @Order(1)
  void topTopicsAndTopPostsCountWhatOthersDid() throws Exception {
    JsonNode a = analytics();
    assertEquals("books", a.get("topTopics").get(0).get("tag").asText(), a.toString());
    assertEquals(2, a.get("topTopics").get(0).get("posts").asInt());
    assertEquals("poetry", a.get("topTopics").get(1).get("tag").asText());
    assertEquals(1, a.get("topTopics").get(1).get("posts").asInt());
    JsonNode top = a.get("topPosts").get(0);
    assertEquals(firstPost, top.get("object").asText(), a.toString());
    assertEquals(1, top.get("likes").asInt(), "bob's like; alice's own like does not count");
    assertEquals(1, top.get("replies").asInt());
    assertEquals(1, a.get("topPosts").size(), "no other post got a like or a reply");
    assertTrue(a.get("days").size() > 20 && a.has("newcomerReplyMedianSeconds"), "the existing fields stay");
  }

  @Test
  @Order(2)
  void busiestHoursCountEveryPostAtItsHourInTheCommunitysTimeZone() throws Exception {
    JsonNode a = analytics();
    assertHours(a);
    long sum = 0;
    for (JsonNode h : a.get("busiestHours")) {
      sum += h.asLong();
    }
    assertEquals(5, sum, "alice's post, bob's post, bob's reply and carol's two posts: " + a);
  }

  @Test
  @Order(3)
  void retentionCountsEachWeeksNewcomersWhoPostedInTheWeeksAfter() throws Exception {
    JsonNode a = analytics();
    JsonNode old = cohort(a, oldWeek);
    assertEquals(1, old.get("joined").asInt(), old.toString());
    assertEquals(List.of(0, 1, 1, 0), ints(old.get("posted")), "carol posted one and two weeks after joining");
    JsonNode now = cohort(a, thisWeek);
    assertEquals(2, now.get("joined").asInt(), now.toString());
    assertEquals(List.of(2), ints(now.get("posted")), "alice and bob posted in their first week; no later week yet");
  }

  static List<Integer> ints(JsonNode array) {
    List<Integer> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  @Test
  @Order(4)
  void theFiguresComeBackAfterARestartAndCountWhatComesAfter() throws Exception {
    JsonNode before = analytics();
    hearth.close();
    hearth = TestHearth.start(Clock.systemUTC(), databaseUrl, true, port);
    JsonNode after = analytics();
    for (String field : List.of("busiestHours", "topTopics", "topPosts", "retention")) {
      assertEquals(before.get(field), after.get(field), field + " after the restart");
    }
    tagged("alice", "<p>Back after the restart #books</p>", "books");
    JsonNode more = analytics();
    assertEquals(3, more.get("topTopics").get(0).get("posts").asInt(), more.toString());
    assertHours(more);
    assertEquals(List.of(2), ints(cohort(more, thisWeek).get("posted")), "alice counted once in her week");
  }

  @Test
  @Order(5)
  void staffSeeTheTrendsInTheirLanguageAndAsCsv() throws Exception {
    hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"rosa\",\"password\":\"long-enough-password\"}",
        TestHearth.ADMIN_TOKEN);
    hearth.admin("PUT", API + "/staff/rosa", "{\"role\":\"moderator\"}", TestHearth.ADMIN_TOKEN);
    StaffWeb rosa = StaffWeb.signIn(hearth, "rosa", "long-enough-password");
    String html = rosa.get("/staff/c/studio/recognition").body();
    assertTrue(html.contains("data-trends") && html.contains("Posts by hour of day (" + ZONE + ")")
        && html.contains("data-chart=\"chart-hours\""), "the hours chart, labelled: " + html);
    assertTrue(html.contains("data-retention") && html.contains("#books") && html.contains(firstPost), html);
    String ru = rosa.get("/staff/c/studio/recognition", "ru").body();
    assertTrue(ru.contains("Посты по часам суток") && ru.contains("Удержание новичков"), "in Russian");
    HttpResponse<String> csv = rosa.get("/staff/c/studio/recognition/analytics.csv?table=topics");
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.body().startsWith("tag,posts\r\n\"books\",3\r\n"), csv.body());
    assertTrue(rosa.get("/staff/c/studio/recognition/analytics.csv?table=hours").body()
        .startsWith("hour,posts,timeZone\r\n0,"));
    assertTrue(rosa.get("/staff/c/studio/recognition/analytics.csv?table=retention").body()
        .startsWith("week,joined,postedWeek0,postedWeek1"));
    assertEquals(400, rosa.get("/staff/c/studio/recognition/analytics.csv?table=nonsense").statusCode());
  }
}
