package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Federation health through the admin API and the instance admin's page: a member's server that stops answering is
 * listed failing, with its failures and backlog, and "Retry now" sends what waits for it at once; what an inbox
 * refused is counted per server and reason.
 */
public class FederationHealthTest {

  static final String PASSWORD = "correct horse battery";

  public static JsonNode api(TestHearth hearth, String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> r = hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
    assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? null : TestHearth.JSON.readTree(r.body());
  }

  /** The server's entry in the API's list, once it matches (the worker and the refusal counts write a little later). */
  public static JsonNode awaitServer(TestHearth hearth, String host, Predicate<JsonNode> match) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode last = null;
    do {
      for (JsonNode s : api(hearth, "GET", "/api/v1/admin/federation?search="
          + URLEncoder.encode(host, StandardCharsets.UTF_8), null, 200).get("servers")) {
        if (s.get("host").asText().equals(host)) {
          last = s;
          if (match.test(s)) {
            return s;
          }
        }
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(host + " never matched; last seen: " + last);
  }

  @Test
  void aServerThatStopsAnsweringIsShownFailingWithItsBacklogAndRetryNowSendsItsDeliveriesAtOnce() throws Exception {
    try (TestHearth hearth = TestHearth.start(); FakeActorServer remote = FakeActorServer.start(hearth.vertx, "127.0.0.61")) {
      remote.nodeinfo("mastodon");
      String host = URI.create(remote.origin).getAuthority();
      String group = hearth.createCommunity("potters", "Potters");
      SigningKey carol = remote.addPerson("carol");
      new Fediverse(hearth, remote).follow(carol, group);
      awaitServer(hearth, host, s -> "mastodon".equals(s.get("software").asText(null)) && s.get("lastSuccessAt").isTextual());

      remote.judge = r -> 503;
      api(hearth, "POST", "/api/v1/admin/communities/potters/posts", "{\"content\":\"Kiln day on Saturday\"}", 201);
      JsonNode failing = awaitServer(hearth, host, s -> s.get("retrying").asLong() >= 1 && s.get("failures").asInt() >= 1);
      assertEquals("failing", failing.get("state").asText());
      assertEquals("1", failing.get("version").asText(), "the version NodeInfo gives");
      assertEquals(1, failing.get("members").asLong());
      assertEquals(1, failing.get("failures").asInt());
      assertEquals(1, failing.get("backlog").asLong());
      assertTrue(failing.get("lastError").asText().contains("503"), failing.toString());
      assertTrue(failing.get("failingSince").isTextual());

      JsonNode problems = api(hearth, "GET", "/api/v1/admin/federation?problems=true", null, 200);
      assertEquals(host, problems.get("servers").get(0).get("host").asText(), "problems first, and only problems");
      assertEquals(1, problems.get("total").asLong());

      // the next retry would be half a minute away or more; Retry now sends it at once, and it is the host's probe
      hearth.sql("UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE host = $1 AND state = 'pending'", host);
      int before = remote.received.size();
      remote.judge = null;
      remote.answer = response -> { }; // the probe hangs: the server is being tried
      JsonNode retried = api(hearth, "POST", "/api/v1/admin/federation/" + host + "/retry", null, 200);
      assertEquals(1, retried.get("due").asInt());
      remote.awaitPost(r -> remote.received.indexOf(r) >= before);
      assertEquals("probing", awaitServer(hearth, host, s -> true).get("state").asText());
      JsonNode audit = api(hearth, "GET", "/api/v1/admin/audit?action=federation_retry", null, 200);
      assertEquals(host, audit.get(0).get("target").asText());
      assertEquals("admin", audit.get(0).get("actor").asText());

      api(hearth, "POST", "/api/v1/admin/federation/nowhere.example/retry", null, 404);
      api(hearth, "POST", "/api/v1/admin/federation/not%20a%20host/retry", null, 400);
      api(hearth, "GET", "/api/v1/admin/federation?sort=loudest", null, 400);
      api(hearth, "GET", "/api/v1/admin/federation?page=0", null, 400);
    }
  }

  @Test
  void whatTheInboxRefusedIsCountedPerServerAndReasonAndShownToTheInstanceAdmin() throws Exception {
    try (TestHearth hearth = TestHearth.start(); FakeActorServer remote = FakeActorServer.start(hearth.vertx, "127.0.0.62");
         FakeActorServer blocked = FakeActorServer.start(hearth.vertx, "127.0.0.63")) {
      String host = URI.create(remote.origin).getAuthority();
      String group = hearth.createCommunity("potters", "Potters");
      SigningKey carol = remote.addPerson("carol");
      SigningKey forged = new SigningKey(carol.keyId(), Keys.generateRsa2048().getPrivate());
      for (int i = 0; i < 2; i++) {
        String follow = Fediverse.activity(carol, "Follow", group).toString();
        assertEquals(401, Signed.post(hearth.http, forged, group + "/inbox", follow).statusCode());
      }
      api(hearth, "PUT", "/api/v1/admin/domains/127.0.0.63", "{\"policy\":\"block\"}", 200);
      SigningKey dan = blocked.addPerson("dan");
      assertEquals(403, Signed.post(hearth.http, dan, group + "/inbox",
          Fediverse.activity(dan, "Follow", group).toString()).statusCode());

      JsonNode counted = awaitServer(hearth, host, s -> s.get("refused").asLong() == 2);
      assertEquals("invalid_signature", counted.get("refusals").get(0).get("reason").asText());
      assertEquals(2, counted.get("refusals").get(0).get("count").asLong());
      JsonNode block = awaitServer(hearth, URI.create(blocked.origin).getAuthority(), s -> s.get("refused").asLong() == 1);
      assertEquals("blocked_domain", block.get("refusals").get(0).get("reason").asText());

      api(hearth, "POST", "/api/v1/admin/accounts", "{\"username\":\"root\",\"password\":\"" + PASSWORD
          + "\",\"instanceAdmin\":true}", 201);
      api(hearth, "POST", "/api/v1/admin/accounts", "{\"username\":\"mo\",\"password\":\"" + PASSWORD + "\"}", 201);
      StaffWeb admin = StaffWeb.signIn(hearth, "root", PASSWORD);
      HttpResponse<String> page = admin.get("/staff/admin/federation?sort=refusals");
      assertEquals(200, page.statusCode());
      String html = page.body();
      assertTrue(html.contains(host) && html.contains("Signature failures") && html.contains("invalid_signature ×2"), html);
      assertTrue(html.contains("Blocked") && html.contains("blocked_domain ×1"), html);
      assertTrue(html.indexOf(host) < html.indexOf("127.0.0.63"), "most refusals first");
      assertEquals(403, StaffWeb.signIn(hearth, "mo", PASSWORD).get("/staff/admin/federation").statusCode(),
          "instance admins only");

      // Retry now from the page: a form with the session's CSRF token, back to that server with a notice
      HttpResponse<String> retried = post(hearth, admin, "/staff/admin/federation/retry",
          "_csrf=" + admin.csrf() + "&host=" + URLEncoder.encode(host, StandardCharsets.UTF_8));
      assertEquals(303, retried.statusCode(), retried.body());
      String back = retried.headers().firstValue("Location").orElseThrow();
      assertTrue(back.contains("notice=federation_retried"), back);
      String after = admin.get(back).body();
      assertTrue(after.contains("Retrying now") && after.contains(host), after);
      assertFalse(after.contains("127.0.0.63"), "the retried server alone");
      assertNotNull(hearth.sql("SELECT 1 FROM audit_log WHERE action = 'federation_retry' AND actor = 'staff:root' "
          + "AND target = $1", host).get(0));
      assertEquals(400, post(hearth, admin, "/staff/admin/federation/retry", "_csrf=" + admin.csrf() + "&host=%3Cx%3E")
          .statusCode());
    }
  }

  static HttpResponse<String> post(TestHearth hearth, StaffWeb web, String path, String form) throws Exception {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(HttpRequest.newBuilder(
            URI.create(hearth.base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html").header("Cookie", web.session).POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
