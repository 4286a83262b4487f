package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * A report by direct message, sent by a Fedify user exactly as Mastodon sends one: a Create{Note} addressed only to
 * the community, with a Mention tag, whose content starts with Mastodon's h-card mention of the community and names a
 * post by the address of its page here. It arrives as a report tied to that post and its author; removing the post
 * withdraws the community's boost from its members (verified by Fedify) and the reporter is thanked.
 */
class FedifyReportTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.152");
    group = hearth.createCommunity("garden", "Garden");
    String handle = "acct:garden@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
    assertEquals(1, peer.received("bob", "Accept", 1, WAIT).size());
  }

  @AfterAll
  static void stop() throws Exception {
    if (peer != null) {
      peer.close();
    }
    if (hearth != null) {
      hearth.close();
    }
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  @Test
  void aMastodonStyleReportByDirectMessageIsTiedToThePostAndRemovingItWithdrawsTheBoost() throws Exception {
    JsonNode bobs = peer.post("bob", group, "<p>Slugs are the gardener's friend, spread salt everywhere!</p>", "public");
    String note = bobs.get("noteId").asText();
    assertEquals("done", hearth.awaitProcessed(bobs.get("createId").asText()));
    assertEquals(1, peer.received("alice", "Announce", 1, WAIT).size(), "the community boosted bob's post");
    long id = hearth.sql("SELECT id FROM posts WHERE object_id = $1", note).get(0).getLong(0);
    String page = hearth.base + "/c/garden/posts/" + id;
    String host = URI.create(page).getAuthority();

    // Mastodon 4's HTML for "@garden@host report <url> harmful advice", the link shortened as its web client shows it
    String content = "<p><span class=\"h-card\" translate=\"no\"><a href=\"" + group + "\" class=\"u-url mention\">@<span>"
        + "garden</span></a></span> report <a href=\"" + page + "\" target=\"_blank\" rel=\"nofollow noopener\" "
        + "translate=\"no\"><span class=\"invisible\">http://</span><span class=\"ellipsis\">" + host + "/c/garden/pos"
        + "</span><span class=\"invisible\">ts/" + id + "</span></a> harmful advice</p>";
    JsonNode dm = peer.post("alice", group, content, "direct");
    assertEquals("done", hearth.awaitProcessed(dm.get("createId").asText()));

    JsonNode reports = api("GET", "/api/v1/admin/reports?community=garden", null);
    assertEquals(1, reports.size(), reports.toString());
    JsonNode report = reports.get(0);
    assertEquals("message", report.get("source").asText());
    assertEquals(peer.actor("alice"), report.get("reporter").asText());
    assertEquals(List.of(note), List.of(report.get("objects").get(0).asText()), "tied to the post its page shows");
    assertEquals(peer.actor("bob"), report.get("accounts").get(0).asText(), "and to its author");
    assertTrue(report.get("comment").asText().startsWith("report " + page), report.get("comment").asText());

    JsonNode done = api("POST", "/api/v1/admin/reports/" + report.get("id").asLong() + "/resolve",
        "{\"action\":\"remove_post\",\"note\":\"harmful advice\"}");
    assertEquals("resolved", done.get("state").asText());
    assertEquals(note, done.get("removed").get(0).asText());
    assertTrue(hearth.sql("SELECT 1 FROM posts WHERE object_id = $1 AND deleted_at IS NULL", note).isEmpty());
    JsonNode undo = peer.received("alice", "Undo", 1, WAIT).get(0);
    assertEquals(group, undo.get("actor").asText());
    assertEquals(note, undo.get("object").get("object").asText(), "the boost of bob's post is withdrawn");
    JsonNode told = peer.received("alice", "Create", 1, WAIT).stream()
        .filter(c -> c.path("object").path("content").asText().contains("Thank you for your report")).findFirst()
        .orElseThrow(() -> new AssertionError("the reporter is told the outcome"));
    assertEquals(group, told.get("actor").asText());
    assertTrue(told.get("object").get("content").asText().contains("The moderators removed the post."));
  }
}
