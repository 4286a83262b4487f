package social.hearth.web;

import com.fasterxml.jackson.databind.JsonNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;

/**
 * Issue 17 item 5: a member of a private community signs in to its pages with a one-time code (or link) the community
 * sends them by direct message, and reads what members share; the code expires, works once, locks after five wrong
 * tries; someone who is not a member gets the same page and no message; the session ends with the membership.
 */
class MemberSignInTest {

  static final Pattern CODE = Pattern.compile("<strong>([0-9]{8})</strong>");
  static final Pattern LINK = Pattern.compile("sign-in/link\\?token=([A-Za-z0-9_-]{43})");
  static WebFixture f;
  static FakeActorServer other;
  static SigningKey ana;
  static SigningKey bob;
  static String anaPost;

  @BeforeAll
  static void start() throws Exception {
    // visitors' pages are kept (a minute): a member's page must never be kept for them, nor a kept one sent to a member
    f = WebFixture.start("127.0.0.187", Map.of("HEARTH_PAGE_CACHE_MS", "60000"));
    other = FakeActorServer.start(f.hearth.vertx, "127.0.0.188");
    ana = account(f.remote, "ana");
    bob = account(other, "bob");
    f.follow(ana);
    for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", WebFixture.actor(ana)).isEmpty(); i++) {
      Thread.sleep(50);
    }
    anaPost = f.post(ana, "<p>Chapter nine spoilers for members only</p>", null, List.of("introductions"));
    for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", anaPost).isEmpty(); i++) {
      Thread.sleep(50);
    }
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"visibility\":\"private\"}", 200);
  }

  @AfterAll
  static void stop() {
    if (other != null) {
      other.close();
    }
    if (f != null) {
      f.close();
    }
  }

  @BeforeEach
  void forgetAttempts() {
    f.hearth.sql("DELETE FROM member_sign_in_attempts");
  }

  static SigningKey account(FakeActorServer server, String name) {
    SigningKey key = server.addPerson(name);
    server.serve("/.well-known/webfinger", "{\"subject\":\"acct:" + name + "@" + server.origin.substring(7) + "\","
        + "\"links\":[{\"rel\":\"self\",\"type\":\"application/activity+json\",\"href\":\"" + WebFixture.actor(key) + "\"}]}");
    return key;
  }

  static String handle(FakeActorServer server, String name) {
    return name + "@" + server.origin.substring(7);
  }

  /** A browser: its own cookies, no redirects followed. */
  static final class Browser {
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(f.hearth.base + path)).header("Accept", "text/html")
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      return http.send(HttpRequest.newBuilder(URI.create(f.hearth.base + path)).header("Accept", "text/html")
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The token of the sign-in form (double submit), from the page. */
    String token(String page) {
      Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
      assertTrue(m.find(), page);
      return m.group(1);
    }

    /** Asks for a code for {@code handle}; returns the answer. */
    HttpResponse<String> ask(String handle) throws Exception {
      String form = get("/c/book-club/sign-in").body();
      return post("/c/book-club/sign-in", Map.of("_csrf", token(form), "handle", handle));
    }

    HttpResponse<String> enter(String handle, String code) throws Exception {
      String form = get("/c/book-club/sign-in").body();
      return post("/c/book-club/sign-in/code", Map.of("_csrf", token(form), "handle", handle, "code", code));
    }
  }

  /** The sign-in messages ana's inbox has received. */
  static List<String> messages() {
    return f.remote.postsTo("/users/ana/inbox").stream().map(FakeActorServer.Received::body)
        .filter(b -> b.contains("one-time code")).toList();
  }

  /** Waits for the next sign-in message after {@code before} and returns its body. */
  static String nextMessage(int before) throws Exception {
    for (int i = 0; i < 400; i++) {
      List<String> got = messages();
      if (got.size() > before) {
        return got.get(got.size() - 1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no sign-in message reached ana");
  }

  static String codeIn(String message) {
    Matcher m = CODE.matcher(message);
    assertTrue(m.find(), message);
    return m.group(1);
  }

  /** Asks for a code as ana and returns it as the direct message carried it. */
  static String codeForAna(Browser b) throws Exception {
    int before = messages().size();
    HttpResponse<String> asked = b.ask("@" + handle(f.remote, "ana"));
    assertEquals(200, asked.statusCode(), asked.body());
    return codeIn(nextMessage(before));
  }

  static boolean reads(Browser b) throws Exception {
    return b.get("/c/book-club").body().contains("Chapter nine spoilers");
  }

  @Test
  void aMemberTypesTheCodeFromTheDirectMessageAndReadsWhatMembersShare() throws Exception {
    Browser b = new Browser();
    assertFalse(reads(b), "a visitor sees the front door");
    assertTrue(b.get("/c/book-club").body().contains("/c/book-club/sign-in"), "the front door offers the members' sign-in");
    int before = messages().size();
    HttpResponse<String> asked = b.ask("@" + handle(f.remote, "ana"));
    assertEquals(200, asked.statusCode());
    assertTrue(asked.body().contains("a direct message from the community with a one-time code is on its way"), asked.body());
    String message = nextMessage(before);
    var note = social.hearth.testing.TestHearth.JSON.readTree(message).get("object");
    assertEquals(1, note.get("to").size(), message);
    assertEquals(WebFixture.actor(ana), note.get("to").get(0).asText(), "addressed to ana only");
    assertEquals(0, note.get("cc").size(), message);
    assertEquals("Mention", note.get("tag").get(0).get("type").asText(), "mentioning her");
    String code = codeIn(message);
    assertFalse(f.hearth.sql("SELECT code_hash FROM member_sign_in_codes").get(0).getString(0).contains(code),
        "only the hash is stored");

    HttpResponse<String> in = b.enter(handle(f.remote, "ana"), code);
    assertEquals(303, in.statusCode(), in.body());
    String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hearth_member=")).findFirst().orElseThrow();
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/c/book-club"), cookie);
    HttpResponse<String> page = b.get("/c/book-club");
    assertTrue(page.body().contains("Chapter nine spoilers"), "the member reads the posts");
    assertTrue(page.body().contains("You are reading as a member"), page.body());
    assertFalse(page.body().contains("/staff/c/book-club"), "no staff controls");
    assertEquals(200, b.get("/c/book-club/posts/" + f.postId(anaPost)).statusCode(), "and the post's page");
    assertTrue(b.get("/c/book-club/tags/introductions").body().contains("Chapter nine spoilers"), "and the topic's page");
    Browser visitor = new Browser();
    assertFalse(visitor.get("/c/book-club").body().contains("Chapter nine spoilers"), "visitors still do not");
    assertEquals(404, visitor.get("/c/book-club/posts/" + f.postId(anaPost)).statusCode());
    assertFalse(visitor.get("/c/book-club/tags/introductions").body().contains("Chapter nine spoilers"));

    HttpResponse<String> again = new Browser().enter(handle(f.remote, "ana"), code);
    assertEquals(400, again.statusCode(), "a code works once");
    assertTrue(again.body().contains("That code is wrong, used or expired"), again.body());
    assertTrue(again.body().contains("value=\"" + code + "\""), "what was typed is kept");

    String csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body()).results()
        .map(r -> r.group(1)).reduce((x, y) -> y).orElseThrow();
    assertEquals(303, b.post("/c/book-club/sign-out", Map.of("_csrf", csrf)).statusCode());
    assertFalse(reads(b), "signed out");
  }

  @Test
  void aMemberStaffTrustWithTheWikiEditsItFromTheirSession() throws Exception {
    f.admin("PUT", "/api/v1/admin/communities/book-club/wiki/Reading%20plan",
        "{\"content\":\"Chapter one by Friday\",\"summary\":\"first plan\"}", 201);
    Browser b = new Browser();
    assertEquals(303, b.enter(handle(f.remote, "ana"), codeForAna(b)).statusCode());
    assertEquals(403, b.get("/c/book-club/wiki/Reading%20plan/edit").statusCode(), "not trusted with the wiki yet");

    f.admin("PUT", "/api/v1/admin/communities/book-club/wiki-editors",
        "{\"actors\":[\"" + WebFixture.actor(ana) + "\"]}", 200);
    HttpResponse<String> form = b.get("/c/book-club/wiki/Reading%20plan/edit");
    assertEquals(200, form.statusCode(), form.body());
    assertTrue(form.body().contains("Chapter one by Friday"), "the editor holds the current text");
    assertEquals(403, b.post("/c/book-club/wiki/Reading%20plan/edit", Map.of("_csrf", "forged",
        "content", "Vandalised", "summary", "x")).statusCode(), "a save without the session's token is refused");
    HttpResponse<String> saved = b.post("/c/book-club/wiki/Reading%20plan/edit", Map.of("_csrf", b.token(form.body()),
        "content", "Chapter one by Friday, chapter two by Monday", "summary", "added chapter two"));
    assertEquals(303, saved.statusCode(), saved.body());
    JsonNode revisions = f.admin("GET", "/api/v1/admin/communities/book-club/wiki/Reading%20plan/revisions", null, 200);
    assertEquals(WebFixture.actor(ana), revisions.get(0).path("author").asText(), "her revision is hers");
    assertEquals("added chapter two", revisions.get(0).path("summary").asText());
    assertEquals(303, new Browser().get("/c/book-club/wiki/Reading%20plan/edit").statusCode(), "a visitor is sent to sign in");
  }

  @Test
  void theLinkInTheMessageSignsInOnceAfterAButtonPress() throws Exception {
    Browser b = new Browser();
    int before = messages().size();
    b.ask(handle(f.remote, "ana"));
    Matcher m = LINK.matcher(nextMessage(before));
    assertTrue(m.find());
    String token = m.group(1);
    HttpResponse<String> confirm = b.get("/c/book-club/sign-in/link?token=" + token);
    assertEquals(200, confirm.statusCode());
    assertFalse(reads(b), "opening the link alone signs nobody in (link previews)");
    assertEquals(303, b.post("/c/book-club/sign-in/link", Map.of("_csrf", b.token(confirm.body()), "token", token)).statusCode());
    assertTrue(reads(b));
    Browser late = new Browser();
    HttpResponse<String> page = late.get("/c/book-club/sign-in/link?token=" + token);
    assertEquals(400, late.post("/c/book-club/sign-in/link", Map.of("_csrf", late.token(page.body()), "token", token)).statusCode());
  }

  @Test
  void anExpiredCodeSignsNobodyIn() throws Exception {
    Browser b = new Browser();
    String code = codeForAna(b);
    f.hearth.sql("UPDATE member_sign_in_codes SET expires_at = now() - interval '1 second'");
    assertEquals(400, b.enter(handle(f.remote, "ana"), code).statusCode());
    assertFalse(reads(b));
  }

  @Test
  void fiveWrongCodesLockTheCode() throws Exception {
    Browser b = new Browser();
    String code = codeForAna(b);
    String wrong = code.equals("00000000") ? "11111111" : "00000000";
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = b.enter(handle(f.remote, "ana"), wrong);
      assertEquals(400, r.statusCode());
      assertTrue(r.body().contains("aria-invalid=true"), "the error is on the code field");
    }
    assertEquals(400, b.enter(handle(f.remote, "ana"), code).statusCode(), "locked: even the right code fails now");
    assertFalse(reads(b));
  }

  @Test
  void someoneWhoIsNotAMemberGetsTheSamePageAndNoMessage() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> stranger = b.ask(handle(other, "bob"));
    int before = messages().size();
    HttpResponse<String> member = b.ask(handle(f.remote, "ana"));
    nextMessage(before); // ana's message came; bob's request, sent first, has been handled by now
    assertEquals(member.statusCode(), stranger.statusCode());
    assertEquals(strip(member.body(), handle(f.remote, "ana")), strip(stranger.body(), handle(other, "bob")),
        "the same page whether or not the handle is a member's");
    assertTrue(other.postsTo("/users/bob/inbox").isEmpty(), "bob gets no message");
    assertTrue(f.hearth.sql("SELECT 1 FROM member_sign_in_codes WHERE actor_id = $1", WebFixture.actor(bob)).isEmpty());
    assertEquals(400, b.enter(handle(other, "bob"), "12345678").statusCode());
  }

  @Test
  void aMalformedHandleIsRefusedNextToTheFieldAndTooManyRequestsWait() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> bad = b.ask("https://evil.example/x");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("id=\"member-handle-error\""), bad.body());
    assertTrue(bad.body().contains("value=\"https://evil.example/x\""), "what was typed is kept");
    for (int i = 0; i < MemberSignInPages.MAX_REQUESTS_PER_HANDLE; i++) {
      assertEquals(200, b.ask(handle(other, "bob")).statusCode());
    }
    HttpResponse<String> limited = b.ask(handle(other, "bob"));
    assertEquals(429, limited.statusCode());
    assertTrue(limited.body().contains("Too many tries"), limited.body());
  }

  @Test
  void theSessionEndsWhenTheMemberIsRemoved() throws Exception {
    Browser b = new Browser();
    assertEquals(303, b.enter(handle(f.remote, "ana"), codeForAna(b)).statusCode());
    assertTrue(reads(b));
    f.admin("POST", "/api/v1/admin/communities/book-club/members/remove", "{\"actor\":\"" + WebFixture.actor(ana) + "\"}", 200);
    try {
      assertFalse(reads(b), "a removed member reads nothing more");
      assertEquals(404, b.get("/c/book-club/posts/" + f.postId(anaPost)).statusCode());
    } finally {
      f.follow(ana);
      for (int i = 0; i < 200 && f.hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", WebFixture.actor(ana)).isEmpty(); i++) {
        Thread.sleep(50);
      }
    }
    assertFalse(reads(b), "joining again does not bring an old session back");
  }

  @Test
  void aPublicCommunityHasNoMembersSignIn() throws Exception {
    f.hearth.createCommunity("open-club", "Open club");
    assertEquals(404, new Browser().get("/c/open-club/sign-in").statusCode(), "everything there is public already");
  }

  static String strip(String page, String handle) {
    return page.replace(handle, "HANDLE").replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
  }
}
