package social.hearth.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * A node that dies while it publishes a scheduled digest does not lose the period, nor publish it twice: the failure
 * is simulated by the database refusing a step (first the post's write after the period would have been taken, then
 * the period's record after the post was written), and a node started again on the same database publishes the
 * period's digest exactly once.
 */
class DigestAfterACrashTest {

  static final DigestOncePerPeriodTest.MovableClock CLOCK = new DigestOncePerPeriodTest.MovableClock();
  TestHearth node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aDigestInterruptedBetweenItsStepsIsPublishedOnceAfterTheRestart() throws Exception {
    String db = TestDatabase.url(TestDatabase.fresh());
    node = TestHearth.start(CLOCK, db, false);
    node.createCommunity("crashy", "Crashy");
    long community = node.sql("SELECT id FROM communities WHERE slug = 'crashy'").get(0).getLong(0);
    node.sql("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ('https://remote.invalid/users/ana', "
        + "'Person', 'remote.invalid', 'https://remote.invalid/users/ana/inbox', '{}')");
    node.sql("INSERT INTO members (community_id, actor_id, follow_id) VALUES ($1, 'https://remote.invalid/users/ana', "
        + "'https://remote.invalid/follows/1')", community);
    String at = DateTimeFormatter.ofPattern("HH:mm").format(Instant.now().plus(Duration.ofMinutes(3))
        .atZone(ZoneOffset.UTC));
    HttpResponse<String> set = node.admin("PUT", "/api/v1/admin/communities/crashy/digest",
        "{\"enabled\":true,\"frequency\":\"daily\",\"time\":\"" + at + "\",\"timezone\":\"UTC\"}",
        TestHearth.ADMIN_TOKEN);
    assertEquals(200, set.statusCode(), set.body());
    CLOCK.ahead = Duration.ofMinutes(10);

    // the node dies while writing the digest's post
    node.sql("CREATE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "RAISE EXCEPTION 'the node died here'; END $$");
    node.sql("CREATE TRIGGER test_crash_post BEFORE INSERT ON authored_posts FOR EACH ROW EXECUTE FUNCTION test_crash()");
    assertEquals(0, node.hearth.digests().runDue().await());
    node.sql("DROP TRIGGER test_crash_post ON authored_posts");
    // it dies after the post is written, while the period is recorded
    node.sql("CREATE TRIGGER test_crash_period BEFORE INSERT ON digests FOR EACH ROW EXECUTE FUNCTION test_crash()");
    assertEquals(0, node.hearth.digests().runDue().await());
    assertEquals(0L, count("SELECT count(*) FROM authored_posts WHERE community_id = $1", community),
        "no post is left of a digest whose period was not recorded");
    node.sql("DROP TRIGGER test_crash_period ON digests");

    node.close();
    node = TestHearth.start(CLOCK, db, false);
    assertEquals(1, node.hearth.digests().runDue().await(), "the restarted node publishes the period");
    assertEquals(0, node.hearth.digests().runDue().await(), "and only once");

    var rows = node.sql("SELECT period, iri FROM digests WHERE community_id = $1", community);
    assertEquals(1, rows.size(), rows.toString());
    assertTrue(rows.get(0).getString(0).startsWith("daily:"), rows.get(0).getString(0));
    assertEquals(1L, count("SELECT count(*) FROM authored_posts WHERE community_id = $1", community));
    String iri = node.sql("SELECT iri FROM authored_posts WHERE community_id = $1", community).get(0).getString(0);
    assertEquals(iri, rows.get(0).getString(1), "the period records the digest published");
    assertTrue(node.sql("SELECT markdown FROM authored_posts WHERE community_id = $1", community).get(0).getString(0)
        .contains("New members: 1."));
    assertEquals(1L, count("SELECT count(*) FROM activities WHERE type = 'Create' AND object_id = $1", iri),
        "one Create of it for the members' servers");
  }

  long count(String sql, Object... args) {
    return node.sql(sql, args).get(0).getLong(0);
  }
}
