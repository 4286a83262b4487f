package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.Signed;
import social.hearth.testing.StaffWeb;

/**
 * Issue 17: a community whose content is for its members only. Staff choose the visibility in the settings (the API
 * and the page), the change is audited and explained, and nothing members share shows to anonymous visitors.
 */
class PrivateCommunityTest {

  static WebFixture f;
  static SigningKey ana;
  static String anaPost;
  static StaffWeb root;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.91");
    ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    anaPost = f.post(ana, "<p>Chapter nine spoilers for members only</p>", null, List.of());
    f.staff("root", null);
    root = StaffWeb.signIn(f.hearth, "root", WebFixture.PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void staffMakeTheCommunityPrivateThroughTheApiAndTheChangeIsAudited() throws Exception {
    JsonNode before = f.admin("GET", "/api/v1/admin/communities/book-club", null, 200);
    assertEquals("public", before.path("visibility").asText());
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"secret\"}", 400);
    JsonNode after = f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"private\"}", 200);
    assertEquals("private", after.path("visibility").asText());
    assertEquals("Book club", after.path("name").asText(), "nothing else changed");
    assertTrue(f.hearth.sql("SELECT detail->>'fields' FROM audit_log WHERE action = 'settings.changed' ORDER BY id DESC "
        + "LIMIT 1").get(0).getString(0).contains("visibility"));
    String settings = root.get("/staff/c/book-club/settings").body();
    assertTrue(settings.contains("<option value=\"private\" selected>"), settings);
    assertTrue(settings.contains("stays on members’ servers"), "the page explains what a change cannot take back");
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"public\"}", 200);
  }

  @Test
  void aStaffPostForMembersOnlyGoesToTheFollowersAndIsShownToNoVisitor() throws Exception {
    String api = "/api/v1/admin/communities/book-club/posts";
    f.admin("POST", api, "{\"content\":\"x\",\"visibility\":\"secret\"}", 400);
    f.admin("POST", api, "{\"content\":\"x\",\"visibility\":\"members\",\"pin\":true}", 400);
    JsonNode written = f.admin("POST", api, "{\"content\":\"The meetup is at 5 Elm Street\",\"visibility\":\"members\"}", 201);
    assertEquals("members", written.path("visibility").asText());
    String iri = written.path("id").asText();
    var create = f.hearth.sql("SELECT body::text, public, id FROM activities WHERE object_id = $1 AND type = 'Create'", iri).get(0);
    assertFalse(create.getString(0).contains("activitystreams#Public"), create.getString(0));
    assertTrue(create.getString(0).contains(f.hearth.base + "/c/book-club/followers"), create.getString(0));
    assertFalse(create.getBoolean(1), "the Create is not served to anyone who asks");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (f.remote.received.stream().noneMatch(r -> r.body().contains("\"Create\"") && r.body().contains(iri))) {
      assertTrue(System.nanoTime() < deadline, "the members' servers get it");
      Thread.sleep(50);
    }

    assertFalse(anonymous(f.hearth.base + "/c/book-club", "text/html").body().contains("5 Elm Street"));
    assertEquals(403, anonymous(iri, "application/activity+json").statusCode());
    HttpResponse<String> member = Signed.get(f.hearth.http, ana, iri);
    assertEquals(200, member.statusCode(), member.body());
    assertTrue(member.body().contains("5 Elm Street"));
    assertFalse(member.body().contains("activitystreams#Public"), member.body());
  }

  @Test
  void aPrivateCommunityShowsVisitorsItsFrontDoorAndOnlyMembersItsPosts() throws Exception {
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"private\"}", 200);
    try {
      String base = f.hearth.base + "/c/book-club";
      HttpResponse<String> page = anonymous(base, "text/html");
      assertEquals(200, page.statusCode());
      assertHidden(page);
      assertTrue(page.body().contains("This community is private"), "the front door says how it works");
      assertTrue(page.body().contains("Be kind to each other"), "the rules are on the front door");
      assertTrue(page.body().contains("<meta name=\"robots\" content=\"noindex\">"));
      assertEquals("noindex", page.headers().firstValue("X-Robots-Tag").orElse(""));
      assertEquals(404, anonymous(base + "/posts/" + f.postId(anaPost), "text/html").statusCode());
      assertHidden(anonymous(base + "/tags/introductions", "text/html"));
      HttpResponse<String> feed = anonymous(base + "/feed.atom", "application/atom+xml");
      assertEquals(200, feed.statusCode());
      assertFalse(feed.body().contains(anaPost), feed.body());

      String announce = f.hearth.sql("SELECT announce_iri FROM posts WHERE object_id = $1", anaPost).get(0).getString(0);
      for (String url : List.of(base + "/outbox?page=1", base + "/featured", announce)) {
        HttpResponse<String> r = anonymous(url, "application/activity+json");
        assertEquals(403, r.statusCode(), url + ": " + r.body());
        assertFalse(r.body().contains(anaPost));
      }
      HttpResponse<String> outbox = Signed.get(f.hearth.http, ana, base + "/outbox?page=1");
      assertEquals(200, outbox.statusCode(), outbox.body());
      assertTrue(outbox.body().contains(anaPost), "a member's server reads the outbox");
      assertEquals(200, Signed.get(f.hearth.http, ana, announce).statusCode());

      assertTrue(root.get("/c/book-club").body().contains("Chapter nine spoilers"), "signed-in staff see everything");

      f.admin("POST", "/api/v1/admin/communities/book-club/members/remove", "{\"actor\":\"" + WebFixture.actor(ana) + "\"}", 200);
      assertEquals(403, Signed.get(f.hearth.http, ana, base + "/outbox?page=1").statusCode(),
          "a removed member's server is refused at once");
      assertEquals(403, Signed.get(f.hearth.http, ana, announce).statusCode());
    } finally {
      f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"public\"}", 200);
      f.follow(ana);
    }
  }

  @Test
  void staffChooseMembersOnlyInTheComposer() throws Exception {
    String csrf = root.csrf();
    HttpResponse<String> refused = root.multipart("/staff/c/book-club/posts", java.util.Map.of("_csrf", csrf,
        "content", "Our reading list", "as", "me", "visibility", "members"), "images", null, null);
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("A post for members only is written as the community"), refused.body());
    assertTrue(refused.body().contains("Our reading list"), "what was typed is kept");
    HttpResponse<String> written = root.multipart("/staff/c/book-club/posts", java.util.Map.of("_csrf", csrf,
        "content", "Our reading list for members", "as", "community", "visibility", "members"), "images", null, null);
    assertEquals(303, written.statusCode(), written.body());
    assertEquals("members", f.hearth.sql("SELECT visibility FROM authored_posts WHERE markdown = $1",
        "Our reading list for members").get(0).getString(0));
    assertFalse(anonymous(f.hearth.base + "/c/book-club", "text/html").body().contains("Our reading list for members"));
  }

  static HttpResponse<String> anonymous(String url, String accept) throws Exception {
    return f.hearth.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(10)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertHidden(HttpResponse<String> r) {
    assertFalse(r.body().contains("Chapter nine spoilers"), r.uri() + ": " + r.body());
  }
}
