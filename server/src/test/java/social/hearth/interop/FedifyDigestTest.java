package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * The digest against Fedify as the members' server: members post, one post gets a reply and a like; the digest
 * previewed and then published on demand names that post first (its link, author, a line, its counts) and the new
 * members, and reaches the members as the community's Create{Note}; a community where nothing happened publishes
 * nothing (204); bad settings are refused with their reason.
 */
class FedifyDigestTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String DIGEST = "/api/v1/admin/communities/gazette/digest";
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("gazette", "Gazette");
    hearth.createCommunity("quiet", "Quiet");
    String handle = "acct:gazette@" + URI.create(hearth.base).getAuthority();
    for (String user : new String[] {"alice", "bob"}) {
      peer.follow(user, handle, hearth.base);
      assertEquals(1, peer.received(user, "Accept", 1, WAIT).size());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {peer, hearth}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static HttpResponse<String> api(String method, String path, String body) throws Exception {
    return hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
  }

  @Test
  void theDigestPublishedOnDemandNamesTheMostDiscussedPostAndReachesTheMembers() throws Exception {
    JsonNode quiet = TestHearth.JSON.readTree(api("GET", "/api/v1/admin/communities/quiet/digest/preview", null).body());
    assertTrue(quiet.get("empty").asBoolean(), "nothing happened there: " + quiet);
    assertEquals(204, api("POST", "/api/v1/admin/communities/quiet/digest/publish", null).statusCode(),
        "where nothing happened nothing is published");

    JsonNode first = peer.post("alice", group, "<p>Our first meetup was great, thank you all</p>", "public");
    hearth.awaitProcessed(first.get("createId").asText());
    JsonNode second = peer.post("bob", group, "<p>Hello everyone from Lisbon</p>", "public");
    hearth.awaitProcessed(second.get("createId").asText());
    String note = first.get("noteId").asText();
    hearth.awaitProcessed(peer.reply("bob", group, note, "<p>It was!</p>").get("createId").asText());
    hearth.awaitProcessed(peer.react("bob", group, note, "Like").get("activityId").asText());

    JsonNode preview = TestHearth.JSON.readTree(api("GET", DIGEST + "/preview", null).body());
    assertFalse(preview.get("empty").asBoolean(), preview.toString());
    String text = preview.get("content").asText();
    assertTrue(text.startsWith("**The day in Gazette**"), text);
    int top = text.indexOf("Our first meetup was great");
    assertTrue(top > 0 && top < text.indexOf("Hello everyone from Lisbon"), "the discussed post comes first: " + text);
    assertTrue(text.contains("(<" + note + ">)"), "it links the post: " + text);
    assertTrue(text.contains("replies: 1, likes: 1"), text);
    assertTrue(text.contains("New members: 2."), text);

    HttpResponse<String> published = api("POST", DIGEST + "/publish", null);
    assertEquals(201, published.statusCode(), published.body());
    String iri = TestHearth.JSON.readTree(published.body()).get("id").asText();

    JsonNode create = null;
    for (JsonNode c : peer.received("alice", "Create", 1, WAIT)) {
      if (iri.equals(c.get("object").get("id").asText())) {
        create = c;
      }
    }
    assertTrue(create != null, "alice's server got the digest");
    assertEquals(group, create.get("actor").asText());
    String html = create.get("object").get("content").asText();
    assertTrue(html.contains("Our first meetup was great"), html);
    assertTrue(html.contains("href=\"" + note + "\""), html);
    assertTrue(html.toLowerCase(Locale.ROOT).contains("alice"), "it names the author: " + html);
    assertEquals(iri, peer.lookup(iri).get("object").get("id").asText(), "Fedify reads the digest at its IRI");
    assertEquals(1, hearth.sql("SELECT count(*) FROM digests WHERE iri = $1", iri).get(0).getLong(0));
  }

  @Test
  void badSettingsAreRefusedWithTheirReasonAndGoodOnesKept() throws Exception {
    String[][] cases = {
        {"{\"frequency\":\"hourly\"}", "digest.frequency"},
        {"{\"time\":\"9am\"}", "digest.time"},
        {"{\"time\":\"25:00\"}", "digest.time"},
        {"{\"weekday\":8}", "bad_request"},
        {"{\"timezone\":\"Mars/Olympus\"}", "digest.timezone"},
        {"{\"enabled\":\"yes\"}", "bad_request"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = api("PUT", "/api/v1/admin/communities/quiet/digest", c[0]);
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      assertEquals(c[1], TestHearth.JSON.readTree(r.body()).get("error").asText(), r.body());
    }
    HttpResponse<String> ok = api("PUT", "/api/v1/admin/communities/quiet/digest",
        "{\"enabled\":true,\"frequency\":\"weekly\",\"time\":\"18:30\",\"weekday\":5,\"timezone\":\"Europe/Moscow\"}");
    assertEquals(200, ok.statusCode(), ok.body());
    JsonNode s = TestHearth.JSON.readTree(api("GET", "/api/v1/admin/communities/quiet/digest", null).body());
    assertEquals("weekly", s.get("frequency").asText());
    assertEquals("18:30", s.get("time").asText());
    assertEquals(5, s.get("weekday").asInt());
    assertEquals("Europe/Moscow", s.get("timezone").asText());
    assertTrue(s.get("enabled").asBoolean());
  }
}
