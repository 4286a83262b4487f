package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * The wiki against Fedify as a member's server: an announced page saved twice has two revisions and reaches the
 * member as Create{Article}, then Update{Article} with the new text; a revert restores the first text, sends it as an
 * Update, and the Article Fedify looks up at the page's address (a Cyrillic name, percent-encoded) has the current
 * text.
 */
class FedifyWikiTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("knowers", "Knowers");
    peer.follow("alice", "acct:knowers@" + URI.create(hearth.base).getAuthority(), hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {peer, hearth}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  @Test
  void aPageSavedTwiceHasTwoRevisionsARevertRestoresTheFirstAndTheArticleHasTheCurrentText() throws Exception {
    String path = "/api/v1/admin/communities/knowers/wiki/"
        + URLEncoder.encode("Частые вопросы", StandardCharsets.UTF_8).replace("+", "%20");
    JsonNode first = api("PUT", path, "{\"content\":\"Встречи по средам.\",\"summary\":\"Начало\",\"announced\":true}");
    String iri = first.get("id").asText();
    JsonNode create = peer.received("alice", "Create", 1, WAIT).get(0);
    assertEquals(group, create.get("actor").asText());
    assertEquals("Article", create.get("object").get("type").asText());
    assertEquals(iri, create.get("object").get("id").asText());
    assertEquals("Частые вопросы", create.get("object").get("name").asText());

    JsonNode second = api("PUT", path, "{\"content\":\"Встречи по четвергам.\",\"summary\":\"Новый день\"}");
    assertEquals(2, second.get("revision").asInt());
    assertEquals(2, api("GET", path + "/revisions", null).size());
    JsonNode update = peer.received("alice", "Update", 1, WAIT).get(0);
    assertEquals(iri, update.get("object").get("id").asText());
    assertTrue(update.get("object").get("content").asText().contains("четвергам"), update.toString());

    assertEquals(3, api("POST", path + "/revert", "{\"revision\":1}").get("revision").asInt());
    JsonNode reverted = peer.received("alice", "Update", 2, WAIT).get(1);
    assertTrue(reverted.get("object").get("content").asText().contains("средам"), reverted.toString());

    JsonNode looked = peer.lookup(first.get("url").asText());
    assertEquals("Article", looked.get("type").asText(), looked.toString());
    JsonNode article = looked.get("object");
    assertEquals(iri, article.get("id").asText(), article.toString());
    assertTrue(article.toString().contains("Встречи по средам."), article.toString());
    assertTrue(!article.toString().contains("четвергам"), article.toString());
  }
}
