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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * Issue 12, item 8, attacked through the sign-in form behind a trusted proxy (so the client address is the one in
 * {@code X-Forwarded-For}): guessing is limited per account across addresses, and per address with IPv6 grouped by
 * its /64; the lock-out is the sign-in page with 429 and Retry-After; the counters are bounded.
 */
class SignInGuessingTest {

  static final String PASSWORD = "correct horse battery";
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static TestHearth hearth;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Map.of("HEARTH_TRUSTED_PROXIES", "127.0.0.1"));
    for (String name : new String[] {"alice", "bob"}) {
      HttpResponse<String> r = hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"" + name
          + "\",\"password\":\"" + PASSWORD + "\",\"instanceAdmin\":true}", TestHearth.ADMIN_TOKEN);
      assertEquals(201, r.statusCode(), r.body());
    }
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @BeforeEach
  void forget() {
    hearth.sql("DELETE FROM login_attempts");
  }

  /** Posts the sign-in form from {@code address} (as the proxy reports it). */
  static HttpResponse<String> signIn(String user, String password, String address) throws Exception {
    HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(hearth.base + "/login"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    String set = form.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Auth.LOGIN_COOKIE + "="))
        .findFirst().orElseThrow();
    String token = set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    String body = Map.of("_csrf", token, "username", user, "password", password, "next", "/staff").entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(),
            StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return HTTP.send(HttpRequest.newBuilder(URI.create(hearth.base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", Auth.LOGIN_COOKIE + "=" + token)
        .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertLockedOut(HttpResponse<String> r, String what) {
    assertEquals(429, r.statusCode(), what);
    assertTrue(r.headers().firstValue("retry-after").isPresent(), what);
    assertTrue(r.body().contains("<form"), what + ": the sign-in page explains the wait");
  }

  @Test
  void guessesAtOneAccountFromManyAddressesAreStoppedForThatAccount() throws Exception {
    for (int i = 0; i < Auth.MAX_ACCOUNT_FAILURES; i++) {
      assertEquals(401, signIn("alice", "guess " + i, "198.51.100." + (i + 1)).statusCode());
    }
    assertLockedOut(signIn("Alice", PASSWORD, "203.0.113.77"), "the right password from a fresh address waits");
    assertEquals(303, signIn("bob", PASSWORD, "203.0.113.77").statusCode(), "other accounts are not locked");
  }

  @Test
  void oneIpv6NetworkCountsAsOneClient() throws Exception {
    for (int i = 0; i < Auth.MAX_FAILURES; i++) {
      // a different account name and a different address inside one /64 each time
      assertEquals(401, signIn("nobody" + i, "guess", "2001:db8:7:8::" + Integer.toHexString(i + 1)).statusCode());
    }
    assertLockedOut(signIn("bob", PASSWORD, "2001:db8:7:8:ffff:1:2:3"), "another address in the same /64");
    assertEquals(303, signIn("bob", PASSWORD, "2001:db8:7:9::1").statusCode(), "the next /64 is another client");
    assertEquals(Auth.MAX_FAILURES, hearth.sql("SELECT count(*) FROM login_attempts WHERE client_address = "
        + "'2001:db8:7:8::/64'").get(0).getLong(0));
  }

  @Test
  void theCountersAreBounded() throws Exception {
    hearth.sql("INSERT INTO login_attempts (client_address, kind, username, at) SELECT '192.0.2.' || (i % 250), "
        + "'login', 'x' || i, now() - interval '1 minute' FROM generate_series(1, 100005) i");
    hearth.sql("INSERT INTO login_attempts (client_address, kind, username, at) VALUES "
        + "('192.0.2.1', 'login', 'old', now() - interval '2 days')");
    assertEquals(401, signIn("alice", "one more guess", "198.51.100.200").statusCode());
    long kept = hearth.sql("SELECT count(*) FROM login_attempts").get(0).getLong(0);
    assertTrue(kept <= social.hearth.core.port.LoginAttemptStore.MAX_KEPT, kept + " attempts kept");
    assertTrue(hearth.sql("SELECT 1 FROM login_attempts WHERE username = 'old'").isEmpty(), "a day old is forgotten");
    assertEquals(1, hearth.sql("SELECT count(*) FROM login_attempts WHERE client_address = '198.51.100.200'")
        .get(0).getLong(0), "the newest is kept");
  }
}
