package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * The feedback board against Fedify as the members' server: a member's {@code #idea} post becomes a board entry linked
 * to it (a post with another hashtag does not), another member's Like is a vote, counted once even with an EmojiReact
 * after it; a Lemmy-style Dislike replaces it with a vote against; a status change reaches the author as the
 * community's reply to the idea, with the staff comment, and the reply is served at its IRI.
 */
class FedifyBoardTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String BOARD = "/api/v1/admin/communities/wishes/board";
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("wishes", "Wishes");
    String handle = "acct:wishes@" + URI.create(hearth.base).getAuthority();
    for (String user : new String[] {"alice", "bob"}) {
      peer.follow(user, handle, hearth.base);
      assertEquals(1, peer.received(user, "Accept", 1, WAIT).size());
    }
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

  @Test
  void anIdeaPostIsABoardEntryLikesAreVotesAndAStatusChangeReachesTheAuthorAsAReply() throws Exception {
    JsonNode idea = peer.post("alice", group, "<p>A reading night every month? #idea</p>", "public");
    hearth.awaitProcessed(idea.get("createId").asText());
    JsonNode other = peer.post("alice", group, "<p>Loved the last one #books</p>", "public");
    hearth.awaitProcessed(other.get("createId").asText());

    JsonNode board = api("GET", BOARD, null);
    assertEquals(1, board.size(), "only the #idea post is an idea: " + board);
    JsonNode entry = board.get(0);
    String key = entry.get("key").asText();
    assertEquals(idea.get("noteId").asText(), entry.get("object").asText());
    assertEquals(peer.actor("alice"), entry.get("author").asText());
    assertEquals(0, entry.get("votes").asInt());
    assertEquals("new", entry.get("status").asText());

    hearth.awaitProcessed(peer.react("bob", group, idea.get("noteId").asText(), "Like").get("activityId").asText());
    assertEquals(1, api("GET", BOARD + "/" + key, null).get("votes").asInt(), "bob's like is a vote");
    hearth.awaitProcessed(peer.react("bob", group, idea.get("noteId").asText(), "EmojiReact").get("activityId").asText());
    assertEquals(1, api("GET", BOARD + "/" + key, null).get("votes").asInt(), "one vote per member");
    hearth.awaitProcessed(peer.react("bob", group, idea.get("noteId").asText(), "Dislike").get("activityId").asText());
    assertEquals(-1, api("GET", BOARD + "/" + key, null).get("votes").asInt(), "his last word, a Dislike, counts against");
    hearth.awaitProcessed(peer.react("bob", group, idea.get("noteId").asText(), "Like").get("activityId").asText());
    assertEquals(1, api("GET", BOARD + "/" + key, null).get("votes").asInt());

    JsonNode changed = api("PUT", BOARD + "/" + key, "{\"status\":\"planned\",\"comment\":\"We start in May.\"}");
    assertEquals("planned", changed.get("status").asText());
    JsonNode create = peer.received("alice", "Create", 1, WAIT).get(0);
    assertEquals(group, create.get("actor").asText());
    JsonNode reply = create.get("object");
    assertEquals("Note", reply.get("type").asText());
    assertEquals(idea.get("noteId").asText(), reply.get("inReplyTo").asText());
    assertTrue(reply.get("content").asText().contains("Status: planned"), reply.toString());
    assertTrue(reply.get("content").asText().contains("We start in May."), reply.toString());
    assertTrue(reply.toString().contains(peer.actor("alice")), "the author is addressed: " + reply);
    assertEquals(reply.get("id").asText(), peer.lookup(reply.get("id").asText()).get("object").get("id").asText(),
        "the reply is served at its IRI");

    assertEquals(1, api("GET", BOARD + "?status=planned", null).size());
    assertEquals(0, api("GET", BOARD + "?status=done", null).size());
    HttpResponse<String> bad = hearth.admin("GET", BOARD + "?status=someday", null, TestHearth.ADMIN_TOKEN);
    assertEquals(400, bad.statusCode(), bad.body());
    HttpResponse<String> badStatus = hearth.admin("PUT", BOARD + "/" + key, "{\"status\":\"maybe\"}",
        TestHearth.ADMIN_TOKEN);
    assertEquals(400, badStatus.statusCode());
    assertTrue(badStatus.body().contains("board.status"), badStatus.body());
  }
}
