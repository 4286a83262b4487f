package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * The inbox claim when several nodes share the queue: an actor's activities are handed out in arrival order, and a
 * later one is not handed to a node while another node still processes an earlier one of the same actor.
 */
class InboxClaimTest {

  static final String ANN = "https://a.example/users/ann";
  static final String BOB = "https://b.example/users/bob";
  static TestHearth hearth;
  static InboxStore store;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false);
    store = new InboxStore(hearth.hearth.database().pool());
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @BeforeEach
  void empty() {
    hearth.sql("DELETE FROM inbox");
  }

  static void stored(String activityId, String actor) {
    store.insert(activityId, "Create", actor, null, "{\"type\":\"Create\"}", null).await();
  }

  static List<String> claimed(int limit) {
    return store.claim(limit, Duration.ofMinutes(2)).await().stream().map(InboxStore.Item::activityId).toList();
  }

  @Test
  void aLaterActivityOfAnActorWaitsWhileAnotherNodeProcessesItsEarlierOne() {
    stored("ann-1", ANN);
    stored("ann-2", ANN);
    stored("bob-1", BOB);
    assertEquals(List.of("ann-1"), claimed(1), "node A takes the first");
    assertEquals(List.of("bob-1"), claimed(10), "node B may not take ann-2 while ann-1 is under A's lease");
    assertEquals(List.of(), claimed(10));
    store.done(List.of(hearth.sql("SELECT id FROM inbox WHERE activity_id = 'ann-1'").get(0).getLong(0))).await();
    assertEquals(List.of("ann-2"), claimed(10), "once ann-1 is done, ann-2 is free");
  }

  @Test
  void anActorsActivitiesClaimedTogetherComeInArrivalOrder() {
    stored("ann-1", ANN);
    stored("bob-1", BOB);
    stored("ann-2", ANN);
    stored("ann-3", ANN);
    assertEquals(List.of("ann-1", "bob-1", "ann-2", "ann-3"), claimed(10));
  }

  @Test
  void anEarlierActivityWaitingForItsRetryDoesNotHoldBackTheNextOnes() {
    stored("ann-1", ANN);
    stored("ann-2", ANN);
    long first = hearth.sql("SELECT id FROM inbox WHERE activity_id = 'ann-1'").get(0).getLong(0);
    assertEquals(List.of("ann-1"), claimed(1));
    store.retry(first, "peer unreachable", Duration.ofMinutes(5)).await();
    assertEquals(List.of("ann-2"), claimed(10));
  }

  @Test
  void anActivityLeftByADeadNodeIsClaimedAgainWithTheOnesThatWaitedForIt() {
    stored("ann-1", ANN);
    stored("ann-2", ANN);
    assertEquals(List.of("ann-1"), claimed(1));
    assertEquals(List.of(), claimed(10), "ann-2 waits for the lease");
    hearth.sql("UPDATE inbox SET locked_until = now() - interval '1 second' WHERE activity_id = 'ann-1'");
    assertEquals(List.of("ann-1", "ann-2"), claimed(10), "the lease ended: both, in order");
  }

  static final int CONTROL = social.hearth.apub.InboxLane.CONTROL.id();
  static final int CONTENT = social.hearth.apub.InboxLane.CONTENT.id();

  static void stored(String activityId, String type, String actor) {
    store.insert(activityId, type, actor, null, "{\"type\":\"" + type + "\"}", null,
        social.hearth.apub.InboxLane.of(type).id()).await();
  }

  static List<String> claimed(int lane, int limit) {
    return store.claim(lane, limit, Duration.ofMinutes(2)).await().stream().map(InboxStore.Item::activityId).toList();
  }

  @Test
  void aNewMembersFollowIsHandedOutAheadOfAFloodOfPosts() {
    for (int i = 0; i < 300; i++) {
      stored("spam-" + i, "Create", "https://spam" + (i % 30) + ".example/users/s");
    }
    stored("carol-follow", "Follow", "https://c.example/users/carol");
    assertEquals(List.of("carol-follow"), claimed(CONTROL, 64), "the control lane's worker gets the Follow at once");
    List<String> posts = claimed(CONTENT, 64);
    assertEquals(64, posts.size());
    assertEquals(List.of(), posts.stream().filter(id -> !id.startsWith("spam-")).toList(),
        "the content lane never hands out the Follow");
  }

  @Test
  void aDeleteNeverOvertakesTheCreateItDeletesThoughItsLaneIsFaster() {
    stored("ann-create", "Create", ANN);
    stored("ann-delete", "Delete", ANN);
    stored("bob-follow", "Follow", BOB);
    assertEquals(List.of("bob-follow"), claimed(CONTROL, 10), "ann's Delete waits for her Create");
    assertEquals(List.of("ann-create"), claimed(CONTENT, 10));
    store.done(List.of(hearth.sql("SELECT id FROM inbox WHERE activity_id = 'ann-create'").get(0).getLong(0))).await();
    assertEquals(List.of("ann-delete"), claimed(CONTROL, 10), "once the Create is done, the Delete follows");
  }

  @Test
  void aNewMembersFirstPostWaitsForTheirFollow() {
    stored("dan-follow", "Follow", "https://d.example/users/dan");
    stored("dan-post", "Create", "https://d.example/users/dan");
    assertEquals(List.of(), claimed(CONTENT, 10), "the post waits while the Follow is pending");
    assertEquals(List.of("dan-follow"), claimed(CONTROL, 10));
    store.done(List.of(hearth.sql("SELECT id FROM inbox WHERE activity_id = 'dan-follow'").get(0).getLong(0))).await();
    assertEquals(List.of("dan-post"), claimed(CONTENT, 10));
  }

  @Test
  void aBurstStoredAfterTheStatisticsWereGatheredIsClaimedThroughTheSendersIndexNotByReadingEveryPendingRow() {
    hearth.sql("INSERT INTO inbox (activity_id, type, actor_id, body, lane, state) SELECT 'old-' || g, 'Follow', "
        + "'https://old.example/users/u' || g, '{}', 0, 'done' FROM generate_series(1, 300) g");
    hearth.sql("ANALYZE inbox"); // what autovacuum last saw: nothing pending, every row a Follow
    hearth.sql("INSERT INTO inbox (activity_id, type, actor_id, body, lane) SELECT 'burst-' || g, 'Create', "
        + "'https://burst.example/users/u' || (g % 100), '{}', 1 FROM generate_series(1, 3000) g");
    assertEquals(0, hearth.sql("SELECT count(*) FROM pg_stats WHERE tablename = 'inbox' AND attname IN ('state', 'lane')")
        .get(0).getLong(0), "no statistics that can be stale on the columns the claim selects by");
    String plan = String.join("\n", hearth.sql("EXPLAIN " + InboxStore.CLAIM_LANE, 64, 120_000L, (short) 1).stream()
        .map(r -> r.getString(0)).toList());
    assertEquals(true, plan.contains("inbox_pending_lane"), plan);
    assertEquals(true, plan.contains("inbox_pending_by_actor"), "each candidate's earlier rows by its sender:\n" + plan);
    assertEquals(List.of("burst-1", "burst-2"), claimed(CONTENT, 64).subList(0, 2));
  }
}
