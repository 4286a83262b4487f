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
 * A member who takes a reaction back takes their board vote back, with Fedify as the members' server: a Like is a
 * vote and its Undo removes it; the same for an EmojiReact; a Lemmy Dislike counts against and its Undo, even one
 * that names the Dislike only by id, takes that back; a Like undone by id only is gone too.
 */
class FedifyBoardUndoTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String BOARD = "/api/v1/admin/communities/undoers/board";
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("undoers", "Undoers");
    String handle = "acct:undoers@" + URI.create(hearth.base).getAuthority();
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

  static int votes(String key) throws Exception {
    HttpResponse<String> r = hearth.admin("GET", BOARD + "/" + key, null, TestHearth.ADMIN_TOKEN);
    assertEquals(200, r.statusCode(), r.body());
    return TestHearth.JSON.readTree(r.body()).get("votes").asInt();
  }

  String react(String type, String note) throws Exception {
    String id = peer.react("bob", group, note, type).get("activityId").asText();
    hearth.awaitProcessed(id);
    return id;
  }

  void undo(String type, String note, String reaction, boolean embed) throws Exception {
    hearth.awaitProcessed(peer.undoReact("bob", group, note, type, reaction, embed).get("activityId").asText());
  }

  @Test
  void aMemberWhoTakesBackALikeAReactionOrADislikeNoLongerCountsOnTheBoard() throws Exception {
    JsonNode idea = peer.post("alice", group, "<p>Subtitles for every recording #idea</p>", "public");
    hearth.awaitProcessed(idea.get("createId").asText());
    String note = idea.get("noteId").asText();
    HttpResponse<String> list = hearth.admin("GET", BOARD, null, TestHearth.ADMIN_TOKEN);
    JsonNode board = TestHearth.JSON.readTree(list.body());
    assertEquals(1, board.size(), list.body());
    String key = board.get(0).get("key").asText();

    String like = react("Like", note);
    assertEquals(1, votes(key), "bob's like is a vote");
    undo("Like", note, like, true);
    assertEquals(0, votes(key), "Undo{Like}: the vote is gone");

    String emoji = react("EmojiReact", note);
    assertEquals(1, votes(key), "an EmojiReact is a vote");
    undo("EmojiReact", note, emoji, true);
    assertEquals(0, votes(key), "Undo{EmojiReact}: the vote is gone");

    String dislike = react("Dislike", note);
    assertEquals(-1, votes(key), "a Dislike counts against");
    undo("Dislike", note, dislike, false);
    assertEquals(0, votes(key), "an Undo naming the Dislike by id takes it back");

    String again = react("Like", note);
    assertEquals(1, votes(key));
    undo("Like", note, again, false);
    assertEquals(0, votes(key), "an Undo naming the Like by id takes it back");
    assertTrue(hearth.sql("SELECT 1 FROM board_votes").isEmpty(), "no vote is left");
  }
}
