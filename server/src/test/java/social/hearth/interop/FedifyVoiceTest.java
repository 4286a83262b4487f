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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * The community's own voice against Fedify: members who followed the community on a Mastodon-family server and on a
 * group-aware one receive a post the community wrote, then its Update and its Delete, and the community's re-share of
 * a post its staff member wrote, then its Update and Delete; Fedify verifies every signature (it records only
 * verified activities).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyVoiceTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static TestHearth hearth;
  static FedifyPeer peer;
  static FedifyPeer groupAware;
  static String group;
  static final String POSTS = "/api/v1/admin/communities/voices/posts";

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    groupAware = FedifyPeer.start("127.0.0.8", "piefed");
    group = hearth.createCommunity("voices", "Voices");
    api("POST", "/api/v1/admin/accounts", "{\"username\":\"maria\",\"password\":\"long-enough-password\"}");
    api("PUT", "/api/v1/admin/communities/voices/staff/maria", "{\"role\":\"owner\"}");
    String handle = "acct:voices@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    groupAware.follow("alice", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
    assertEquals(1, groupAware.received("alice", "Accept", 1, WAIT).size());
    for (int i = 0; i < 400; i++) {
      var rows = hearth.sql("SELECT software FROM hosts WHERE host = $1", URI.create(groupAware.origin).getAuthority());
      if (!rows.isEmpty() && "piefed".equals(rows.get(0).getString(0))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Hearth did not learn from NodeInfo that the peer is group-aware");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {peer, groupAware, hearth}) {
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

  /** The {@code n}th (from 1) verified activity of a type the user received. */
  static JsonNode nth(FedifyPeer server, String type, int n) throws Exception {
    List<JsonNode> got = server.received("alice", type, n, WAIT);
    assertTrue(got.size() >= n, "alice got " + got.size() + " " + type + ", expected " + n);
    return got.get(n - 1);
  }

  @Test
  @Order(1)
  void aMemberReceivesTheCommunitysOwnNoteThenItsUpdateThenItsDelete() throws Exception {
    JsonNode post = api("POST", POSTS, "{\"content\":\"Welcome to **Voices**! Introduce yourself with #hello\","
        + "\"language\":\"en\"}");
    String iri = post.get("id").asText();

    JsonNode create = nth(peer, "Create", 1);
    assertEquals(group, create.get("actor").asText(), "the Group itself speaks");
    assertEquals(iri, create.get("object").get("id").asText());
    assertEquals("Note", create.get("object").get("type").asText());
    assertEquals(group, create.get("object").get("attributedTo").asText());
    assertTrue(create.get("object").get("content").asText().contains("<strong>Voices</strong>"));
    JsonNode wrapped = nth(groupAware, "Announce", 1);
    assertEquals(group, wrapped.get("actor").asText());
    assertEquals("Create", wrapped.get("object").get("type").asText(), "group-aware servers get Announce{Create}");
    assertEquals(iri, wrapped.get("object").get("object").get("id").asText());

    api("PATCH", POSTS + "/" + post.get("key").asText(), "{\"content\":\"Welcome to **Voices**, edited\"}");
    JsonNode update = nth(peer, "Update", 1);
    assertEquals(group, update.get("actor").asText());
    assertEquals(iri, update.get("object").get("id").asText());
    assertTrue(update.get("object").get("content").asText().contains("edited"));
    assertTrue(update.get("object").has("updated"));
    assertEquals("Update", nth(groupAware, "Announce", 2).get("object").get("type").asText());

    api("DELETE", POSTS + "/" + post.get("key").asText(), null);
    JsonNode delete = nth(peer, "Delete", 1);
    assertEquals(group, delete.get("actor").asText());
    assertEquals(iri, delete.get("object").get("id").asText());
    assertEquals("Delete", nth(groupAware, "Announce", 3).get("object").get("type").asText());
  }

  @Test
  @Order(2)
  void aMemberReceivesTheCommunitysReShareOfAStaffPostThenItsUpdateThenItsDelete() throws Exception {
    JsonNode post = api("POST", POSTS, "{\"content\":\"Hi all, Maria here\",\"as\":\"maria\"}");
    String iri = post.get("id").asText();
    String maria = hearth.base + "/u/maria";

    JsonNode announce = nth(peer, "Announce", 1);
    assertEquals(group, announce.get("actor").asText(), "the community boosts Maria's post");
    assertEquals(iri, announce.get("object").asText());
    JsonNode wrapped = nth(groupAware, "Announce", 4);
    assertEquals(group, wrapped.get("actor").asText());
    assertEquals("Create", wrapped.get("object").get("type").asText());
    assertEquals(maria, wrapped.get("object").get("actor").asText(), "Maria's own Create, verbatim");
    assertEquals(maria, wrapped.get("object").get("object").get("attributedTo").asText());
    assertEquals(group, wrapped.get("object").get("object").get("audience").asText());

    api("PATCH", POSTS + "/" + post.get("key").asText(), "{\"content\":\"Hi all, Maria here (edited)\"}");
    JsonNode update = nth(groupAware, "Announce", 5);
    assertEquals("Update", update.get("object").get("type").asText(), "the community forwards Maria's Update");
    assertEquals(maria, update.get("object").get("actor").asText());
    assertTrue(update.get("object").get("object").get("content").asText().contains("edited"));

    api("DELETE", POSTS + "/" + post.get("key").asText(), null);
    JsonNode undo = nth(peer, "Undo", 1);
    assertEquals(group, undo.get("actor").asText(), "Mastodon-family members see the boost withdrawn");
    assertEquals("Announce", undo.get("object").get("type").asText());
    assertEquals(iri, undo.get("object").get("object").asText());
    JsonNode deleted = nth(groupAware, "Announce", 6);
    assertEquals("Delete", deleted.get("object").get("type").asText(), "group-aware members get Announce{Delete}");
    assertEquals(maria, deleted.get("object").get("actor").asText());
  }
}
