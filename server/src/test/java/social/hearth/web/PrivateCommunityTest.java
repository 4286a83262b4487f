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

  static HttpResponse<String> anonymous(String url, String accept) throws Exception {
    return f.hearth.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertHidden(HttpResponse<String> r) {
    assertFalse(r.body().contains("Chapter nine spoilers"), r.uri() + ": " + r.body());
  }
}
