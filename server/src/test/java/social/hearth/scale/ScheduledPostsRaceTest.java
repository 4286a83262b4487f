package social.hearth.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Two nodes on one database race to publish the same due posts: each scheduled post, and each occurrence of a
 * recurring one, is published once.
 */
class ScheduledPostsRaceTest {

  static TestHearth a;
  static TestHearth b;

  @BeforeAll
  static void start() throws Exception {
    String db = TestDatabase.url(TestDatabase.fresh());
    a = TestHearth.start(Clock.systemUTC(), db, false);
    b = TestHearth.start(Clock.systemUTC(), db, false);
    a.createCommunity("racers", "Racers");
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  /** Both nodes' publishing passes, several at once on each. */
  private static void race() {
    List<Future<Integer>> passes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      passes.add(a.hearth.scheduledPosts().runOnce());
      passes.add(b.hearth.scheduledPosts().runOnce());
    }
    Future.join(passes).await();
  }

  @Test
  void aDueScheduledPostIsPublishedOnceByTwoRacingNodes() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = a.admin("POST", "/api/v1/admin/communities/racers/posts", "{\"content\":\"race " + i
          + "\",\"publishAt\":\"" + Instant.now().plusSeconds(600) + "\"}", TestHearth.ADMIN_TOKEN);
      assertEquals(201, r.statusCode(), r.body());
      JsonNode post = TestHearth.JSON.readTree(r.body());
      keys.add(post.get("key").asText());
    }
    a.sql("UPDATE authored_posts SET publish_at = now() - interval '1 second' WHERE state = 'scheduled'");
    race();
    race();
    for (String key : keys) {
      String iri = a.base + "/p/" + key;
      assertEquals(1, a.sql("SELECT count(*) FROM posts WHERE object_id = $1", iri).get(0).getLong(0), key);
      assertEquals(1, a.sql("SELECT count(*) FROM activities WHERE type = 'Create' AND object_id = $1", iri)
          .get(0).getLong(0), key + ": one Create");
      assertEquals("published", a.sql("SELECT state FROM authored_posts WHERE key = $1", key).get(0).getString(0));
    }
  }

  @Test
  void anOccurrenceOfARecurringPostIsPublishedOnceByTwoRacingNodes() throws Exception {
    HttpResponse<String> r = a.admin("POST", "/api/v1/admin/communities/racers/schedules", "{\"content\":\"weekly "
        + "#prompt\",\"rrule\":\"FREQ=DAILY;BYHOUR=10\",\"timezone\":\"UTC\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.body());
    String key = TestHearth.JSON.readTree(r.body()).get("key").asText();
    a.sql("UPDATE post_schedules SET next_at = now() - interval '1 minute' WHERE key = $1", key);
    race();
    race();
    assertEquals(1, a.sql("SELECT count(*) FROM authored_posts p JOIN post_schedules s ON s.id = p.schedule_id "
        + "WHERE s.key = $1 AND p.state = 'published'", key).get(0).getLong(0), "one post for the occurrence");
    assertEquals(1, a.sql("SELECT count(*) FROM posts WHERE content LIKE '%weekly%'").get(0).getLong(0));
    JsonNode s = TestHearth.JSON.readTree(a.admin("GET", "/api/v1/admin/communities/racers/schedules", null,
        TestHearth.ADMIN_TOKEN).body()).get("items").get(0);
    assertEquals(true, java.time.OffsetDateTime.parse(s.get("nextAt").asText()).isAfter(java.time.OffsetDateTime.now()),
        "the schedule moved on to its next occurrence");
  }
}
