package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Levels and achievements through the admin API (issue 18): the default levels named in the community's language,
 * the creator's own thresholds and names (checked: ascending from 0, at most 20, names of at most 40 characters) and
 * the leaderboard's level from them; the default achievements, one added by staff from a fact and a threshold and
 * earned once by a member who reaches it, deleted again; how the community announces them.
 */
class LevelsApiTest {

  static final String API = "/api/v1/admin/communities/";
  static TestHearth hearth;
  static final String MEMBER = "https://members.example/users/mira";

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    hearth.createCommunity("guild", "Guild");
    hearth.createCommunity("artel", "Артель");
    hearth.createCommunity("hall", "Hall");
    assertEquals(200, call("PATCH", "artel", "", "{\"language\":\"ru\"}").statusCode());
    hearth.sql("INSERT INTO remote_actors (id, type, host, preferred_username, inbox, document) "
        + "VALUES ($1, 'Person', 'members.example', 'mira', $1 || '/inbox', '{}')", MEMBER);
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id, state, accepted_at) "
        + "SELECT id, $1, $1 || '#follow', 'accepted', now() FROM communities WHERE slug = 'guild'", MEMBER);
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
  }

  static HttpResponse<String> call(String method, String slug, String path, String body) throws Exception {
    return hearth.admin(method, API + slug + path, body, TestHearth.ADMIN_TOKEN);
  }

  static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  static List<String> names(JsonNode levels) {
    List<String> out = new ArrayList<>();
    levels.forEach(l -> out.add(l.get("points").asLong() + " " + l.get("name").asText()));
    return out;
  }

  @Test
  void theDefaultLevelsAreNamedInTheCommunitysLanguageUntilTheCreatorSetsTheirOwn() throws Exception {
    assertEquals(List.of("0 Newcomer", "10 Regular", "50 Contributor", "150 Helper", "400 Pillar", "1000 Elder"),
        names(ok(call("GET", "hall", "/levels", null))));
    assertEquals(List.of("0 Новичок", "10 Завсегдатай", "50 Участник", "150 Помощник", "400 Опора", "1000 Старейшина"),
        names(ok(call("GET", "artel", "/levels", null))));
    JsonNode achievements = ok(call("GET", "artel", "/achievements", null));
    assertEquals("Первый пост", achievements.get(0).get("name").asText(), achievements.toString());
    assertEquals(6, achievements.size(), "six default achievements");
  }

  @Test
  void badLevelsAreRefusedWithAReasonAndNothingIsSaved() throws Exception {
    String[][] cases = {
        {"{\"points\":0}", "list of levels"},
        {"[]", "at least one level"},
        {"[{\"points\":5,\"name\":\"A\"}]", "starts at 0"},
        {"[{\"points\":0,\"name\":\"A\"},{\"points\":30,\"name\":\"B\"},{\"points\":20,\"name\":\"C\"}]", "ascending"},
        {"[{\"points\":0,\"name\":\"A\"},{\"points\":0,\"name\":\"B\"}]", "ascending"},
        {"[{\"points\":0,\"name\":\"" + "x".repeat(41) + "\"}]", "40 characters"},
        {"[{\"points\":0,\"name\":\" \"}]", "name is required"},
        {"[{\"points\":\"ten\",\"name\":\"A\"}]", "points is required"},
        {"[{\"points\":0,\"name\":\"A\",\"skipSlowMode\":\"yes\"}]", "true or false"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = call("PUT", "artel", "/levels", c[0]);
      assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
      assertTrue(r.body().contains(c[1]), c[0] + " should say " + c[1] + ": " + r.body());
    }
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 21; i++) {
      many.append(i == 0 ? "" : ",").append("{\"points\":").append(i * 10).append(",\"name\":\"L").append(i).append("\"}");
    }
    HttpResponse<String> r = call("PUT", "artel", "/levels", many.append("]").toString());
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("at most 20"), r.body());
    assertEquals("0 Новичок", names(ok(call("GET", "artel", "/levels", null))).get(0), "nothing saved");
  }

  @Test
  void theCreatorsLevelsNameTheLeaderboardsLevelAndAStaffAchievementIsEarnedOnce() throws Exception {
    JsonNode saved = ok(call("PUT", "guild", "/levels", "[{\"points\":0,\"name\":\"Apprentice\"},"
        + "{\"points\":30,\"name\":\"Journeyman\",\"skipSlowMode\":true},{\"points\":60,\"name\":\"Master\"}]"));
    assertEquals(List.of("0 Apprentice", "30 Journeyman", "60 Master"), names(saved));
    assertTrue(saved.get(1).get("skipSlowMode").asBoolean());
    assertEquals(saved, ok(call("GET", "guild", "/levels", null)));
    JsonNode added = ok(call("POST", "guild", "/achievements",
        "{\"fact\":\"points\",\"threshold\":40,\"name\":\"Forty\",\"description\":\"Earned 40 points.\"}"));
    assertEquals("points_40", added.get("key").asText());
    assertFalse(added.get("builtin").asBoolean());
    HttpResponse<String> twice = call("POST", "guild", "/achievements",
        "{\"fact\":\"points\",\"threshold\":40,\"name\":\"Forty again\"}");
    assertEquals(409, twice.statusCode(), twice.body());
    assertEquals(400, call("POST", "guild", "/achievements", "{\"fact\":\"karma\",\"threshold\":4,\"name\":\"K\"}")
        .statusCode());
    assertEquals(400, call("POST", "guild", "/achievements", "{\"fact\":\"posts\",\"threshold\":0,\"name\":\"K\"}")
        .statusCode());

    ok(call("POST", "guild", "/points", "{\"actor\":\"" + MEMBER + "\",\"points\":45,\"reason\":\"Ran the workshop\"}"));
    JsonNode board = ok(call("GET", "guild", "/leaderboard?period=all", null));
    assertEquals(2, board.get(0).get("level").asInt(), board.toString());
    assertEquals("Journeyman", board.get(0).get("levelName").asText());
    List<String> earned = awaitEarned(2);
    assertEquals(List.of("level:30", "points_40"), earned.stream().sorted().toList());
    ok(call("POST", "guild", "/points", "{\"actor\":\"" + MEMBER + "\",\"points\":1,\"reason\":\"Tidied up\"}"));
    awaitEvaluated();
    assertEquals(2, earnedKeys().size(), "points_40 and level 2 are recorded once: " + earnedKeys());
    assertEquals(1, hearth.sql("SELECT 1 FROM member_achievements WHERE actor_id = $1 AND key = 'points_40'", MEMBER)
        .size());

    assertEquals(400, call("PUT", "guild", "/achievements/points_40", "{\"on\":false}").statusCode(),
        "the staff's own are deleted, not switched off");
    assertEquals(204, call("DELETE", "guild", "/achievements/points_40", null).statusCode());
    assertEquals(404, call("DELETE", "guild", "/achievements/points_40", null).statusCode());
    assertEquals(List.of("level:30"), earnedKeys());
  }

  @Test
  void aDefaultAchievementSwitchedOffIsNotEarnedUntilItIsSwitchedOnAgain() throws Exception {
    hearth.createCommunity("lodge", "Lodge");
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id, state, accepted_at) "
        + "SELECT id, $1, $1 || '#follow-lodge', 'accepted', now() FROM communities WHERE slug = 'lodge'", MEMBER);
    assertEquals(204, call("DELETE", "lodge", "/achievements/posts_1", null).statusCode(), "a default is switched off");
    JsonNode off = ok(call("GET", "lodge", "/achievements", null));
    assertEquals(6, off.size(), "still listed: " + off);
    for (JsonNode a : off) {
      assertEquals(!a.get("key").asText().equals("posts_1"), a.get("on").asBoolean(), a.toString());
    }
    assertEquals(409, call("POST", "lodge", "/achievements", "{\"fact\":\"posts\",\"threshold\":1,\"name\":\"Mine\"}")
        .statusCode(), "nor can the staff take a switched-off default's place");
    // the member's first accepted post: they meet posts_1, and earn nothing while it is off
    hearth.sql("INSERT INTO author_posting (community_id, author_id, accepted_posts, last_post_at) "
        + "SELECT id, $1, 1, now() FROM communities WHERE slug = 'lodge'", MEMBER);
    hearth.sql("INSERT INTO recognition_pending (community_id, actor_id) SELECT id, $1 FROM communities "
        + "WHERE slug = 'lodge'", MEMBER);
    awaitEvaluated();
    assertEquals(List.of(), earnedKeys("lodge"));

    JsonNode on = ok(call("PUT", "lodge", "/achievements/posts_1", "{\"on\":true}"));
    assertTrue(on.get("on").asBoolean() && on.get("builtin").asBoolean(), on.toString());
    assertEquals("First post", on.get("name").asText(), on.toString());
    assertEquals(400, call("PUT", "lodge", "/achievements/posts_1", "{\"on\":\"yes\"}").statusCode());
    assertEquals(404, call("PUT", "lodge", "/achievements/posts_7", "{\"on\":true}").statusCode());
    hearth.sql("INSERT INTO recognition_pending (community_id, actor_id) SELECT id, $1 FROM communities "
        + "WHERE slug = 'lodge'", MEMBER);
    assertEquals(List.of("posts_1"), awaitEarned("lodge", 1), "switched on again, the member earns it");

    assertEquals(204, call("DELETE", "lodge", "/achievements/posts_1", null).statusCode());
    assertEquals(List.of("posts_1"), earnedKeys("lodge"), "switched off later, what the member earned stays");
    assertEquals("First post", ok(call("GET", "lodge", "/achievements/earned?actor="
        + URLEncoder.encode(MEMBER, StandardCharsets.UTF_8), null)).get(0).get("name").asText(), "and keeps its name");
    assertEquals(3L, hearth.sql("SELECT count(*) FROM audit_log a JOIN communities c ON c.id = a.community_id "
        + "WHERE c.slug = 'lodge' AND a.action = 'recognition.achievement'").get(0).getLong(0),
        "switched off, on and off again: three changes audited");
  }

  @Test
  void theCommunityChoosesHowWhatIsEarnedIsAnnounced() throws Exception {
    assertEquals("none", ok(call("GET", "guild", "/announcements", null)).get("announce").asText());
    assertEquals("dm", ok(call("PUT", "guild", "/announcements", "{\"announce\":\"dm\"}")).get("announce").asText());
    assertEquals("post", ok(call("PUT", "guild", "/announcements", "{\"announce\":\"post\"}")).get("announce").asText());
    HttpResponse<String> bad = call("PUT", "guild", "/announcements", "{\"announce\":\"email\"}");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("dm, post, none"), bad.body());
    assertEquals("none", ok(call("PUT", "guild", "/announcements", "{\"announce\":\"none\"}")).get("announce").asText());
  }

  @Test
  void theOwnerSetsLevelsAndStaffAddAnAchievementOnTheStaffPagesAndTheBoardsShowWhatAMemberEarned() throws Exception {
    hearth.createCommunity("studio", "Studio");
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id, state, accepted_at) "
        + "SELECT id, $1, $1 || '#follow-studio', 'accepted', now() FROM communities WHERE slug = 'studio'", MEMBER);
    hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"olga\",\"password\":\"long-enough-password\"}",
        TestHearth.ADMIN_TOKEN);
    ok(call("PUT", "studio", "/staff/olga", "{\"role\":\"owner\"}"));
    StaffWeb olga = StaffWeb.signIn(hearth, "olga", "long-enough-password");
    HttpResponse<String> page = olga.get("/staff/c/studio/recognition/levels");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("Newcomer") && page.body().contains("Skips slow mode")
        && page.body().contains("First post"), "the default levels and achievements");
    String ru = olga.get("/staff/c/studio/recognition/levels", "ru").body();
    assertTrue(ru.contains("Без медленного режима") && ru.contains("Первый пост"), "the page in Russian");
    HttpResponse<String> saved = olga.multipart("/staff/c/studio/recognition/levels", Map.of("_csrf", olga.csrf(),
        "points_1", "0", "name_1", "Seedling", "points_2", "20", "name_2", "Sprout", "slow_2", "on"), null, null, null);
    assertEquals(303, saved.statusCode(), saved.body());
    JsonNode levels = ok(call("GET", "studio", "/levels", null));
    assertEquals(List.of("0 Seedling", "20 Sprout"), names(levels));
    assertTrue(levels.get(1).get("skipSlowMode").asBoolean() && !levels.get(1).get("skipProbation").asBoolean());
    HttpResponse<String> added = olga.multipart("/staff/c/studio/recognition/achievements", Map.of("_csrf",
        olga.csrf(), "fact", "points", "threshold", "15", "name", "Fifteen", "description", "Fifteen points."),
        null, null, null);
    assertEquals(303, added.statusCode(), added.body());
    assertTrue(ok(call("GET", "studio", "/achievements", null)).toString().contains("\"points_15\""));
    assertTrue(olga.get("/staff/c/studio/recognition/levels").body().contains("Switch off"), "defaults can be switched off");
    HttpResponse<String> off = olga.multipart("/staff/c/studio/recognition/achievements/switch", Map.of("_csrf",
        olga.csrf(), "key", "days_365", "on", "false"), null, null, null);
    assertEquals(303, off.statusCode(), off.body());
    String after = olga.get("/staff/c/studio/recognition/levels").body();
    assertTrue(after.contains("data-off") && after.contains("Switch on"), "shown switched off, with its switch: " + after);
    for (JsonNode a : ok(call("GET", "studio", "/achievements", null))) {
      assertEquals(!a.get("key").asText().equals("days_365"), a.get("on").asBoolean(), a.toString());
    }

    ok(call("POST", "studio", "/points", "{\"actor\":\"" + MEMBER + "\",\"points\":25,\"reason\":\"Sketched the poster\"}"));
    assertEquals(2, awaitEarned("studio", 2).size());
    String history = olga.get("/staff/c/studio/recognition/member?actor=" + URLEncoder.encode(MEMBER,
        StandardCharsets.UTF_8)).body();
    assertTrue(history.contains("data-earned") && history.contains("Fifteen") && history.contains("Sprout"), history);
    ok(call("PUT", "studio", "/recognition", "{\"publicBoard\":true}"));
    String board = hearth.get(hearth.base + "/c/studio/leaderboard?period=all", "text/html").body();
    assertTrue(board.contains("Sprout") && board.contains("Fifteen"), "the public board names the level and "
        + "what the member earned: " + board);
  }

  static List<String> earnedKeys() throws Exception {
    return earnedKeys("guild");
  }

  static List<String> earnedKeys(String slug) throws Exception {
    JsonNode list = ok(call("GET", slug, "/achievements/earned?actor=" + URLEncoder.encode(MEMBER,
        StandardCharsets.UTF_8), null));
    List<String> out = new ArrayList<>();
    list.forEach(e -> out.add(e.get("key").asText()));
    return out;
  }

  /** Waits until the worker has recorded at least {@code n} things the member earned. */
  static List<String> awaitEarned(int n) throws Exception {
    return awaitEarned("guild", n);
  }

  static List<String> awaitEarned(String slug, int n) throws Exception {
    for (int i = 0; i < 200; i++) {
      List<String> keys = earnedKeys(slug);
      if (keys.size() >= n) {
        return keys;
      }
      Thread.sleep(100);
    }
    return earnedKeys(slug);
  }

  /** Waits until no member is marked for the worker any more. */
  static void awaitEvaluated() throws Exception {
    for (int i = 0; i < 200 && !hearth.sql("SELECT 1 FROM recognition_pending").isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertTrue(hearth.sql("SELECT 1 FROM recognition_pending").isEmpty(), "the worker took every marked member");
  }
}
