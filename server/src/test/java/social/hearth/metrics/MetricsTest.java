package social.hearth.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/** {@code GET /metrics}: what an operator's Prometheus reads, behind its own token or on its own port. */
class MetricsTest {

  static final String TOKEN = "metrics-token-0123456789";

  static String follow(String id, SigningKey who, String target) {
    return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id + "\",\"type\":\"Follow\","
        + "\"actor\":\"" + who.keyId().replace("#main-key", "") + "\",\"object\":\"" + target + "\"}";
  }

  static HttpResponse<String> scrape(TestHearth hearth, String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return hearth.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the sample {@code name{labels}} (labels as Prometheus writes them, sorted by name), if present. */
  static Optional<Double> sample(String text, String name, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + (labels.isEmpty() ? "" : "{" + labels + "}")) + " (\\S+)$")
        .matcher(text);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  /** Scrapes until {@code name{labels}} reaches {@code atLeast} (work done after a 202 completes a little later). */
  static String awaitSample(TestHearth hearth, String name, String labels, double atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String text;
    do {
      text = scrape(hearth, hearth.base + "/metrics", TOKEN).body();
      if (sample(text, name, labels).orElse(0.0) >= atLeast) {
        return text;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(name + "{" + labels + "} never reached " + atLeast + " in:\n" + text);
  }

  @Test
  void anOperatorWithTheTokenSeesWhatTheInboxAcceptedRefusedProcessedAndDelivered() throws Exception {
    try (TestHearth hearth = TestHearth.start(Map.of("HEARTH_METRICS_TOKEN", TOKEN));
         FakeActorServer remote = FakeActorServer.start(hearth.vertx, "127.0.0.5")) {
      assertEquals(401, scrape(hearth, hearth.base + "/metrics", null).statusCode(), "no token");
      assertEquals(401, scrape(hearth, hearth.base + "/metrics", "wrong-token-0123456789").statusCode(), "wrong token");
      assertEquals(401, scrape(hearth, hearth.base + "/metrics", TestHearth.ADMIN_TOKEN).statusCode(),
          "the admin token is not the metrics token");

      SigningKey carol = remote.addPerson("carol");
      String group = hearth.createCommunity("potters", "Potters");
      String id = remote.origin + "/follows/" + UUID.randomUUID();
      assertEquals(202, Signed.post(hearth.http, carol, group + "/inbox", follow(id, carol, group)).statusCode());
      assertEquals("done", hearth.awaitProcessed(id));
      // the same Follow signed with a key that is not carol's
      SigningKey forged = new SigningKey(carol.keyId(), Keys.generateRsa2048().getPrivate());
      String forgedId = remote.origin + "/follows/" + UUID.randomUUID();
      HttpResponse<String> refused = Signed.post(hearth.http, forged, group + "/inbox", follow(forgedId, carol, group));
      assertEquals(401, refused.statusCode(), refused.body());

      assertEquals(404, scrape(hearth, hearth.base + "/no-such-page-7f3a", null).statusCode());
      String text = awaitSample(hearth, "hearth_deliveries_total", "outcome=\"delivered\"", 1);
      HttpResponse<String> r = scrape(hearth, hearth.base + "/metrics", TOKEN);
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
      assertEquals(Optional.of(1.0), sample(text, "hearth_inbox_received_total", "outcome=\"accepted\",reason=\"none\""));
      assertEquals(Optional.of(1.0), sample(text, "hearth_inbox_received_total",
          "outcome=\"refused\",reason=\"invalid_signature\""), text);
      assertEquals(Optional.of(1.0), sample(text, "hearth_signature_failures_total",
          "reason=\"invalid_signature\",request=\"inbox\""));
      assertEquals(Optional.of(1.0), sample(text, "hearth_inbox_processed_total", "outcome=\"done\",type=\"Follow\""));
      assertEquals(Optional.of(1.0), sample(text, "hearth_key_lookups_total", "result=\"hit\""),
          "the forged request's key, from the cache");
      assertEquals(Optional.of(2.0), sample(text, "hearth_key_lookups_total", "result=\"fetched\""),
          "carol's key, fetched, and fetched again when a signature failed with the cached key");
      assertEquals(Optional.of(1.0), sample(text, "hearth_hosts", "state=\"healthy\""), "127.0.0.5 answers");

      // HTTP requests by route pattern, method and status, with a latency histogram; never by raw path
      assertTrue(sample(text, "vertx_http_server_requests_total",
          "code=\"202\",method=\"POST\",route=\"/c/:slug/inbox\"").orElse(0.0) >= 1, text);
      assertTrue(sample(text, "vertx_http_server_requests_total",
          "code=\"401\",method=\"POST\",route=\"/c/:slug/inbox\"").orElse(0.0) >= 1, text);
      assertTrue(text.contains("vertx_http_server_response_time_seconds_bucket{code=\"202\",method=\"POST\","
          + "route=\"/c/:slug/inbox\",le=\"0.005\"}"), text);
      assertFalse(text.contains("/c/potters") || text.contains("7f3a"), "no label holds a raw path");
      assertFalse(text.contains("127.0.0.5"), "nor a peer's address (the HTTP client's per-host pools are left out)");
      // the database pool, the JVM's memory and GC
      assertTrue(text.contains("vertx_pool_in_use{pool_name=\"hearth-db\",pool_type=\"sql\"}"), text);
      assertEquals(Optional.of(16.0), sample(text, "hearth_database_pool_max_connections", ""));
      assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\""), "JVM memory");
      assertTrue(text.contains("jvm_gc_"), "GC");
    }
  }

  @Test
  void theBacklogOfEachLaneAndTheAgeOfItsOldestActivityAreMeasured() throws Exception {
    try (TestHearth hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false,
        freePort(), Map.of("HEARTH_METRICS_TOKEN", TOKEN, "HEARTH_DATABASE_POOL", "6"))) {
      // lanes as InboxEndpoint stores them (InboxLane): 0 control, 1 content
      hearth.sql("INSERT INTO inbox (activity_id, type, actor_id, body, received_at, lane) VALUES "
          + "('https://x.example/1', 'Follow', 'https://x.example/u', '{}', now() - interval '10 minutes', 0), "
          + "('https://x.example/2', 'Create', 'https://x.example/u', '{}', now() - interval '1 minute', 1), "
          + "('https://x.example/3', 'Like', 'https://x.example/u', '{}', now(), 1)");
      hearth.sql("INSERT INTO inbox (activity_id, type, actor_id, body, next_attempt_at, lane) VALUES "
          + "('https://x.example/4', 'Undo', 'https://x.example/u', '{}', now() + interval '1 hour', 0)");
      String text = scrape(hearth, hearth.base + "/metrics", TOKEN).body();
      assertEquals(Optional.of(1.0), sample(text, "hearth_inbox_backlog", "lane=\"control\""),
          "the Follow; the Undo waits for its retry");
      assertEquals(Optional.of(2.0), sample(text, "hearth_inbox_backlog", "lane=\"content\""));
      assertTrue(sample(text, "hearth_inbox_backlog_age_seconds", "lane=\"control\"").orElseThrow() >= 600, text);
      double content = sample(text, "hearth_inbox_backlog_age_seconds", "lane=\"content\"").orElseThrow();
      assertTrue(content >= 60 && content < 600, text);
      assertEquals(Optional.of(6.0), sample(text, "hearth_database_pool_max_connections", ""), "HEARTH_DATABASE_POOL");
    }
  }

  @Test
  void onTheirOwnPortMetricsAreServedThereAndNotOnTheMainPort() throws Exception {
    try (TestHearth hearth = TestHearth.start(Map.of("HEARTH_METRICS_PORT", "0"))) {
      int port = hearth.hearth.metricsPort();
      assertTrue(port > 0 && port != hearth.port);
      HttpResponse<String> r = scrape(hearth, "http://127.0.0.1:" + port + "/metrics", null);
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("hearth_inbox_backlog{lane=\"control\"}"), r.body());
      assertEquals(404, scrape(hearth, "http://127.0.0.1:" + port + "/health", null).statusCode());
      assertEquals(404, scrape(hearth, hearth.base + "/metrics", null).statusCode(), "not on the main port");
    }
    try (TestHearth hearth = TestHearth.start(Map.of("HEARTH_METRICS_PORT", "0", "HEARTH_METRICS_TOKEN", TOKEN))) {
      String url = "http://127.0.0.1:" + hearth.hearth.metricsPort() + "/metrics";
      assertEquals(401, scrape(hearth, url, null).statusCode(), "a token set applies on the metrics port too");
      assertEquals(200, scrape(hearth, url, TOKEN).statusCode());
    }
  }

  @Test
  void withoutMetricsSettingsThereIsNoMetricsEndpoint() throws Exception {
    try (TestHearth hearth = TestHearth.start()) {
      assertEquals(-1, hearth.hearth.metricsPort());
      assertEquals(404, scrape(hearth, hearth.base + "/metrics", TOKEN).statusCode());
    }
  }

  static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
