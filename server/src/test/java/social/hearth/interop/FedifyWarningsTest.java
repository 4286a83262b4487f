package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Warnings against Fedify: a member on a Fedify server is warned through the admin API and receives the community's
 * direct message quoting the rule broken (Fedify records only activities whose signature it verified); a member on a
 * server that calls itself Lemmy 1.0 in its NodeInfo, warned by a signed-in moderator, also receives Lemmy's Warn from
 * the moderator's Person.
 */
class FedifyWarningsTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String PASSWORD = "long-enough-password";
  static TestHearth hearth;
  static FedifyPeer peer;
  static FedifyPeer lemmy;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    lemmy = FedifyPeer.start("127.0.0.9", "lemmy");
    group = hearth.createCommunity("readers", "Readers");
    api("PUT", "/api/v1/admin/communities/readers/rules", "{\"rules\":[{\"text\":\"Be kind to each other\"},"
        + "{\"text\":\"No spoilers without a content warning\",\"consequence\":\"the post is removed\"}]}");
    api("POST", "/api/v1/admin/accounts", "{\"username\":\"rosa\",\"password\":\"" + PASSWORD + "\"}");
    api("PUT", "/api/v1/admin/communities/readers/staff/rosa", "{\"role\":\"moderator\"}");
    String handle = "acct:readers@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    lemmy.follow("alice", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
    assertEquals(1, lemmy.received("alice", "Accept", 1, WAIT).size());
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {peer, lemmy, hearth}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body().isEmpty() ? null : TestHearth.JSON.readTree(r.body());
  }

  /** The warning's direct message among the user's verified Creates (the welcome message is one too). */
  static JsonNode warningMessage(FedifyPeer server) throws Exception {
    for (int i = 0; i < 40; i++) {
      List<JsonNode> got = server.received("alice", "Create", 1, WAIT);
      for (JsonNode c : got) {
        if (c.path("object").path("content").asText().contains("A warning from")) {
          return c;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("alice never received the warning");
  }

  @Test
  void aFedifyMemberWarnedThroughTheApiReceivesTheDirectMessageQuotingTheRule() throws Exception {
    String alice = peer.actor("alice");
    JsonNode w = api("POST", "/api/v1/admin/communities/readers/members/warn",
        "{\"actor\":\"" + alice + "\",\"rule\":2,\"note\":\"Chapter 12 needs a content warning.\"}");
    assertEquals("No spoilers without a content warning", w.get("ruleText").asText());
    JsonNode create = warningMessage(peer);
    assertEquals(group, create.get("actor").asText(), "the community speaks");
    JsonNode note = create.get("object");
    assertEquals(w.get("message").asText(), note.get("id").asText());
    assertEquals(alice, note.get("to").get(0).asText());
    assertEquals(1, note.get("to").size(), "to the member only");
    assertEquals(alice, note.get("tag").get(0).get("href").asText(), "mentioning them");
    String content = note.get("content").asText();
    assertTrue(content.contains("rule 2"), content);
    assertTrue(content.contains("<blockquote><p>No spoilers without a content warning</p></blockquote>"), content);
    assertTrue(content.contains("Chapter 12 needs a content warning."), content);
  }

  @Test
  void aMemberOnALemmyOneServerAlsoReceivesWarnFromTheModeratorsPerson() throws Exception {
    String alice = lemmy.actor("alice");
    JsonNode posted = lemmy.post("alice", group, "Chapter 12: the butler did it", "public");
    String noteId = posted.get("noteId") != null ? posted.get("noteId").asText() : posted.get("id").asText();
    for (int i = 0; i < 400 && hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", noteId).isEmpty(); i++) {
      Thread.sleep(50);
    }
    for (int i = 0; i < 400 && hearth.sql("SELECT 1 FROM hosts WHERE host = $1 AND software = 'lemmy'",
        URI.create(lemmy.origin).getAuthority()).isEmpty(); i++) {
      Thread.sleep(50);
    }
    StaffWeb rosa = StaffWeb.signIn(hearth, "rosa", PASSWORD);
    HttpResponse<String> r = rosa.multipart("/staff/c/readers/members/warn", Map.of("_csrf", rosa.csrf(), "actor", alice,
        "rule", "2", "note", "Please use a content warning."), null, null, null);
    assertEquals(303, r.statusCode(), r.body());
    warningMessage(lemmy);
    JsonNode warn = lemmy.received("alice", "Warn", 1, WAIT).get(0);
    assertEquals(hearth.base + "/u/rosa", warn.get("actor").asText(), "from the moderator's Person, as Lemmy requires");
    assertEquals(alice, warn.get("to").get(0).asText());
    assertEquals(noteId, warn.get("object").asText(), "about the member's post");
    assertEquals(group, warn.get("audience").asText());
    assertTrue(warn.get("summary").asText().startsWith("Rule 2: No spoilers"), warn.toString());
  }
}
