package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;

/**
 * An event a member posts from Mobilizon or Gancio (an {@code Event} addressed to the community) is re-shared and
 * shows its name above its description on the community's page and the post's page, not only the description.
 */
class RemoteEventNameTest {

  static WebFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.93");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void aRemoteEventShowsItsNameOnTheCommunityPageAndItsOwnPage() throws Exception {
    SigningKey mobilizon = f.person("mobi", "Mobi Events");
    f.follow(mobilizon);
    String id = RemoteEvents.remoteEvent(f, mobilizon, "Reading night: <Piranesi>", "<p>Bring the book and a snack.</p>");
    long postId = 0;
    for (int i = 0; i < 200 && postId == 0; i++) {
      var rows = f.hearth.sql("SELECT id FROM posts WHERE object_id = $1", id);
      postId = rows.isEmpty() ? 0 : rows.get(0).getLong(0);
      if (postId == 0) {
        Thread.sleep(50);
      }
    }
    assertTrue(postId > 0, "the event is re-shared");

    HttpResponse<String> community = WebPagesTest.NO_REDIRECT.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(f.hearth.base + "/c/book-club")).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, community.statusCode());
    String page = community.body();
    int name = page.indexOf("<p class=\"post-name\"><strong>Reading night: &lt;Piranesi&gt;</strong></p>");
    int description = page.indexOf("Bring the book and a snack.");
    assertTrue(name > 0 && description > name, "the name, escaped, above the description: " + page);

    String post = WebPagesTest.NO_REDIRECT.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(f.hearth.base + "/c/book-club/posts/" + postId)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(post.contains("<strong>Reading night: &lt;Piranesi&gt;</strong>"), post);
  }
}
