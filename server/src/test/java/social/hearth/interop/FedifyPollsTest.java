package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * Polls against Fedify acting as a Mastodon-family server: a member receives the community's Question, votes as
 * Mastodon does (Create{Note} named as the option, replying to the Question, addressed to the community only), and
 * both the Question served afterwards and the Update{Question} the member receives count the vote; a second vote by
 * the same person is not counted; a non-member's vote in a members-only poll is refused. A poll a member posts is
 * re-shared and shown with its options, and its author's Update refreshes the counts on the page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyPollsTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;
  static final String POLLS = "/api/v1/admin/communities/askers/polls";
  /** Hearth's clock, moved forward to close a poll. */
  static final MovableClock CLOCK = new MovableClock();

  /** The system's time plus an offset the test sets. */
  static final class MovableClock extends java.time.Clock {
    volatile Duration ahead = Duration.ZERO;

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(ahead);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(CLOCK);
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("askers", "Askers");
    String handle = "acct:askers@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
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
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  static String poll(String question, boolean membersOnly) throws Exception {
    String end = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    return api("POST", POLLS, "{\"question\":\"" + question + "\",\"options\":[\"Monday\",\"Friday\"],"
        + "\"multiple\":false,\"endTime\":\"" + end + "\",\"membersOnly\":" + membersOnly + "}").get("key").asText();
  }

  /** Waits until Hearth has processed the activity with this id (its inbox row is done). */
  static void processed(String activityId) throws Exception {
    for (int i = 0; i < 400; i++) {
      var rows = hearth.sql("SELECT state FROM inbox WHERE activity_id = $1", activityId);
      if (!rows.isEmpty() && !"pending".equals(rows.get(0).getString(0))) {
        assertEquals("done", rows.get(0).getString(0));
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Hearth did not process " + activityId);
  }

  static int votes(JsonNode poll, int option) {
    return poll.get("options").get(option).get("votes").asInt();
  }

  @Test
  @Order(1)
  void aMembersMastodonVoteIsCountedInTheQuestionServedAndSentOnceEvenWhenRepeated() throws Exception {
    String key = poll("Which day suits the meet-up?", true);
    JsonNode created = api("GET", POLLS + "/" + key, null);
    String iri = created.get("id").asText();

    JsonNode create = peer.received("alice", "Create", 1, WAIT).get(0);
    assertEquals(group, create.get("actor").asText());
    JsonNode question = create.get("object");
    assertEquals("Question", question.get("type").asText());
    assertEquals(iri, question.get("id").asText());
    assertEquals("Friday", question.get("oneOf").get(1).get("name").asText());
    assertEquals(0, question.get("oneOf").get(1).get("replies").get("totalItems").asInt());
    assertTrue(question.has("endTime"));

    JsonNode vote = peer.vote("alice", iri, group, "Friday");
    processed(vote.get("createIds").get(0).asText());
    JsonNode counted = api("GET", POLLS + "/" + key, null);
    assertEquals(1, votes(counted, 1), counted.toString());
    assertEquals(0, votes(counted, 0));
    assertEquals(1, counted.get("voters").asInt());

    JsonNode served = hearth.getJson(iri);
    assertEquals("Question", served.get("type").asText());
    assertEquals(1, served.get("oneOf").get(1).get("replies").get("totalItems").asInt(), served.toString());
    assertEquals(1, served.get("votersCount").asInt());

    JsonNode update = peer.received("alice", "Update", 1, WAIT).get(0);
    assertEquals(group, update.get("actor").asText());
    assertEquals(iri, update.get("object").get("id").asText());
    assertEquals(1, update.get("object").get("oneOf").get(1).get("replies").get("totalItems").asInt());
    assertEquals(1, update.get("object").get("votersCount").asInt());

    JsonNode again = peer.vote("alice", iri, group, "Monday");
    processed(again.get("createIds").get(0).asText());
    JsonNode after = api("GET", POLLS + "/" + key, null);
    assertEquals(0, votes(after, 0), "a second vote by the same person is not counted: " + after);
    assertEquals(1, votes(after, 1));
    assertEquals(1, after.get("voters").asInt());
    assertEquals(0L, hearth.sql("SELECT count(*) FROM posts WHERE object_id LIKE $1", peer.actor("alice") + "#votes/%")
        .get(0).getLong(0), "a vote is not a post to re-share");
  }

  @Test
  @Order(2)
  void aNonMembersVoteIsRefusedInAMembersOnlyPoll() throws Exception {
    String key = poll("Members only: which day?", true);
    String iri = api("GET", POLLS + "/" + key, null).get("id").asText();
    JsonNode vote = peer.vote("bob", iri, group, "Monday");
    processed(vote.get("createIds").get(0).asText());
    JsonNode after = api("GET", POLLS + "/" + key, null);
    assertEquals(0, votes(after, 0), after.toString());
    assertEquals(0, after.get("voters").asInt());
    assertEquals(0, hearth.getJson(iri).get("votersCount").asInt());
  }

  @Test
  @Order(3)
  void aPollAMemberPostsIsReSharedAndShownAndItsAuthorsUpdateRefreshesTheCounts() throws Exception {
    JsonNode posted = peer.question("alice", group, "<p>Tea or coffee?</p>", List.of("Tea", "Coffee"), List.of(0, 0), null);
    String pollId = posted.get("pollId").asText();
    processed(posted.get("activityId").asText());
    var post = hearth.sql("SELECT id, type FROM posts WHERE object_id = $1", pollId);
    assertEquals(1, post.size(), "the member's poll is re-shared");
    assertEquals("Question", post.get(0).getString(1));
    String page = hearth.base + "/c/askers/posts/" + post.get(0).getLong(0);
    String html = hearth.get(page, "text/html").body();
    assertTrue(html.contains("Coffee"), html);
    assertTrue(html.contains("0 votes"), html);

    JsonNode updated = peer.question("alice", group, "<p>Tea or coffee?</p>", List.of("Tea", "Coffee"), List.of(3, 1),
        pollId);
    processed(updated.get("activityId").asText());
    String after = hearth.get(page, "text/html").body();
    assertTrue(after.contains("3 votes"), after);
    assertTrue(after.contains("75%"), after);
  }

  @Test
  @Order(4)
  void aPollClosesAtItsEndTimeWithAnUpdateAndRefusesLaterVotes() throws Exception {
    String end = CLOCK.instant().plus(10, ChronoUnit.MINUTES).toString();
    JsonNode made = api("POST", POLLS, "{\"question\":\"Quick one?\",\"options\":[\"Yes\",\"No\"],"
        + "\"endTime\":\"" + end + "\"}");
    String key = made.get("key").asText();
    String iri = made.get("id").asText();
    CLOCK.ahead = Duration.ofMinutes(11);
    hearth.hearth.pollTallies().runOnce().await();
    JsonNode closed = api("GET", POLLS + "/" + key, null);
    assertTrue(closed.get("closed").asBoolean(), closed.toString());
    assertTrue(hearth.getJson(iri).has("closed"), "the Question served says it is closed");
    JsonNode last = null;
    for (int n = 1; n < 10 && last == null; n++) {
      List<JsonNode> updates = peer.received("alice", "Update", n, WAIT);
      last = updates.stream().filter(u -> iri.equals(u.get("object").get("id").asText())).findFirst().orElse(null);
    }
    assertTrue(last != null && last.get("object").has("closed"), "the member got the closing Update: " + last);

    JsonNode vote = peer.vote("alice", iri, group, "Yes");
    processed(vote.get("createIds").get(0).asText());
    JsonNode after = api("GET", POLLS + "/" + key, null);
    assertEquals(0, votes(after, 0), "a vote after the end is refused: " + after);
  }
}
