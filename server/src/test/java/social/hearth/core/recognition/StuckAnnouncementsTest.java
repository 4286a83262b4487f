package social.hearth.core.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Announcements that cannot be sent (here: to accounts that cannot be read any more) wait before they are tried
 * again, so the ones behind them still go out: batches are taken oldest first, and more stuck ones than a batch once
 * held up every later announcement.
 */
class StuckAnnouncementsTest {

  @Test
  void announcementsThatCannotBeSentDoNotHoldUpANewMembersFirstPostAnnouncement() throws Exception {
    try (TestHearth hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), true)) {
      FakeActorServer masto = FakeActorServer.start(hearth.vertx, "127.0.0.157");
      try {
        String group = hearth.createCommunity("hall", "Hall");
        assertEquals(200, hearth.admin("PUT", "/api/v1/admin/communities/hall/announcements", "{\"announce\":\"dm\"}",
            TestHearth.ADMIN_TOKEN).statusCode());
        // more than a batch of announcements due for accounts that cannot be read, all earned before anything else
        hearth.sql("INSERT INTO member_achievements (community_id, actor_id, key, earned_at, announce) SELECT c.id, "
            + "'http://127.0.0.1:1/users/gone' || g, 'posts_1', now() - interval '1 day', 'dm' FROM communities c, "
            + "generate_series(1, " + (Announcements.BATCH + 6) + ") g WHERE c.slug = 'hall'");

        SigningKey mia = masto.addPerson("mia");
        Fediverse from = new Fediverse(hearth, masto);
        from.follow(mia, group);
        ObjectNode note = from.note(mia, group, "<p>Hello, hall!</p>", false);
        from.post(mia, note);
        boolean told = false;
        for (int i = 0; i < 600 && !told; i++) {
          told = masto.postsTo("/users/mia/inbox").stream().anyMatch(r -> r.body().contains("First post"));
          if (!told) {
            Thread.sleep(100);
          }
        }
        assertTrue(told, "mia is told of her first post although the older announcements cannot be sent");
        assertEquals(Announcements.BATCH + 6, hearth.sql("SELECT count(*) FROM member_achievements WHERE actor_id LIKE "
            + "'http://127.0.0.1:1/%' AND announced_at IS NULL").get(0).getLong(0), "the others still wait");
      } finally {
        masto.close();
      }
    }
  }
}
