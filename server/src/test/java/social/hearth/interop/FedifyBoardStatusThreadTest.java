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
 * The community's status reply to an idea is part of the idea's thread on its web pages: under the idea on the
 * idea's own page and on the community page, by the community, with the staff comment; the reply that reached the
 * author (verified by Fedify) is the same object.
 */
class FedifyBoardStatusThreadTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("threads", "Threads");
    peer.follow("alice", "acct:threads@" + URI.create(hearth.base).getAuthority(), hearth.base);
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

  @Test
  void theStatusReplyIsShownUnderTheIdeaOnItsPageAndOnTheCommunityPage() throws Exception {
    JsonNode idea = peer.post("alice", group, "<p>A quiet hour on Sundays #idea</p>", "public");
    hearth.awaitProcessed(idea.get("createId").asText());
    String note = idea.get("noteId").asText();
    HttpResponse<String> list = hearth.admin("GET", "/api/v1/admin/communities/threads/board", null,
        TestHearth.ADMIN_TOKEN);
    String key = TestHearth.JSON.readTree(list.body()).get(0).get("key").asText();
    HttpResponse<String> set = hearth.admin("PUT", "/api/v1/admin/communities/threads/board/" + key,
        "{\"status\":\"planned\",\"comment\":\"Starting next Sunday, 10 to 11.\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(200, set.statusCode(), set.body());
    JsonNode reply = peer.received("alice", "Create", 1, WAIT).get(0).get("object");

    long postId = hearth.sql("SELECT id FROM posts WHERE object_id = $1", note).get(0).getLong(0);
    HttpResponse<String> page = hearth.get(hearth.base + "/c/threads/posts/" + postId, "text/html");
    assertEquals(200, page.statusCode());
    String html = page.body();
    int ideaAt = html.indexOf("A quiet hour on Sundays");
    int replyAt = html.indexOf("Starting next Sunday, 10 to 11.");
    assertTrue(ideaAt >= 0, html);
    assertTrue(replyAt > ideaAt, "the status reply is in the idea's thread, under it: " + html);
    assertTrue(html.substring(replyAt - 3000 < 0 ? 0 : replyAt - 3000, replyAt).contains("Threads"),
        "by the community");

    String community = hearth.get(hearth.base + "/c/threads", "text/html").body();
    assertTrue(community.indexOf("Starting next Sunday, 10 to 11.") > community.indexOf("A quiet hour on Sundays"),
        "the community page shows the reply under the idea: " + community);
    assertEquals(1L, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1 AND in_reply_to = $2",
        reply.get("id").asText(), note).get(0).getLong(0), "the reply alice got is the thread's post");
  }
}
