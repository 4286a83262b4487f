package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * A community's staff member as a person on the fediverse, against Fedify: a Fedify user finds her by handle,
 * follows her and gets an Accept signed with her own key, receives her profile when she edits it, and can mention
 * her; what is sent to her without naming her is not kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyStaffPersonTest {

  static final String PASSWORD = "correct horse battery";
  static TestHearth hearth;
  static FedifyPeer peer;
  static String person;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.12");
    hearth.createCommunity("porch", "The Porch");
    assertEquals(201, hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"nadia\",\"password\":\""
        + PASSWORD + "\"}", TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(200, hearth.admin("PUT", "/api/v1/admin/communities/porch/staff/nadia", "{\"role\":\"owner\"}",
        TestHearth.ADMIN_TOKEN).statusCode());
    person = hearth.base + "/u/nadia";
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

  @Test
  @Order(1)
  void aFedifyUserFindsTheStaffMemberByHandleFollowsHerAndGetsAnAcceptSignedWithHerKey() throws Exception {
    JsonNode follow = peer.follow("alice", "acct:nadia@" + URI.create(hearth.base).getAuthority(), hearth.base);
    assertEquals(person, follow.get("actorId").asText(), "WebFinger led Fedify to the staff member's Person");

    List<JsonNode> accepts = peer.received("alice", "Accept", 1, Duration.ofSeconds(20));
    assertEquals(1, accepts.size(), "alice received one Accept that Fedify verified");
    assertEquals(person, accepts.get(0).get("actor").asText(), "the Person accepts, not the community");
    assertEquals(follow.get("followId").asText(), accepts.get(0).get("object").get("id").asText());
    assertTrue(peer.control("/_test/rejected", null).get("activities").isEmpty(), "Fedify refused nothing");
    assertEquals(1, hearth.getJson(person + "/followers").get("totalItems").asInt());
  }

  @Test
  @Order(2)
  void herFollowersReceiveHerProfileWhenSheEditsIt() throws Exception {
    StaffWeb nadia = StaffWeb.signIn(hearth, "nadia", PASSWORD);
    HttpResponse<String> saved = nadia.multipart("/staff/profile", Map.of("_csrf", nadia.csrf(),
        "displayName", "Nadia Gardens", "bio", "I look after **The Porch**.", "alt", ""), null, null, null);
    assertEquals(303, saved.statusCode(), saved.body());

    List<JsonNode> updates = peer.received("alice", "Update", 1, Duration.ofSeconds(20));
    assertEquals(1, updates.size(), "alice received one Update that Fedify verified");
    JsonNode update = updates.get(0);
    assertEquals(person, update.get("actor").asText());
    assertEquals("Person", update.get("object").get("type").asText());
    assertEquals("Nadia Gardens", update.get("object").get("name").asText());
    assertTrue(update.get("object").get("summary").asText().contains("<strong>The Porch</strong>"));
    assertTrue(peer.control("/_test/rejected", null).get("activities").isEmpty(), "Fedify refused nothing");
  }

  @Test
  @Order(3)
  void aMentionFromFedifyAppearsInHerInboxAndAPostThatDoesNotNameHerIsNotKept() throws Exception {
    JsonNode mention = peer.post("alice", person, "<p>@nadia can we water the plants on Sunday?</p>"
        + "<script>alert(1)</script>", "public");
    assertEquals("done", hearth.awaitProcessed(mention.get("createId").asText()));
    JsonNode unrelated = peer.postUnaddressed("alice", person, "<p>just my own thoughts</p>");
    assertEquals("done", hearth.awaitProcessed(unrelated.get("createId").asText()));

    StaffWeb nadia = StaffWeb.signIn(hearth, "nadia", PASSWORD);
    String dashboard = nadia.get("/staff").body();
    assertTrue(dashboard.matches("(?s).*/staff/inbox\">Inbox <span class=\"badge hot\">1<.*"), "one unread in the navigation");
    String inbox = nadia.get("/staff/inbox").body();
    assertTrue(inbox.contains("can we water the plants on Sunday?"), inbox);
    assertTrue(inbox.contains("Alice"), "the author's name");
    assertFalse(inbox.contains("<script>alert(1)"), "the remote HTML was sanitised");
    assertFalse(inbox.contains("just my own thoughts"), "a post that does not name her is not shown");
    assertTrue(hearth.sql("SELECT 1 FROM staff_mentions WHERE object_id = $1", unrelated.get("noteId").asText()).isEmpty(),
        "nor stored");
    assertTrue(hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", unrelated.get("noteId").asText()).isEmpty());
    assertFalse(nadia.get("/staff").body().contains("badge hot"), "read once she opened her inbox");
  }
}
