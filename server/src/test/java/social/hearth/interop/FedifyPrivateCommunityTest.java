package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * Issue 17 item 7 against Fedify: in a private community a member's followers-only post reaches another member's
 * server as a copy the community authored, addressed to its followers and never to Public, and Fedify verified it (it
 * records only verified activities); the community's page, the post's page, the Atom feed and the outbox fetched
 * anonymously do not show it; a member's server reads the copy with a signed fetch; a removed member's server gets
 * nothing more and its signed fetch of the copy is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyPrivateCommunityTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  static TestHearth hearth;
  static FedifyPeer author;
  static FedifyPeer reader;
  static String group;
  static String copyIri;
  static String postNote;

  @BeforeAll
  static void start() throws Exception {
    author = FedifyPeer.start("127.0.0.31");
    reader = FedifyPeer.start("127.0.0.32");
    hearth = TestHearth.start();
    group = hearth.createCommunity("hideout", "Hideout");
    api("PATCH", "/api/v1/admin/communities/hideout", "{\"visibility\":\"private\"}");
    String handle = "acct:hideout@" + URI.create(hearth.base).getAuthority();
    for (FedifyPeer p : new FedifyPeer[] {author, reader}) {
      p.follow("alice", handle, hearth.base);
      assertEquals(1, p.received("alice", "Accept", 1, WAIT).size(), "accepted at " + p.origin);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {author, reader, hearth}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  @Order(1)
  void aMembersFollowersOnlyPostReachesAnotherMemberAsTheCommunitysCopyWithoutPublic() throws Exception {
    postNote = author.post("alice", group, "<p>Plans for the winter retreat: the cabin by the lake</p>", "followers")
        .get("noteId").asText();
    JsonNode create = copy(reader, "winter retreat");
    JsonNode note = create.get("object");
    assertEquals(group, create.get("actor").asText(), "the community sends it");
    assertEquals(group, note.get("attributedTo").asText(), "authored by the community");
    assertEquals("[\"" + group + "/followers\"]", note.get("to").toString());
    assertEquals("[\"" + group + "/followers\"]", create.get("to").toString());
    assertFalse(create.toString().contains(PUBLIC), "addressed without Public: " + create);
    String content = note.get("content").asText();
    assertTrue(content.contains("href=\"" + author.actor("alice") + "\"") && content.contains("wrote:"),
        "names and links the author: " + content);
    copyIri = note.get("id").asText();
    assertTrue(copyIri.startsWith(group + "/copies/"), copyIri);
    copy(author, "winter retreat"); // the author's server too, as one of the members'
  }

  @Test
  @Order(2)
  void theCopyCarriesThePostsHashtagsAsFedifyReadsThem() throws Exception {
    var body = TestHearth.JSON.createObjectNode().put("user", "alice").put("groupId", group)
        .put("content", "<p>Packing list for the lake trip</p>").put("visibility", "followers");
    body.putArray("hashtags").add("retreat");
    author.control("/_test/post-hashtags", body);
    JsonNode tags = copy(reader, "Packing list").path("object").path("tag");
    // one tag may come compacted to an object rather than a one-element array
    JsonNode tag = tags.isArray() && tags.size() == 1 ? tags.get(0) : tags;
    assertEquals("Hashtag", tag.path("type").asText(), "the hashtag, and no other tag: " + tags);
    assertEquals("#retreat", tag.path("name").asText(), tags.toString());
  }

  @Test
  @Order(3)
  void nothingOfItShowsToAnonymousVisitors() throws Exception {
    long postId = hearth.sql("SELECT id FROM posts WHERE object_id = $1", postNote).get(0).getLong(0);
    assertFalse(get(group, "text/html").body().contains("winter retreat"), "the community's page");
    HttpResponse<String> page = get(group + "/posts/" + postId, "text/html");
    assertEquals(404, page.statusCode(), "the post's page");
    assertFalse(page.body().contains("winter retreat"));
    assertFalse(get(group + "/feed.atom", "application/atom+xml").body().contains("winter retreat"), "the feed");
    HttpResponse<String> outbox = get(group + "/outbox?page=1", "application/activity+json");
    assertEquals(403, outbox.statusCode(), "the outbox");
    assertFalse(outbox.body().contains("winter retreat"));
    HttpResponse<String> copy = get(copyIri, "application/activity+json");
    assertEquals(403, copy.statusCode(), "the copy itself");
    assertFalse(copy.body().contains("winter retreat"));
  }

  @Test
  @Order(4)
  void aMembersServerReadsTheCopyWithASignedFetch() throws Exception {
    JsonNode fetched = signedFetch(reader, copyIri);
    assertEquals(200, fetched.get("status").asInt(), fetched.toString());
    assertTrue(fetched.get("document").get("content").asText().contains("winter retreat"));
  }

  @Test
  @Order(5)
  void aRemovedMembersServerStopsReceivingAndItsSignedFetchIsRefused() throws Exception {
    api("POST", "/api/v1/admin/communities/hideout/members/remove", "{\"actor\":\"" + author.actor("alice") + "\"}");
    assertEquals(403, signedFetch(author, copyIri).get("status").asInt(), "the removed member's server reads no more");
    assertEquals(200, signedFetch(reader, copyIri).get("status").asInt(), "the other members' servers still do");

    reader.post("alice", group, "<p>Second secret: bring a torch</p>", "followers");
    JsonNode second = copy(reader, "bring a torch");
    long activity = hearth.sql("SELECT id FROM activities WHERE object_id = $1 AND type = 'Create'",
        second.get("object").get("id").asText()).get(0).getLong(0);
    assertTrue(hearth.sql("SELECT 1 FROM deliveries WHERE activity_id = $1 AND inbox LIKE $2", activity,
        author.origin + "/%").isEmpty(), "nothing is queued for the removed member's server");
    assertTrue(author.received("alice", "Create", 1, Duration.ZERO).stream()
        .noneMatch(c -> c.toString().contains("bring a torch")));
  }

  /** The community's copy with the words, as Fedify verified and recorded it for alice at that server. */
  static JsonNode copy(FedifyPeer server, String words) throws Exception {
    for (int n = 1; n <= 10; n++) {
      for (JsonNode c : server.received("alice", "Create", n, WAIT)) {
        if (group.equals(c.path("object").path("attributedTo").asText())
            && c.path("object").path("content").asText().contains(words)) {
          return c;
        }
      }
    }
    throw new AssertionError(server.origin + " never received the community's copy of \"" + words + "\"");
  }

  static JsonNode signedFetch(FedifyPeer server, String uri) throws Exception {
    return server.control("/_test/signed-fetch?user=alice&uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8), null);
  }

  static HttpResponse<String> get(String url, String accept) throws Exception {
    return hearth.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body().isEmpty() ? null : TestHearth.JSON.readTree(r.body());
  }
}
