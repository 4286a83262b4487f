package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.core.text.Html;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestHearth;

/**
 * A member posts a 500 KB article. Visitors of the community page and readers of the feed get a bounded preview of
 * it with a link to the post's page, which shows the whole post, sanitised; nothing is sanitised per view (the post
 * is rendered when stored). A post stored before rendering was stored is rendered once, when first read.
 */
class LargePostPagesTest {

  static TestHearth hearth;
  static FakeActorServer remote;
  static Fediverse fed;
  static SigningKey ana;
  static String group;
  static long bigId;
  static final String END = "The very last sentence of the article.";

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.41");
    fed = new Fediverse(hearth, remote);
    ana = remote.addPerson("ana");
    group = hearth.createCommunity("long-reads", "Long reads");
    fed.follow(ana, group);
    StringBuilder article = new StringBuilder("<p class=\"notice\">The first sentence of the article.</p>");
    for (int i = 0; article.length() < 500_000; i++) {
      article.append("<p>Paragraph ").append(i).append(" goes on and on, <b>with some markup</b>.<script>alert(1)</script></p>");
    }
    article.append("<p>").append(END).append("</p>");
    ObjectNode note = fed.note(ana, group, article.toString(), false);
    fed.post(ana, note);
    List<Row> rows = hearth.sql("SELECT id FROM posts WHERE object_id = $1", note.get("id").asText());
    assertEquals(1, rows.size(), "the article was re-shared");
    bigId = rows.get(0).getLong(0);
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  static String get(String path) throws Exception {
    HttpResponse<String> r = hearth.http.send(HttpRequest.newBuilder(URI.create(hearth.base + path))
        .timeout(Duration.ofSeconds(20)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  @Test
  void theCommunityPageShowsThePreviewOfALargePostWithALinkToAllOfIt() throws Exception {
    String page = get("/c/long-reads");
    assertTrue(page.contains("The first sentence of the article."), "the start of the post");
    assertFalse(page.contains(END), "not the end of it");
    assertTrue(page.length() < 60_000, "the page stays small: " + page.length());
    assertTrue(page.contains("<a href=\"" + hearth.base + "/c/long-reads/posts/" + bigId + "\">Read the whole post</a>"), "a link to the post");
  }

  @Test
  void theFeedCarriesThePreviewAndTheLinkToo() throws Exception {
    String feed = get("/c/long-reads/feed.atom");
    assertTrue(feed.contains("The first sentence of the article."));
    assertFalse(feed.contains(END));
    assertTrue(feed.length() < 60_000, "the feed stays small: " + feed.length());
    assertTrue(feed.contains("&lt;a href=&quot;" + hearth.base + "/c/long-reads/posts/" + bigId + "&quot;&gt;Read the whole post"),
        "the entry links to the whole post");
  }

  @Test
  void thePostPageShowsTheWholePostSanitised() throws Exception {
    String page = get("/c/long-reads/posts/" + bigId);
    assertTrue(page.contains("The first sentence of the article.") && page.contains(END), "all of it");
    assertTrue(page.length() > 300_000);
    assertFalse(page.contains("alert(1)") || page.contains("class=\"notice\""), "sanitised");
    assertFalse(page.contains("Read the whole post"), "nothing more to read");
  }

  @Test
  void theRenderingIsStoredWithThePostNotMadePerView() {
    Row r = hearth.sql("SELECT rendered, length(content_html), length(preview_html), excerpt FROM posts WHERE id = $1", bigId).get(0);
    assertEquals(Html.VERSION, (int) r.getShort(0), "rendered when stored");
    assertTrue(r.getInteger(1) > 300_000 && r.getInteger(2) < 8_000, "whole and preview");
    assertTrue(r.getString(3).startsWith("The first sentence of the article.") && r.getString(3).length() <= Html.EXCERPT);
  }

  @Test
  void aPostStoredBeforeRenderingIsRenderedOnceWhenFirstShownAndWithTheNewRules() throws Exception {
    hearth.sql("INSERT INTO posts (community_id, object_id, author_id, type, content, object) SELECT id, "
        + "'https://127.0.0.41/notes/old', $1, 'Note', '<p class=\"flash error\">Old post: <a href=\"https://evil.example/\">"
        + "https://bank.example/login</a></p>', '{\"summary\": \"<b>Spoilers</b>\"}'::jsonb FROM communities WHERE slug = 'long-reads'",
        Fediverse.actor(ana));
    assertFalse(hearth.sql("SELECT 1 FROM posts WHERE object_id = 'https://127.0.0.41/notes/old' AND rendered = 0").isEmpty());
    String page = get("/c/long-reads");
    assertTrue(page.contains("Old post: <a href=\"https://evil.example/\" rel=\"nofollow\">https://bank.example/login</a> "
        + "<span class=\"link-host\">(evil.example)</span>"), "the real host is shown");
    assertFalse(page.contains("flash"), "its classes are gone");
    assertTrue(page.contains("<summary>Spoilers "), "the content warning as text");
    Row stored = null;
    for (int i = 0; i < 100 && stored == null; i++) {
      List<Row> rows = hearth.sql("SELECT content_html, summary_text FROM posts WHERE object_id = 'https://127.0.0.41/notes/old' "
          + "AND rendered = $1", (short) Html.VERSION);
      stored = rows.isEmpty() ? null : rows.get(0);
      Thread.sleep(rows.isEmpty() ? 50 : 0);
    }
    assertNotNull(stored, "the rendering was stored for the next views");
    assertTrue(stored.getString(0).contains("(evil.example)") && stored.getString(1).equals("Spoilers"));
  }
}
