package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/** A community with more posts than fit on its page: the newest first, and older ones on the next pages. */
class PostPagesTest {

  static TestHearth hearth;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    hearth.createCommunity("long-history", "Long history");
    hearth.sql("INSERT INTO remote_actors (id, type, host, preferred_username, name, inbox, document) VALUES "
        + "('https://books.example/users/ana', 'Person', 'books.example', 'ana', 'Ana', "
        + "'https://books.example/users/ana/inbox', '{}'::jsonb)");
    // 45 top-level posts, one a minute, and a reply to each of the first five
    hearth.sql("INSERT INTO posts (community_id, object_id, author_id, type, content, object, created_at, in_reply_to) "
        + "SELECT c.id, 'https://books.example/notes/' || i, 'https://books.example/users/ana', 'Note', "
        + "'<p>Chapter ' || i || ' notes</p>', '{}'::jsonb, now() - (100 - i) * interval '1 minute', NULL "
        + "FROM communities c, generate_series(1, 45) i WHERE c.slug = 'long-history'");
    hearth.sql("INSERT INTO posts (community_id, object_id, author_id, type, content, object, created_at, in_reply_to) "
        + "SELECT c.id, 'https://books.example/replies/' || i, 'https://books.example/users/ana', 'Note', "
        + "'<p>Reply ' || i || '</p>', '{}'::jsonb, now() - (10 - i) * interval '1 second', "
        + "'https://books.example/notes/' || i FROM communities c, generate_series(1, 5) i WHERE c.slug = 'long-history'");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  static String page(String query) throws Exception {
    HttpResponse<String> r = hearth.http.send(HttpRequest.newBuilder(URI.create(hearth.base + "/c/long-history" + query))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  static int chapters(String html) {
    int n = 0;
    for (int i = 1; i <= 45; i++) {
      if (html.contains("Chapter " + i + " notes")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void theNewestPostsComeFirstAndOlderOnesFollowOnTheNextPages() throws Exception {
    String first = page("");
    assertEquals(CommunityPage.PAGE_SIZE, chapters(first));
    assertTrue(first.contains("Chapter 45 notes") && first.contains("Chapter 26 notes") && !first.contains("Chapter 25 notes"));
    assertTrue(first.contains("?page=2\" rel=\"next\""), "a link to older posts");
    assertFalse(first.contains("Reply 1<"), "replies are shown under their post, not as posts");

    String second = page("?page=2");
    assertEquals(CommunityPage.PAGE_SIZE, chapters(second));
    assertTrue(second.contains("Chapter 25 notes") && second.contains("Chapter 6 notes"));
    assertTrue(second.contains("?page=3\" rel=\"next\"") && second.contains("?page=1\" rel=\"prev\""));

    String last = page("?page=3");
    assertEquals(5, chapters(last));
    assertTrue(last.contains("Chapter 1 notes") && last.contains("Reply 1"), "the oldest post, with its reply");
    assertFalse(last.contains("rel=\"next\""), "nothing older");
  }
}
