package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * The wiki's admin API through a real server: pages named in any script at stable, percent-encoded URLs, every save a
 * revision, the history, a diff, a revert, a move that leaves a redirect, links between pages, and the page served to
 * ActivityPub clients as the community's Article; bad input is a 400 with its reason and changes nothing.
 */
class WikiApiTest {

  static TestHearth hearth;
  static String group;
  static final String WIKI = "/api/v1/admin/communities/readers/wiki/";

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    group = hearth.createCommunity("readers", "Readers");
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
  }

  static String enc(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static HttpResponse<String> api(String method, String path, String body) throws Exception {
    return hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
  }

  static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  @Test
  void aCyrillicPageSavedTwiceHasTwoRevisionsARevertRestoresTheFirstAndTheArticleHasTheCurrentText() throws Exception {
    String name = "Правила чата";
    JsonNode first = ok(api("PUT", WIKI + enc(name), "{\"content\":\"# Правила\\n\\nБудьте вежливы.\","
        + "\"summary\":\"Первая версия\"}"), 201);
    assertEquals(hearth.base + "/c/readers/wiki/" + enc(name), first.get("url").asText());
    assertEquals(1, first.get("revision").asInt());
    String iri = first.get("id").asText();

    JsonNode second = ok(api("PUT", WIKI + enc(name), "{\"content\":\"# Правила\\n\\nБудьте добры.\","
        + "\"summary\":\"Мягче\"}"), 200);
    assertEquals(2, second.get("revision").asInt());
    assertEquals(iri, second.get("id").asText(), "the IRI stays");

    JsonNode history = ok(api("GET", WIKI + enc(name) + "/revisions", null), 200);
    assertEquals(2, history.size(), history.toString());
    assertEquals(2, history.get(0).get("revision").asInt());
    assertEquals("Мягче", history.get(0).get("summary").asText());
    assertEquals("admin", history.get(0).get("author").asText());
    assertEquals("Первая версия", history.get(1).get("summary").asText());

    JsonNode diff = ok(api("GET", WIKI + enc(name) + "/diff?from=1&to=2", null), 200);
    assertTrue(diff.toString().contains("{\"kind\":\"removed\",\"text\":\"Будьте вежливы.\"}"), diff.toString());
    assertTrue(diff.toString().contains("{\"kind\":\"added\",\"text\":\"Будьте добры.\"}"), diff.toString());
    assertTrue(diff.toString().contains("{\"kind\":\"same\",\"text\":\"# Правила\"}"), diff.toString());

    JsonNode article = hearth.getJson(first.get("url").asText());
    assertEquals("Article", article.get("type").asText());
    assertEquals(iri, article.get("id").asText());
    assertEquals(name, article.get("name").asText());
    assertEquals(group, article.get("attributedTo").asText());
    assertTrue(article.get("content").asText().contains("Будьте добры."), article.toString());

    JsonNode reverted = ok(api("POST", WIKI + enc(name) + "/revert", "{\"revision\":1}"), 200);
    assertEquals(3, reverted.get("revision").asInt());
    JsonNode now = hearth.getJson(iri);
    assertTrue(now.get("content").asText().contains("Будьте вежливы."), now.toString());
    assertFalse(now.get("content").asText().contains("добры"), now.toString());
    assertEquals("# Правила\n\nБудьте вежливы.", now.get("source").get("content").asText());
    assertEquals(3, ok(api("GET", WIKI + enc(name) + "/revisions", null), 200).size());
  }

  @Test
  void pagesLinkToEachOtherByNameAndAMovedPageLeavesARedirect() throws Exception {
    ok(api("PUT", WIKI + "Start", "{\"content\":\"See [[Как вступить]] and [[FAQ|the questions]].\"}"), 201);
    JsonNode start = hearth.getJson(hearth.base + "/c/readers/wiki/Start");
    String html = start.get("content").asText();
    assertTrue(html.contains("href=\"" + hearth.base + "/c/readers/wiki/" + enc("Как вступить") + "\""), html);
    assertTrue(html.contains(">the questions</a>"), html);

    ok(api("PUT", WIKI + "Old%20name", "{\"content\":\"Moving soon\"}"), 201);
    JsonNode moved = ok(api("POST", WIKI + "Old%20name/move", "{\"name\":\"New name\"}"), 200);
    assertEquals(hearth.base + "/c/readers/wiki/New%20name", moved.get("url").asText());
    HttpResponse<String> old = hearth.get(hearth.base + "/c/readers/wiki/Old%20name", "application/activity+json");
    assertEquals(301, old.statusCode());
    assertEquals(moved.get("url").asText(), old.headers().firstValue("Location").orElseThrow());
    assertEquals("New name", hearth.getJson(moved.get("url").asText()).get("name").asText());
    assertEquals(409, api("POST", WIKI + "New%20name/move", "{\"name\":\"Start\"}").statusCode(), "taken");
  }

  @Test
  void badInputIsRefusedWithItsReasonAndChangesNothing() throws Exception {
    ok(api("PUT", WIKI + "Rules", "{\"content\":\"Be kind.\"}"), 201);
    String[][] cases = {
        {"PUT", WIKI + "Rules", "{\"content\":\"  \"}", "wiki.content.empty"},
        {"PUT", WIKI + "Rules", "{\"summary\":\"no text\"}", "bad_request"},
        {"PUT", WIKI + "Rules", "{\"content\":42}", "bad_request"},
        {"PUT", WIKI + "Rules", "{\"content\":\"x\",\"summary\":\"" + "s".repeat(301) + "\"}", "wiki.summary.long"},
        {"PUT", WIKI + "a%5Bb%5D", "{\"content\":\"x\"}", "wiki.name.characters"},
        {"PUT", WIKI + "n".repeat(121), "{\"content\":\"x\"}", "wiki.name.long"},
        {"POST", WIKI + "Rules/revert", "{}", "bad_request"},
        {"POST", WIKI + "Rules/revert", "{\"revision\":7}", "wiki.revision.unknown"},
        {"POST", WIKI + "Rules/move", "{\"name\":\"a|b\"}", "wiki.name.characters"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = api(c[0], c[1], c[2]);
      assertEquals(400, r.statusCode(), c[1] + " " + c[2] + " -> " + r.body());
      JsonNode error = TestHearth.JSON.readTree(r.body());
      assertEquals(c[3], error.get("error").asText(), r.body());
      assertFalse(error.get("message").asText().isBlank(), r.body());
    }
    assertEquals(1, ok(api("GET", WIKI + "Rules/revisions", null), 200).size(), "nothing was saved");
    assertEquals("Be kind.", ok(api("GET", WIKI + "Rules", null), 200).get("content").asText());
    assertEquals(404, api("GET", WIKI + "Nowhere/revisions", null).statusCode());
  }
}
