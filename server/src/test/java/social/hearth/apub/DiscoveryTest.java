package social.hearth.apub;

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
import social.hearth.federation.sig.Keys;
import social.hearth.testing.TestHearth;

/** What a remote server sees when it looks a community up: WebFinger, host-meta, NodeInfo and the Group actor. */
class DiscoveryTest {

  static TestHearth hearth;
  static String group;
  static String host;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    group = hearth.createCommunity("gardeners", "Gardeners");
    host = hearth.base.substring("http://".length());
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  JsonNode webfinger(String resource, int expectedStatus) throws Exception {
    HttpResponse<String> r = hearth.get(hearth.base + "/.well-known/webfinger?resource="
        + URLEncoder.encode(resource, StandardCharsets.UTF_8), "application/jrd+json");
    assertEquals(expectedStatus, r.statusCode(), r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  @Test
  void webFingerFindsTheCommunityWithThePortInTheHandle() throws Exception {
    JsonNode jrd = webfinger("acct:gardeners@" + host, 200);
    assertEquals("acct:gardeners@" + host, jrd.get("subject").asText());
    JsonNode self = null;
    for (JsonNode link : jrd.get("links")) {
      if (link.get("rel").asText().equals("self")) {
        self = link;
      }
    }
    assertEquals("application/activity+json", self.get("type").asText());
    assertEquals(group, self.get("href").asText());
    assertEquals(group, webfinger(group, 200).get("links").get(0).get("href").asText(), "the actor URL resolves too");
  }

  @Test
  void webFingerAnswers404ForUnknownNamesAndOtherHosts() throws Exception {
    webfinger("acct:nobody@" + host, 404);
    webfinger("acct:gardeners@elsewhere.example", 404);
    webfinger("not a handle", 400);
  }

  @Test
  void theInstanceActorIsFoundAndPublishesItsKey() throws Exception {
    JsonNode jrd = webfinger("acct:instance.actor@" + host, 200);
    assertEquals(hearth.base + "/actor", jrd.get("links").get(0).get("href").asText());
    JsonNode actor = hearth.getJson(hearth.base + "/actor");
    assertEquals("Application", actor.get("type").asText());
    assertEquals(hearth.base + "/actor#main-key", actor.get("publicKey").get("id").asText());
  }

  @Test
  void hostMetaPointsAtWebFinger() throws Exception {
    HttpResponse<String> r = hearth.get(hearth.base + "/.well-known/host-meta", "*/*");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("template=\"" + hearth.base + "/.well-known/webfinger?resource={uri}\""), r.body());
  }

  @Test
  void nodeInfoTwoZeroAndTwoOneAreServed() throws Exception {
    JsonNode index = TestHearth.JSON.readTree(hearth.get(hearth.base + "/.well-known/nodeinfo", "application/json").body());
    assertEquals(2, index.get("links").size());
    for (JsonNode link : index.get("links")) {
      HttpResponse<String> r = hearth.get(link.get("href").asText(), "application/json");
      assertEquals(200, r.statusCode());
      JsonNode doc = TestHearth.JSON.readTree(r.body());
      assertEquals("hearth", doc.get("software").get("name").asText());
      assertEquals("activitypub", doc.get("protocols").get(0).asText());
      assertTrue(link.get("rel").asText().endsWith(doc.get("version").asText()));
    }
  }

  @Test
  void theCommunityIsAGroupShapedAsMastodonAndLemmyExpect() throws Exception {
    for (String accept : new String[] {"application/activity+json",
        "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""}) {
      HttpResponse<String> r = hearth.get(group, accept);
      assertEquals(200, r.statusCode());
      assertEquals("application/activity+json", r.headers().firstValue("Content-Type").orElseThrow());
      JsonNode g = TestHearth.JSON.readTree(r.body());
      assertEquals(group, g.get("id").asText(), "id equals the URL fetched");
      assertEquals("Group", g.get("type").asText());
      assertEquals("gardeners", g.get("preferredUsername").asText());
      assertEquals("Gardeners", g.get("name").asText());
      assertEquals(group + "/inbox", g.get("inbox").asText());
      assertEquals(group + "/outbox", g.get("outbox").asText());
      assertEquals(group + "/followers", g.get("followers").asText());
      assertEquals(group + "/featured", g.get("featured").asText());
      assertEquals(group + "/moderators", g.get("attributedTo").asText());
      assertEquals(hearth.base + "/inbox", g.get("endpoints").get("sharedInbox").asText());
      assertFalse(g.get("manuallyApprovesFollowers").asBoolean());
      assertEquals(group + "#main-key", g.get("publicKey").get("id").asText());
      assertEquals(group, g.get("publicKey").get("owner").asText());
      assertEquals(2048, ((java.security.interfaces.RSAPublicKey) Keys.parsePublicPem(
          g.get("publicKey").get("publicKeyPem").asText())).getModulus().bitLength());
      assertEquals("https://www.w3.org/ns/activitystreams", g.get("@context").get(0).asText());
      assertEquals("https://w3id.org/security/v1", g.get("@context").get(1).asText());
    }
  }

  @Test
  void theServedGroupMeetsWhatMastodonLemmyMisskeyAndFedifyRequire() throws Exception {
    JsonNode served = hearth.getJson(group);
    var problems = social.hearth.federation.vocab.PeerRequirements.checkGroupActor(served);
    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  void theAvatarAndBannerArePublishedAsIconAndImage() throws Exception {
    String g = hearth.createCommunity("painters", "Painters");
    byte[] png = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    hearth.sql("INSERT INTO community_media (community_id, kind, content_type, bytes, digest, alt_text) "
        + "SELECT id, 'avatar', 'image/png', $1, 'abcdef0123456789ff', 'a brush' FROM communities WHERE slug = 'painters'",
        io.vertx.core.buffer.Buffer.buffer(png));
    JsonNode icon = hearth.getJson(g).get("icon");
    assertEquals("Image", icon.get("type").asText());
    assertEquals("image/png", icon.get("mediaType").asText());
    assertEquals("a brush", icon.get("name").asText());
    assertTrue(icon.get("url").asText().startsWith(g + "/media/avatar?v="), icon.toString());
    HttpResponse<byte[]> served = hearth.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(icon.get("url").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, served.statusCode());
    assertEquals("image/png", served.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void aBrowserGetsAnHtmlPageAtTheSameAddress() throws Exception {
    HttpResponse<String> r = hearth.get(group, "text/html,application/xhtml+xml");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(r.body().contains("@gardeners@" + host), "the handle to copy is on the page");
    assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
    HttpResponse<String> css = hearth.get(hearth.base + "/static/hearth.css", "text/css");
    assertEquals(200, css.statusCode());
    assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
    assertEquals(404, hearth.get(hearth.base + "/static/..%2ftemplates%2fhome.peb", "*/*").statusCode());
  }

  @Test
  void collectionsArePagedOrderedCollections() throws Exception {
    JsonNode followers = hearth.getJson(group + "/followers");
    assertEquals("OrderedCollection", followers.get("type").asText());
    assertEquals(0, followers.get("totalItems").asInt());
    JsonNode page = hearth.getJson(followers.get("first").asText());
    assertEquals("OrderedCollectionPage", page.get("type").asText());
    assertEquals(group + "/followers", page.get("partOf").asText());
    assertEquals(400, hearth.get(group + "/followers?page=-3", "application/activity+json").statusCode());
  }
}
