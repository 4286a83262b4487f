package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * The admin API of polls through a real server: a poll asked as a staff member is their Person's Question, served at
 * its IRI and shown on the community's page; each bad input is a 400 with its reason, after which nothing was
 * published.
 */
class PollsApiTest {

  static TestHearth hearth;
  static String group;
  static final String POLLS = "/api/v1/admin/communities/choir/polls";

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    group = hearth.createCommunity("choir", "Choir");
    assertEquals(201, api("POST", "/api/v1/admin/accounts",
        "{\"username\":\"maria\",\"password\":\"long-enough-password\"}").statusCode());
    assertEquals(200, api("PUT", "/api/v1/admin/communities/choir/staff/maria", "{\"role\":\"moderator\"}").statusCode());
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
  }

  static HttpResponse<String> api(String method, String path, String body) throws Exception {
    return hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
  }

  static String in(long minutes) {
    return Instant.now().plus(minutes, ChronoUnit.MINUTES).toString();
  }

  @Test
  void aPollAskedByAStaffMemberIsTheirQuestionServedAtItsIriAndShownOnTheCommunityPage() throws Exception {
    HttpResponse<String> r = api("POST", POLLS, "{\"question\":\"Which song next?\",\"options\":[\"Ave Maria\","
        + "\"Hallelujah\",\"Kalinka\"],\"multiple\":true,\"endTime\":\"" + in(120) + "\",\"as\":\"maria\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode poll = TestHearth.JSON.readTree(r.body());
    String iri = poll.get("id").asText();
    assertEquals(hearth.base + "/polls/" + poll.get("key").asText(), iri);
    assertEquals("maria", poll.get("as").asText());
    assertTrue(poll.get("membersOnly").asBoolean(), "members only by default");
    assertEquals("Hallelujah", poll.get("options").get(1).get("name").asText());
    assertEquals(0, poll.get("options").get(1).get("votes").asInt());
    assertEquals(0, poll.get("voters").asInt());
    assertEquals(false, poll.get("closed").asBoolean());

    JsonNode question = hearth.getJson(iri);
    assertEquals("Question", question.get("type").asText());
    assertEquals(hearth.base + "/u/maria", question.get("attributedTo").asText());
    assertEquals(3, question.get("anyOf").size(), "several choices: anyOf");
    assertEquals("Kalinka", question.get("anyOf").get(2).get("name").asText());
    assertEquals(0, question.get("votersCount").asInt());
    assertEquals(group, question.get("audience").asText());

    HttpResponse<String> browser = hearth.get(iri, "text/html");
    assertEquals(303, browser.statusCode());
    String page = browser.headers().firstValue("Location").orElseThrow();
    assertEquals(poll.get("url").asText(), page);
    String html = hearth.get(page, "text/html").body();
    assertTrue(html.contains("Kalinka") && html.contains("<progress"), html);
    assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE object_id = $1 AND type = 'Announce'", iri)
        .get(0).getLong(0), "the community re-shares its staff member's poll");
  }

  @Test
  void badPollsAreRefusedWithTheirReasonAndNothingIsPublished() throws Exception {
    long posts = hearth.sql("SELECT count(*) FROM posts").get(0).getLong(0);
    String[][] cases = {
        {"{\"question\":\"Q?\",\"options\":[\"Only one\"],\"endTime\":\"" + in(60) + "\"}", "poll.options.few"},
        {"{\"question\":\"Q?\",\"options\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"],"
            + "\"endTime\":\"" + in(60) + "\"}", "poll.options.many"},
        {"{\"question\":\"Q?\",\"options\":[\"Yes\",\" yes \"],\"endTime\":\"" + in(60) + "\"}", "poll.option.duplicate"},
        {"{\"question\":\"Q?\",\"options\":[\"Yes\",\"\"],\"endTime\":\"" + in(60) + "\"}", "poll.options.few"},
        {"{\"question\":\"  \",\"options\":[\"Yes\",\"No\"],\"endTime\":\"" + in(60) + "\"}", "poll.question.empty"},
        {"{\"question\":\"" + "q".repeat(501) + "\",\"options\":[\"Yes\",\"No\"],\"endTime\":\"" + in(60) + "\"}",
            "poll.question.long"},
        {"{\"question\":\"Q?\",\"options\":[\"" + "o".repeat(101) + "\",\"No\"],\"endTime\":\"" + in(60) + "\"}",
            "poll.option.long"},
        {"{\"question\":\"Q?\",\"options\":[\"Yes\",\"No\"],\"endTime\":\"" + in(-60) + "\"}", "poll.end.past"},
        {"{\"question\":\"Q?\",\"options\":[\"Yes\",\"No\"],\"endTime\":\"" + in(200 * 24 * 60) + "\"}", "poll.end.far"},
        {"{\"question\":\"Q?\",\"options\":[\"Yes\",\"No\"]}", "poll.end.missing"},
        {"{\"question\":\"Q?\",\"options\":\"Yes, No\",\"endTime\":\"" + in(60) + "\"}", "bad_request"},
        {"{\"question\":\"Q?\",\"options\":[\"Yes\",\"No\"],\"endTime\":\"tomorrow\"}", "bad_request"},
        {"{\"question\":\"Q?\",\"options\":[\"Yes\",\"No\"],\"endTime\":\"" + in(60) + "\",\"as\":\"nobody\"}", "poll.as"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = api("POST", POLLS, c[0]);
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      JsonNode error = TestHearth.JSON.readTree(r.body());
      assertEquals(c[1], error.get("error").asText(), r.body());
      assertTrue(!error.get("message").asText().isBlank(), r.body());
    }
    assertEquals(posts, hearth.sql("SELECT count(*) FROM posts").get(0).getLong(0), "nothing was published");
    assertEquals(404, api("GET", POLLS + "/nosuchpoll", null).statusCode());
  }
}
