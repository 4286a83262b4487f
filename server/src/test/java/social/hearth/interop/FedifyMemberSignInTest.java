package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * Issue 17 item 7, the members' sign-in through federation: a member on a Fedify server asks to sign in to a private
 * community's pages; Fedify receives (and verifies) the community's direct message with the one-time code, addressed
 * to the member alone; the code typed on Hearth's page starts a session in which the member reads a post that an
 * anonymous visitor of the same page cannot see.
 */
class FedifyMemberSignInTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.47");
    group = hearth.createCommunity("circle", "Inner circle");
    peer.follow("alice", "acct:circle@" + URI.create(hearth.base).getAuthority(), hearth.base);
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

  static HttpResponse<String> send(HttpClient http, String path, String form) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hearth.base + path)).header("Accept", "text/html")
        .timeout(Duration.ofSeconds(20));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String token(String page) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(m.find(), page);
    return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  /** The sign-in message among alice's verified Creates (the welcome message is one too). */
  static JsonNode signInMessage() throws Exception {
    for (int i = 0; i < 80; i++) {
      for (JsonNode c : peer.received("alice", "Create", 1, WAIT)) {
        if (c.path("object").path("content").asText().contains("one-time code")) {
          return c;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("alice never received the sign-in message");
  }

  @Test
  void aFedifyMemberSignsInWithTheCodeSentByDirectMessageAndReadsAPostVisitorsCannotSee() throws Exception {
    JsonNode posted = peer.post("alice", group, "Minutes of our members' meeting, not for outsiders", "public");
    String noteId = posted.has("noteId") ? posted.get("noteId").asText() : posted.get("id").asText();
    for (int i = 0; i < 400 && hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", noteId).isEmpty(); i++) {
      Thread.sleep(50);
    }
    HttpResponse<String> made = hearth.admin("PATCH", "/api/v1/admin/communities/circle", "{\"visibility\":\"private\"}",
        TestHearth.ADMIN_TOKEN);
    assertEquals(200, made.statusCode(), made.body());

    HttpClient anonymous = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertFalse(send(anonymous, "/c/circle", null).body().contains("Minutes of our members"), "visitors see the front door");

    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    String handle = "@alice@" + URI.create(peer.origin).getAuthority();
    HttpResponse<String> asked = send(browser, "/c/circle/sign-in", "_csrf=" + token(send(browser, "/c/circle/sign-in", null).body())
        + "&handle=" + URLEncoder.encode(handle, StandardCharsets.UTF_8));
    assertEquals(200, asked.statusCode(), asked.body());

    JsonNode create = signInMessage();
    assertEquals(group, create.get("actor").asText(), "the community speaks");
    JsonNode note = create.get("object");
    assertEquals(1, note.get("to").size());
    assertEquals(peer.actor("alice"), note.get("to").get(0).asText(), "to the member only");
    assertEquals(peer.actor("alice"), note.get("tag").get(0).get("href").asText(), "mentioning her");
    Matcher code = Pattern.compile("<strong>([0-9]{8})</strong>").matcher(note.get("content").asText());
    assertTrue(code.find(), note.toString());

    HttpResponse<String> in = send(browser, "/c/circle/sign-in/code", "_csrf=" + token(asked.body()) + "&handle="
        + URLEncoder.encode(handle, StandardCharsets.UTF_8) + "&code=" + code.group(1));
    assertEquals(303, in.statusCode(), in.body());
    String page = send(browser, "/c/circle", null).body();
    assertTrue(page.contains("Minutes of our members"), "the member reads the post");
    assertFalse(send(anonymous, "/c/circle", null).body().contains("Minutes of our members"), "an anonymous request still cannot");
  }
}
