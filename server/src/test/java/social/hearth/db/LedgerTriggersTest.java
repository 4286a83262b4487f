package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * The points ledger as the database keeps it (V46), whatever code writes the rows: a kind's daily cap, nothing from a
 * non-member, and a banned member's actions taken back with the reason.
 */
class LedgerTriggersTest {

  static final String ANN = "https://a.example/users/ann";
  static final String BOB = "https://b.example/users/bob";
  static final String CARL = "https://c.example/users/carl";
  static TestHearth hearth;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false);
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  static long community(String slug) throws Exception {
    hearth.createCommunity(slug, slug);
    long id = hearth.sql("SELECT id FROM communities WHERE slug = $1", slug).get(0).getLong(0);
    for (String who : new String[] {ANN, BOB, CARL}) {
      hearth.sql("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ($1, 'Person', 'x.example', $1, "
          + "'{}'::jsonb) ON CONFLICT DO NOTHING", who);
    }
    for (String who : new String[] {ANN, BOB}) {
      hearth.sql("INSERT INTO members (community_id, actor_id, follow_id) VALUES ($1, $2, $3)", id, who, who + "#f" + slug);
    }
    hearth.sql("INSERT INTO posts (community_id, object_id, author_id, type, object) VALUES ($1, $2, $3, 'Note', '{}')",
        id, ANN + "/notes/" + slug, ANN);
    return id;
  }

  static long points(long community, String actor, String kind) {
    return hearth.sql("SELECT COALESCE(sum(points), 0) FROM points_ledger WHERE community_id = $1 AND actor_id = $2 "
        + "AND kind = $3", community, actor, kind).get(0).getLong(0);
  }

  static void like(long community, String slug, String who, int n) {
    hearth.sql("INSERT INTO likes (like_id, community_id, object_id, actor_id) VALUES ($1, $2, $3, $4)",
        who + "#like" + slug + n, community, ANN + "/notes/" + slug, who);
  }

  @Test
  void likesPastTheDailyCapEarnNothing() throws Exception {
    long c = community("capped");
    hearth.sql("INSERT INTO recognition_settings (community_id, caps) VALUES ($1, '{\"like\": 2}'::jsonb)", c);
    for (int i = 0; i < 4; i++) {
      like(c, "capped", BOB, i);
    }
    assertEquals(2, points(c, ANN, "like"), "two likes a day count, at 1 point each");
  }

  @Test
  void aLikeFromANonMemberEarnsNothing() throws Exception {
    long c = community("outsiders");
    like(c, "outsiders", CARL, 0);
    assertEquals(0, points(c, ANN, "like"));
    like(c, "outsiders", BOB, 0);
    assertEquals(1, points(c, ANN, "like"));
  }

  @Test
  void aBannedMembersLikesAreTakenBackWithTheReason() throws Exception {
    long c = community("banning");
    like(c, "banning", BOB, 0);
    assertEquals(1, points(c, ANN, "like"));
    hearth.sql("INSERT INTO member_events (community_id, actor_id, type) VALUES ($1, $2, 'banned')", c, BOB);
    var rows = hearth.sql("SELECT points, reason FROM points_ledger WHERE community_id = $1 AND actor_id = $2 "
        + "AND kind = 'reversal'", c, ANN);
    assertEquals(1, rows.size());
    assertEquals(-1, rows.get(0).getInteger(0));
    assertEquals("member_banned", rows.get(0).getString(1));
    assertEquals(5, hearth.sql("SELECT sum(points) FROM points_ledger WHERE community_id = $1 AND actor_id = $2", c, ANN)
        .get(0).getLong(0), "ann keeps her own post's points");
  }
}
