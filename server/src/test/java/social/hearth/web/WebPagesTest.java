package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;

/**
 * The web UI over plain HTTP: headers, content negotiation, the join hand-over, privacy, the feed, and the
 * sign-in rules (CSRF, rate limits, sessions ended by a password change or a demotion).
 */
class WebPagesTest {

  static WebFixture f;
  static SigningKey ana;
  static SigningKey pending;
  static String anaPost;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.61");
    ana = f.person("ana", "Ana Reads");
    SigningKey hostile = f.person("mallory", WebFixture.HOSTILE);
    f.follow(ana);
    f.follow(hostile);
    anaPost = f.post(ana, "<p>This month: <b>Piranesi</b> <a href=\"javascript:alert(3)\">link</a></p><script>alert(2)</script>",
        null, List.of("bookclub", "piranesi"));
    f.post(hostile, "<p>Loved it</p>", anaPost, List.of());
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"joinPolicy\":\"approval\",\"joinQuestion\":\"What are you reading?\"}", 200);
    pending = f.person("secret-applicant", "Secret Applicant");
    f.follow(pending);
    f.staff("mod", "moderator");
    f.staff("owner", "owner");
    f.staff("root", null);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static final HttpClient NO_REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.hearth.base + path)).timeout(Duration.ofSeconds(10));
    headers.forEach(b::header);
    return NO_REDIRECT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> html(String path) throws Exception {
    return get(path, Map.of("Accept", "text/html"));
  }

  static HttpResponse<String> post(String path, Map<String, String> form, String cookies, Map<String, String> headers) throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookies != null) {
      b.header("Cookie", cookies);
    }
    headers.forEach(b::header);
    return NO_REDIRECT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String cookie(HttpResponse<?> r, String name) {
    for (String c : r.headers().allValues("set-cookie")) {
      if (c.startsWith(name + "=")) {
        return c;
      }
    }
    return null;
  }

  static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    return m.find() ? m.group(1) : null;
  }

  /** Signs in and returns the session cookie header value. */
  static String login(String user, String password, String address) throws Exception {
    HttpResponse<String> form = html("/login");
    String token = value(cookie(form, Auth.LOGIN_COOKIE));
    HttpResponse<String> r = post("/login", Map.of("_csrf", token, "username", user, "password", password, "next", "/staff"),
        Auth.LOGIN_COOKIE + "=" + token, address == null ? Map.of() : Map.of("X-Forwarded-For", address));
    assertEquals(303, r.statusCode(), r.body());
    return Auth.SESSION_COOKIE + "=" + value(cookie(r, Auth.SESSION_COOKIE));
  }

  static HttpResponse<String> staffGet(String path, String session) throws Exception {
    return get(path, Map.of("Accept", "text/html", "Cookie", session));
  }

  // ------------------------------------------------------------------ public pages

  @Test
  void everyHtmlAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : List.of("/", "/c/book-club", "/login", "/c/book-club/tags/bookclub", "/nowhere")) {
      HttpResponse<String> r = html(path);
      String csp = r.headers().firstValue("content-security-policy").orElse("");
      assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), path + ": " + csp);
      assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""), path);
      assertEquals("same-origin", r.headers().firstValue("referrer-policy").orElse(""), path);
      assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/html"), path);
      assertFalse(Pattern.compile("<script>|<script [^>]*>[^<]|style=\"|<style").matcher(r.body()).find(), path + " has inline script or style");
    }
    assertEquals(404, html("/nowhere").statusCode());
    HttpResponse<String> missing = html("/c/no-such-club");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("There is nothing here."), "browsers get a page, not JSON");
    assertEquals(404, f.hearth.get(f.hearth.base + "/c/no-such-club", "application/activity+json").statusCode());
  }

  @Test
  void theCommunityIriServesHtmlToBrowsersAndTheGroupToActivityPubClients() throws Exception {
    HttpResponse<String> page = html("/c/book-club");
    assertEquals(200, page.statusCode());
    String body = page.body();
    assertTrue(body.contains("<h1>Book club</h1>"), body);
    assertTrue(body.contains("We read one novel a month and talk about it."));
    assertTrue(body.contains("Be kind to each other") && body.contains("a warning, then removal"));
    assertTrue(body.contains("@book-club@127.0.0.1:" + f.hearth.port));
    assertTrue(body.contains("property=\"og:title\" content=\"Book club\""));
    assertTrue(body.contains("name=\"twitter:card\""));
    assertTrue(body.contains("/c/book-club/tags/bookclub"));
    assertTrue(body.contains("/c/book-club/tags/introductions"), "the configured topic");
    assertTrue(body.contains("Ana Reads"));
    assertFalse(body.contains("alert(2)") || body.contains("javascript:"), "remote post HTML is sanitised");
    assertTrue(body.contains("&lt;img src=x onerror=alert(1)&gt;"), "a hostile display name is text");
    assertFalse(body.contains("<img src=x"), "never markup");
    assertEquals("Group", f.hearth.getJson(f.group).get("type").asText());
  }

  @Test
  void nothingPrivateIsShownToVisitors() throws Exception {
    String body = html("/c/book-club").body();
    assertFalse(body.contains("Secret Applicant") || body.contains("secret-applicant"), "pending requests are private");
    for (String path : List.of("/staff", "/staff/c/book-club/members?state=pending")) {
      HttpResponse<String> r = html(path);
      assertEquals(303, r.statusCode(), path);
      assertTrue(r.headers().firstValue("location").orElse("").startsWith("/login?next="), path);
    }
  }

  @Test
  void postsThreadsTopicsAndTheFeed() throws Exception {
    long id = f.postId(anaPost);
    String post = html("/c/book-club/posts/" + id).body();
    assertTrue(post.contains("Piranesi") && post.contains("Loved it"), "the post with its reply");
    assertTrue(post.contains("1 reply"));
    String topic = html("/c/book-club/tags/piranesi").body();
    assertTrue(topic.contains("Piranesi") && topic.contains("#piranesi"));
    assertEquals(404, html("/c/book-club/posts/999999").statusCode());
    HttpResponse<String> feed = get("/c/book-club/feed.atom", Map.of());
    assertEquals(200, feed.statusCode());
    assertTrue(feed.headers().firstValue("content-type").orElse("").startsWith("application/atom+xml"));
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
    assertEquals("feed", doc.getDocumentElement().getNodeName());
    assertTrue(doc.getElementsByTagName("entry").getLength() >= 1);
  }

  @Test
  void joinFromYourServerGoesOnlyToADomainName() throws Exception {
    String group = URLEncoder.encode(f.group, StandardCharsets.UTF_8);
    for (String typed : List.of("mastodon.social", "@ana@Mastodon.Social", "ana@mastodon.social", "mastodon.social.")) {
      HttpResponse<String> r = html("/c/book-club/join?server=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
      assertEquals(303, r.statusCode(), typed);
      assertEquals("https://mastodon.social/authorize_interaction?uri=" + group, r.headers().firstValue("location").orElse(""), typed);
    }
    assertEquals("https://" + java.net.IDN.toASCII("пример.com") + "/authorize_interaction?uri=" + group,
        html("/c/book-club/join?server=" + URLEncoder.encode("Пример.com", StandardCharsets.UTF_8))
            .headers().firstValue("location").orElse(""));
    for (String bad : List.of("https://evil.example", "evil.example/path", "evil.example:8443", "javascript:alert(1)",
        "//evil.example", "127.0.0.1", "localhost", "evil.example?x=1", "a@b@evil.example", "evil..example", "-bad.example",
        "user:pass@evil.example", "[::1]", "evil.example#frag", "")) {
      HttpResponse<String> r = html("/c/book-club/join?server=" + URLEncoder.encode(bad, StandardCharsets.UTF_8));
      assertEquals(400, r.statusCode(), bad);
      assertTrue(r.headers().firstValue("location").isEmpty(), bad);
      assertTrue(r.body().contains("That is not a server name"), bad);
    }
  }

  @Test
  void theLanguageComesFromAcceptLanguageOrTheSwitch() throws Exception {
    assertTrue(get("/c/book-club", Map.of("Accept", "text/html", "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")).body()
        .contains("Как вступить"));
    assertTrue(get("/c/book-club", Map.of("Accept", "text/html", "Accept-Language", "de, en;q=0.5")).body().contains("How to join"));
    HttpResponse<String> sw = html("/lang?to=ru&back=%2Fc%2Fbook-club");
    assertEquals(303, sw.statusCode());
    assertEquals("/c/book-club", sw.headers().firstValue("location").orElse(""));
    String lang = cookie(sw, I18n.COOKIE);
    assertNotNull(lang);
    assertTrue(get("/c/book-club", Map.of("Accept", "text/html", "Accept-Language", "en", "Cookie", "lang=ru")).body()
        .contains("lang=\"ru\""));
    assertEquals("/", html("/lang?to=ru&back=https%3A%2F%2Fevil.example").headers().firstValue("location").orElse(""));
    assertEquals("/", html("/lang?to=ru&back=%2F%2Fevil.example").headers().firstValue("location").orElse(""));
  }

  // ------------------------------------------------------------------ staff

  @Test
  void sessionCookiesAreHttpOnlyAndSameSite() throws Exception {
    HttpResponse<String> form = html("/login");
    String token = value(cookie(form, Auth.LOGIN_COOKIE));
    HttpResponse<String> r = post("/login", Map.of("_csrf", token, "username", "mod", "password", WebFixture.PASSWORD),
        Auth.LOGIN_COOKIE + "=" + token, Map.of());
    String c = cookie(r, Auth.SESSION_COOKIE);
    assertTrue(c.toLowerCase(java.util.Locale.ROOT).contains("httponly") && c.contains("SameSite=Lax") && c.contains("Path=/"), c);
    String hash = social.hearth.core.util.Secrets.sha256(value(c));
    assertEquals(1, f.hearth.sql("SELECT 1 FROM web_sessions WHERE token_hash = $1", hash).size(), "only the hash is stored");
  }

  @Test
  void aLoginFormWithoutItsTokenAndAStaffFormWithoutCsrfAreRefused() throws Exception {
    HttpResponse<String> r = post("/login", Map.of("username", "mod", "password", WebFixture.PASSWORD), null, Map.of());
    assertEquals(403, r.statusCode());
    String session = login("mod", WebFixture.PASSWORD, null);
    String actor = WebFixture.actor(pending);
    HttpResponse<String> noToken = post("/staff/c/book-club/members/reject", Map.of("actor", actor), session, Map.of());
    assertEquals(403, noToken.statusCode());
    String csrf = field(staffGet("/staff/c/book-club/members", session).body(), "_csrf");
    HttpResponse<String> wrongOrigin = post("/staff/c/book-club/members/reject", Map.of("actor", actor, "_csrf", csrf), session,
        Map.of("Origin", "https://evil.example"));
    assertEquals(403, wrongOrigin.statusCode());
    assertEquals("pending", f.hearth.sql("SELECT state FROM members WHERE actor_id = $1", actor).get(0).getString(0));
  }

  @Test
  void everyRouteChecksTheRoleInThatCommunity() throws Exception {
    f.hearth.createCommunity("other-club", "Other club");
    String mod = login("mod", WebFixture.PASSWORD, null);
    assertEquals(200, staffGet("/staff/c/book-club/members", mod).statusCode());
    assertEquals(403, staffGet("/staff/c/other-club/members", mod).statusCode(), "no role there");
    assertEquals(403, staffGet("/staff/c/book-club/settings", mod).statusCode(), "settings are for owners");
    assertEquals(403, staffGet("/staff/admin", mod).statusCode(), "instance admin only");
    String csrf = field(staffGet("/staff/c/book-club/members", mod).body(), "_csrf");
    assertEquals(403, post("/staff/c/other-club/settings", Map.of("_csrf", csrf, "name", "Hijacked"), mod, Map.of()).statusCode());
    assertEquals("Other club", f.hearth.sql("SELECT name FROM communities WHERE slug = 'other-club'").get(0).getString(0));
    String root = login("root", WebFixture.PASSWORD, null);
    assertEquals(200, staffGet("/staff/c/other-club/settings", root).statusCode());
    assertEquals(200, staffGet("/staff/admin", root).statusCode());
  }

  @Test
  void loginsAreRateLimitedPerClientAddress() throws Exception {
    // the test client is not a trusted proxy, so X-Forwarded-For is ignored and the limit is on 127.0.0.1's
    // budget; use a separate address through the header to show that it is not believed
    HttpResponse<String> form = html("/login");
    String token = value(cookie(form, Auth.LOGIN_COOKIE));
    f.hearth.sql("DELETE FROM login_attempts");
    for (int i = 0; i < Auth.MAX_FAILURES; i++) {
      HttpResponse<String> r = post("/login", Map.of("_csrf", token, "username", "owner", "password", "wrong password " + i),
          Auth.LOGIN_COOKIE + "=" + token, Map.of("X-Forwarded-For", "198.51.100." + i));
      assertEquals(401, r.statusCode());
    }
    HttpResponse<String> limited = post("/login", Map.of("_csrf", token, "username", "owner", "password", WebFixture.PASSWORD),
        Auth.LOGIN_COOKIE + "=" + token, Map.of("X-Forwarded-For", "203.0.113.9"));
    assertEquals(429, limited.statusCode(), "even the right password waits");
    assertTrue(limited.headers().firstValue("retry-after").isPresent());
    assertEquals(Auth.MAX_FAILURES, f.hearth.sql("SELECT count(*) FROM login_attempts WHERE client_address = '127.0.0.1'")
        .get(0).getLong(0));
    f.hearth.sql("DELETE FROM login_attempts");
  }

  @Test
  void aPasswordChangeEndsEverySessionAndADemotionEndsTheDemotedOnes() throws Exception {
    f.staff("pat", "owner");
    String first = login("pat", WebFixture.PASSWORD, null);
    String second = login("pat", WebFixture.PASSWORD, null);
    String csrf = field(staffGet("/staff/password", first).body(), "_csrf");
    HttpResponse<String> changed = post("/staff/password", Map.of("_csrf", csrf, "current", WebFixture.PASSWORD,
        "password", "a brand new passphrase", "repeat", "a brand new passphrase"), first, Map.of());
    assertEquals(303, changed.statusCode(), changed.body());
    String renewed = Auth.SESSION_COOKIE + "=" + value(cookie(changed, Auth.SESSION_COOKIE));
    assertEquals(303, staffGet("/staff", first).statusCode(), "the old session of this browser ended");
    assertEquals(303, staffGet("/staff", second).statusCode(), "every other session ended");
    assertEquals(200, staffGet("/staff", renewed).statusCode(), "this browser signed in again");

    // demoted from owner to moderator through the admin API: the session ends at its next request
    f.admin("PUT", "/api/v1/admin/communities/book-club/staff/pat", "{\"role\":\"moderator\"}", 200);
    assertEquals(303, staffGet("/staff", renewed).statusCode());
    String again = login("pat", "a brand new passphrase", null);
    assertEquals(200, staffGet("/staff/c/book-club/members", again).statusCode());
    assertEquals(403, staffGet("/staff/c/book-club/settings", again).statusCode());
  }

  @Test
  void anOwnerChangesSettingsRulesTopicsAndTheImages() throws Exception {
    String owner = login("owner", WebFixture.PASSWORD, null);
    String csrf = field(staffGet("/staff/c/book-club/settings", owner).body(), "_csrf");
    HttpResponse<String> bad = post("/staff/c/book-club/settings", Map.of("_csrf", csrf, "name", "", "summary", "x",
        "joinPolicy", "approval", "postingPolicy", "members", "newcomerDays", "7", "reminderDays", "7"), owner, Map.of());
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("The name is required"));
    HttpResponse<String> topics = post("/staff/c/book-club/settings/topics", Map.of("_csrf", csrf, "tag", "#Introductions",
        "description", "Say hello"), owner, Map.of());
    assertEquals(303, topics.statusCode(), topics.body());
    HttpResponse<String> badTopic = post("/staff/c/book-club/settings/topics", Map.of("_csrf", csrf, "tag", "<b>x</b>"), owner, Map.of());
    assertEquals(400, badTopic.statusCode());
  }

  @Test
  void everyStaffPageRendersAndItsFormsWork() throws Exception {
    String root = login("root", WebFixture.PASSWORD, null);
    String slug = "/staff/c/book-club";
    for (String path : List.of("/staff", "/staff/password", slug, slug + "/members?state=pending", slug + "/members?state=accepted",
        slug + "/members?state=banned", slug + "/member?actor=" + URLEncoder.encode(WebFixture.actor(ana), StandardCharsets.UTF_8),
        slug + "/invites", slug + "/settings", slug + "/queue", slug + "/queue?state=approved", slug + "/reports",
        slug + "/reports?state=resolved", slug + "/audit", slug + "/filters", "/staff/admin", "/staff/admin/domains",
        "/staff/admin/settings", "/staff/admin/audit", "/staff/admin/reports")) {
      HttpResponse<String> r = staffGet(path, root);
      assertEquals(200, r.statusCode(), path + ": " + r.body());
      assertEquals("no-store", r.headers().firstValue("cache-control").orElse(""), path);
    }
    String csrf = field(staffGet(slug + "/filters", root).body(), "_csrf");

    // a filter tried first (dry-run: nothing saved), then saved
    HttpResponse<String> dry = post(slug + "/filters", Map.of("_csrf", csrf, "kind", "keywords", "action", "hold",
        "words", "piranesi", "days", "30", "do", "dryrun"), root, Map.of());
    assertEquals(200, dry.statusCode(), dry.body());
    assertTrue(dry.body().contains("id=\"dry-run\""), dry.body());
    assertEquals(0, f.hearth.sql("SELECT count(*) FROM filters").get(0).getLong(0), "a dry-run saves nothing");
    assertEquals(303, post(slug + "/filters", Map.of("_csrf", csrf, "kind", "links", "action", "reject", "number", "3",
        "deny", "spam.example", "do", "create"), root, Map.of()).statusCode());
    assertEquals(1, f.hearth.sql("SELECT count(*) FROM filters").get(0).getLong(0));
    HttpResponse<String> badRegex = post(slug + "/filters", Map.of("_csrf", csrf, "kind", "regex", "action", "hold",
        "pattern", "(?<=a)b", "do", "create"), root, Map.of());
    assertEquals(400, badRegex.statusCode(), "a pattern the linear-time engine cannot run is refused with the reason");
    assertTrue(badRegex.body().contains("lookahead and lookbehind"), badRegex.body());

    // an invite, a domain policy with its CSV export and an import
    assertEquals(303, post(slug + "/invites", Map.of("_csrf", csrf, "maxUses", "1", "grantDays", "30", "note", "for Bo"),
        root, Map.of()).statusCode());
    String code = f.hearth.sql("SELECT code FROM invites").get(0).getString(0);
    String invite = html("/c/book-club/invite/" + code).body();
    assertTrue(invite.contains(code) && invite.contains("30 days"), invite);
    assertEquals(303, post("/staff/admin/domains", Map.of("_csrf", csrf, "domain", "Spam.Example", "policy", "block",
        "reason", "spam"), root, Map.of()).statusCode());
    HttpResponse<String> csv = get("/staff/admin/domains/export", Map.of("Cookie", root));
    assertTrue(csv.body().contains("spam.example,suspend"), csv.body());
    HttpResponse<String> imported = post("/staff/admin/domains/import", Map.of("_csrf", csrf, "csv",
        "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\nbad.example,suspend,false,false,,false\n"),
        root, Map.of());
    assertEquals(200, imported.statusCode(), imported.body());
    assertTrue(staffGet("/staff/admin/domains", root).body().contains("bad.example"));

    // an avatar: a real PNG is stored and served from our origin; an SVG is refused
    byte[] png = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    assertEquals(303, upload(slug + "/settings/media", root, csrf, "avatar", "a.png", png).statusCode());
    String page = html("/c/book-club").body();
    Matcher avatar = Pattern.compile("src=\"([^\"]*/media/avatar\\?v=[0-9a-f]+)\"").matcher(page);
    assertTrue(avatar.find(), page);
    HttpResponse<String> image = get(avatar.group(1).substring(f.hearth.base.length()), Map.of());
    assertEquals("image/png", image.headers().firstValue("content-type").orElse(""));
    HttpResponse<String> svg = upload(slug + "/settings/media", root, csrf, "banner", "x.png",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, svg.statusCode());
    HttpResponse<String> huge = upload(slug + "/settings/media", root, csrf, "avatar", "big.png", new byte[Media.MAX_AVATAR + 10]);
    assertEquals(413, huge.statusCode());
  }

  static HttpResponse<String> upload(String path, String session, String csrf, String kind, String filename, byte[] bytes)
      throws Exception {
    String boundary = "----hearth" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (String[] field : List.of(new String[] {"_csrf", csrf}, new String[] {"kind", kind}, new String[] {"alt", "Our logo"})) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1] + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest r = HttpRequest.newBuilder(URI.create(f.hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", session)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return NO_REDIRECT.send(r, HttpResponse.BodyHandlers.ofString());
  }
}
