package social.hearth.core.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/** Old queue rows are purged; recent ones, and anything still pending, are kept. */
class MaintenanceTest {

  static TestHearth hearth;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void processedInboxRecordsAreKeptTwoWeeksToCatchRedeliveriesThenPurged() {
    hearth.sql("INSERT INTO inbox (activity_id, type, actor_id, body, state, received_at) VALUES "
        + "('https://x.example/old', 'Like', 'https://x.example/u', '{}', 'done', now() - interval '15 days'), "
        + "('https://x.example/recent', 'Like', 'https://x.example/u', '{}', 'done', now() - interval '3 days'), "
        + "('https://x.example/pending', 'Like', 'https://x.example/u', '{}', 'pending', now() - interval '30 days')");
    hearth.hearth.maintenance().runOnce().await();
    assertEquals(0, hearth.sql("SELECT count(*) FROM inbox WHERE activity_id = 'https://x.example/old'").get(0).getLong(0));
    assertEquals(1, hearth.sql("SELECT count(*) FROM inbox WHERE activity_id = 'https://x.example/recent'").get(0).getLong(0));
    assertEquals(1, hearth.sql("SELECT count(*) FROM inbox WHERE activity_id = 'https://x.example/pending'").get(0).getLong(0));
  }
}
