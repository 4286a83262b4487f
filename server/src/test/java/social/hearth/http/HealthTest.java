package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/** {@code GET /health}: what a load balancer asks, without credentials, never from a cache. */
class HealthTest {

  @Test
  void aNodeWhoseDatabaseAnswersIsHealthyAndTellsItsQueueDepth() throws Exception {
    try (TestHearth hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false)) {
      hearth.sql("INSERT INTO inbox (activity_id, type, actor_id, body) VALUES "
          + "('https://x.example/1', 'Like', 'https://x.example/u', '{}'), "
          + "('https://x.example/2', 'Like', 'https://x.example/u', '{}'), "
          + "('https://x.example/3', 'Like', 'https://x.example/u', '{}')");
      hearth.sql("INSERT INTO inbox (activity_id, type, actor_id, body, state) VALUES "
          + "('https://x.example/4', 'Like', 'https://x.example/u', '{}', 'done')");
      long activity = hearth.sql("INSERT INTO activities (iri, type, body) VALUES ('https://h.example/a/1', 'Announce', '{}') "
          + "RETURNING id").get(0).getLong(0);
      hearth.sql("INSERT INTO deliveries (activity_id, inbox, host) VALUES ($1, 'https://x.example/inbox', 'x.example'), "
          + "($1, 'https://y.example/inbox', 'y.example')", activity);
      hearth.sql("INSERT INTO deliveries (activity_id, inbox, host, next_attempt_at) VALUES "
          + "($1, 'https://z.example/inbox', 'z.example', now() + interval '1 hour')", activity);

      HttpResponse<String> r = hearth.get(hearth.base + "/health", "*/*");
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
      JsonNode body = TestHearth.JSON.readTree(r.body());
      assertEquals("ok", body.get("status").asText());
      assertEquals(3, body.get("queues").get("inboxPending").asLong(), "pending inbox rows");
      assertEquals(2, body.get("queues").get("deliveriesDue").asLong(), "deliveries due now, not those due later");
    }
  }

  @Test
  void aNodeThatCannotReachItsDatabaseAnswers503() throws Exception {
    TestHearth hearth = TestHearth.start();
    try {
      hearth.hearth.database().pool().close().await();
      HttpResponse<String> r = hearth.get(hearth.base + "/health", "*/*");
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
      assertEquals("unavailable", TestHearth.JSON.readTree(r.body()).get("status").asText());
    } finally {
      hearth.close();
    }
  }
}
