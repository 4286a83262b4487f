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

/**
 * What a private community writes by itself names what its members shared, so it stays with the members: the digest
 * is addressed to the followers only and served to no visitor, and the feedback board (its ideas are members' posts)
 * is not shown to visitors.
 */
class PrivateCommunityAutomaticPostsTest {

  static WebFixture f;
  static SigningKey ana;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.93");
    ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    f.post(ana, "<p>Chapter nine spoilers for members only</p>", null, List.of());
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"private\"}", 200);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  static HttpResponse<String> anonymous(String url, String accept) throws Exception {
    return f.hearth.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDigestOfAPrivateCommunityGoesToItsMembersOnly() throws Exception {
    JsonNode published = f.admin("POST", "/api/v1/admin/communities/book-club/digest/publish", null, 201);
    String iri = published.path("id").asText();
    var create = f.hearth.sql("SELECT body::text, public FROM activities WHERE object_id = $1 AND type = 'Create'", iri).get(0);
    assertFalse(create.getString(0).contains("activitystreams#Public"), create.getString(0));
    assertTrue(create.getString(0).contains(f.hearth.base + "/c/book-club/followers"), create.getString(0));
    assertFalse(create.getBoolean(1), "the Create is not served to anyone who asks");
    assertEquals(403, anonymous(iri, "application/activity+json").statusCode(), "nor the digest itself");
  }

  @Test
  void visitorsDoNotSeeThePrivateCommunitysBoard() throws Exception {
    assertEquals(404, anonymous(f.hearth.base + "/c/book-club/board", "text/html").statusCode());
  }
}
