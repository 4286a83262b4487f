package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * The digest names what is coming as well as what happened: the upcoming event with its date, the open poll, and the
 * board's idea that got votes with its status; with only an event and a poll coming and nothing that happened in the
 * period, the preview is empty and nothing is published.
 */
class DigestContentsTest {

  static final String ROOT = "/api/v1/admin/communities/almanac";
  static TestHearth hearth;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    hearth.createCommunity("almanac", "Almanac");
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
  }

  static JsonNode api(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> r = hearth.admin(method, ROOT + path, body, TestHearth.ADMIN_TOKEN);
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? null : TestHearth.JSON.readTree(r.body());
  }

  @Test
  void theDigestListsTheUpcomingEventTheOpenPollAndTheBoardsMovers() throws Exception {
    LocalDateTime start = LocalDateTime.ofInstant(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.HOURS);
    api("POST", "/events", "{\"name\":\"Spring swap meet\",\"content\":\"Bring a book.\",\"startTime\":\"" + start
        + "\",\"endTime\":\"" + start.plusHours(2) + "\",\"timezone\":\"UTC\",\"location\":{\"name\":\"Library\"},"
        + "\"joinMode\":\"free\"}", 201);
    api("POST", "/polls", "{\"question\":\"Which genre next month?\",\"options\":[\"Poetry\",\"Essays\"],"
        + "\"endTime\":\"" + Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS) + "\"}", 201);
    long community = hearth.sql("SELECT id FROM communities WHERE slug = 'almanac'").get(0).getLong(0);
    JsonNode quiet = api("GET", "/digest/preview", null, 200);
    assertTrue(quiet.get("empty").asBoolean(), "what is coming alone is no news: " + quiet);
    api("POST", "/digest/publish", null, 204);

    // votes came in for an idea, and a member joined
    hearth.sql("INSERT INTO board_ideas (key, community_id, object_id, author, excerpt, status, votes) VALUES "
        + "('k1', $1, 'https://remote.invalid/notes/1', 'https://remote.invalid/users/ana', 'Audio versions of "
        + "the picks', 'planned', 3)", community);

    hearth.sql("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ('https://remote.invalid/users/bo', "
        + "'Person', 'remote.invalid', 'https://remote.invalid/users/bo/inbox', '{}')");
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id) VALUES ($1, 'https://remote.invalid/users/bo', "
        + "'https://remote.invalid/follows/bo')", community);
    JsonNode preview = api("GET", "/digest/preview", null, 200);
    assertFalse(preview.get("empty").asBoolean(), preview.toString());
    String text = preview.get("content").asText();
    assertTrue(text.contains("New members: 1."), text);
    int events = text.indexOf("Coming up:");
    assertTrue(events > 0 && text.indexOf("Spring swap meet") > events, "the upcoming event: " + text);
    int polls = text.indexOf("Open polls:");
    assertTrue(polls > 0 && text.indexOf("Which genre next month?") > polls, "the open poll: " + text);
    int board = text.indexOf("On the ideas board:");
    assertTrue(board > 0 && text.indexOf("Audio versions of the picks") > board, "the board's mover: " + text);
    assertTrue(text.contains("votes: 3, planned"), text);
  }
}
