package social.hearth.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * A scheduled digest on two nodes sharing one database, both running workers: when its local time comes, the period
 * is claimed once and exactly one digest is published (one claimed row, one post by the community).
 */
class DigestOncePerPeriodTest {

  /** The system's time plus an offset the test sets, shared by both nodes. */
  static final class MovableClock extends Clock {
    volatile Duration ahead = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(ahead);
    }
  }

  static final MovableClock CLOCK = new MovableClock();
  static TestHearth a;
  static TestHearth b;

  @BeforeAll
  static void start() throws Exception {
    String db = TestDatabase.url(TestDatabase.fresh());
    a = TestHearth.start(CLOCK, db, true);
    b = TestHearth.start(CLOCK, db, true);
  }

  @AfterAll
  static void stop() {
    for (TestHearth h : new TestHearth[] {a, b}) {
      if (h != null) {
        h.close();
      }
    }
  }

  @Test
  void bothNodesSeeTheDigestDueAndOnlyOneIsPublished() throws Exception {
    a.createCommunity("daily", "Daily");
    long community = a.sql("SELECT id FROM communities WHERE slug = 'daily'").get(0).getLong(0);
    // a new member: something happened today
    a.sql("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ('https://remote.invalid/users/ana', "
        + "'Person', 'remote.invalid', 'https://remote.invalid/users/ana/inbox', '{}')");
    a.sql("INSERT INTO members (community_id, actor_id, follow_id) VALUES ($1, 'https://remote.invalid/users/ana', "
        + "'https://remote.invalid/follows/1')", community);
    String at = DateTimeFormatter.ofPattern("HH:mm").format(Instant.now().plus(Duration.ofMinutes(3)).atZone(ZoneOffset.UTC));
    HttpResponse<String> set = a.admin("PUT", "/api/v1/admin/communities/daily/digest",
        "{\"enabled\":true,\"frequency\":\"daily\",\"time\":\"" + at + "\",\"timezone\":\"UTC\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(200, set.statusCode(), set.body());

    CLOCK.ahead = Duration.ofMinutes(10);
    for (int i = 0; i < 1800 && a.sql("SELECT 1 FROM digests WHERE community_id = $1 AND iri IS NOT NULL", community)
        .isEmpty(); i++) {
      Thread.sleep(50);
    }
    var rows = a.sql("SELECT period, iri FROM digests WHERE community_id = $1", community);
    assertEquals(1, rows.size(), "one period claimed: " + rows);
    assertTrue(rows.get(0).getString(0).startsWith("daily:"), rows.get(0).getString(0));
    assertEquals(1L, a.sql("SELECT count(*) FROM authored_posts WHERE community_id = $1", community).get(0).getLong(0),
        "one digest published");
    assertTrue(a.sql("SELECT markdown FROM authored_posts WHERE community_id = $1", community).get(0).getString(0)
        .contains("New members: 1."));
  }
}
