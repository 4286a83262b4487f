package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestHearth;

/**
 * With HEARTH_PAGE_CACHE_MS set (here to a minute, so nothing depends on timing), a community page rendered for a
 * visitor without a session is sent as is to the next visitors in the same language, while signed-in staff always
 * get a fresh page, and a change made through this node shows at once to everyone.
 */
class VisitorPageCacheTest {

  static TestHearth hearth;
  static FakeActorServer remote;
  static Fediverse fed;
  static final HttpClient NO_REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Map.of("HEARTH_PAGE_CACHE_MS", "60000"));
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.83");
    fed = new Fediverse(hearth, remote);
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Accept", "text/html");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return NO_REDIRECT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in as a new instance admin and returns the session cookie. */
  static String signIn(String user) throws Exception {
    String password = "correct horse battery";
    fed.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"" + user + "\",\"password\":\"" + password
        + "\",\"instanceAdmin\":true}", 201);
    HttpResponse<String> form = get("/login");
    String token = form.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Auth.LOGIN_COOKIE + "="))
        .map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).findFirst().orElseThrow();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", token);
    fields.put("username", user);
    fields.put("password", password);
    fields.put("next", "/staff");
    String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> r = NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(hearth.base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", Auth.LOGIN_COOKIE + "=" + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, r.statusCode(), r.body());
    String session = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Auth.SESSION_COOKIE + "="))
        .findFirst().orElseThrow();
    return session.substring(0, session.indexOf(';'));
  }

  @Test
  void visitorsShareOnePageWhileStaffSeeEveryChangeAtOnce() throws Exception {
    String g = hearth.createCommunity("kept", "Kept");
    HttpResponse<String> first = get("/c/kept");
    assertEquals(200, first.statusCode());
    assertTrue(first.body().contains("0 members"));
    assertTrue(first.headers().allValues("set-cookie").isEmpty(), "a page for visitors sets no cookie");

    fed.follow(remote.addPerson("newcomer"), g);
    HttpResponse<String> again = get("/c/kept");
    assertEquals(first.body(), again.body(), "the next visitor gets the same page");
    assertEquals(first.headers().firstValue("content-security-policy"), again.headers().firstValue("content-security-policy"));
    assertEquals("en", again.headers().firstValue("content-language").orElseThrow());
    assertTrue(again.headers().allValues("set-cookie").isEmpty());

    assertTrue(get("/c/kept", "Accept-Language", "ru").body().contains("1 участник"), "another language is its own page");
    assertTrue(get("/c/kept?page=2").body().contains("1 member"), "another page is its own page");
    assertTrue(get("/c/kept?notice=saved").body().contains("1 member"), "other addresses are never kept");
    assertTrue(get("/c/kept", "Cookie", Auth.SESSION_COOKIE + "=not-a-session").body().contains("1 member"),
        "a request with a session cookie never gets the kept page");
    String staff = signIn("keeper");
    HttpResponse<String> forStaff = get("/c/kept", "Cookie", staff);
    assertTrue(forStaff.body().contains("1 member"), "staff see the change at once");
    assertTrue(forStaff.body().contains("/staff/c/kept"), "with their own links");
    assertTrue(get("/c/kept").body().contains("0 members"), "the staff page was not kept for visitors");

    assertEquals("Kept", hearth.getJson(g).get("name").asText());
    fed.admin("PATCH", "/api/v1/admin/communities/kept", "{\"name\":\"Kept Renamed\"}", 200);
    String renamed = get("/c/kept").body();
    assertTrue(renamed.contains("<h1>Kept Renamed</h1>") && renamed.contains("1 member"),
        "a change made through this node drops the kept pages");
    assertEquals("Kept Renamed", hearth.getJson(g).get("name").asText(), "and the kept actor document");
  }
}
