package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.AuthorFacts;
import social.hearth.core.moderation.Reason;
import social.hearth.core.moderation.Submission;
import social.hearth.core.moderation.Verdict;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * What the filters know of an author's posts in a community (newcomer probation counts the accepted ones, slow mode
 * looks at the last one) stays what the author's moderation history says, now that it is kept in a small row
 * (author_posting, V30) instead of counted on every post: after reviews, approvals, declines, deletions, and the
 * deletion of the community.
 */
class AuthorPostingTest {

  static final String ANN = "https://a.example/users/ann";
  static TestHearth hearth;
  static PgModerationItems items;
  static final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false);
    items = new PgModerationItems(hearth.hearth.database().pool());
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  static long community(String slug) throws Exception {
    hearth.createCommunity(slug, slug);
    return hearth.sql("SELECT id FROM communities WHERE slug = $1", slug).get(0).getLong(0);
  }

  /** Stores a review of a post by Ann, {@code minutesAgo} minutes ago, in a state; returns the item's id. */
  static long reviewed(long community, Submission.Kind kind, String state, int minutesAgo) {
    String n = "https://a.example/notes/" + ids.incrementAndGet();
    Verdict.Decision decision = switch (state) {
      case "held" -> Verdict.Decision.HOLD;
      case "rejected" -> Verdict.Decision.REJECT;
      default -> Verdict.Decision.ACCEPT;
    };
    long id = items.insert(community, n + "/activity", kind, n, ANN, new Verbatim(n + "/activity", "{}"),
        new Verbatim(n, "{}"), new Verdict(decision, List.<Reason>of()), new AuthorFacts(null, null, 0, null, false), state)
        .await().orElseThrow();
    hearth.sql("UPDATE moderation_items SET created_at = now() - $2 * interval '1 minute' WHERE id = $1", id, minutesAgo);
    return id;
  }

  static AuthorFacts facts(long community) {
    return items.facts(community, ANN, false).await();
  }

  /** The same facts counted from the whole history, as they were before the counters. */
  static String counted(long community) {
    Row r = hearth.sql("SELECT (SELECT count(*) FROM moderation_items WHERE community_id = $1 AND author_id = $2 "
        + "AND kind = 'post' AND state IN ('accepted', 'approved')), (SELECT max(created_at) FROM moderation_items "
        + "WHERE community_id = $1 AND author_id = $2 AND kind = 'post' AND state IN ('accepted', 'approved', 'held'))",
        community, ANN).get(0);
    return r.getLong(0) + " " + (r.getOffsetDateTime(1) == null ? null : r.getOffsetDateTime(1).toInstant());
  }

  static String kept(long community) {
    AuthorFacts f = facts(community);
    return f.acceptedPosts() + " " + f.lastPostAt();
  }

  static Instant at(long community, long item) {
    return hearth.sql("SELECT created_at FROM moderation_items WHERE id = $1", item).get(0).getOffsetDateTime(0).toInstant();
  }

  @Test
  void acceptedPostsAreCountedAndTheLastPostIsTheLatestAcceptedOrHeldOne() throws Exception {
    long c = community("counted");
    assertEquals(0, facts(c).acceptedPosts(), "nobody has posted");
    assertNull(facts(c).lastPostAt());
    reviewed(c, Submission.Kind.POST, "accepted", 30);
    long held = reviewed(c, Submission.Kind.POST, "held", 20);
    reviewed(c, Submission.Kind.POST, "rejected", 10);
    reviewed(c, Submission.Kind.LIKE, "accepted", 5);
    reviewed(c, Submission.Kind.UPDATE, "accepted", 4);
    assertEquals(1, facts(c).acceptedPosts(), "the accepted post; not the held or rejected one, nor likes and updates");
    assertEquals(at(c, held), facts(c).lastPostAt(), "the held post is the last post (slow mode)");
    assertEquals(counted(c), kept(c));
  }

  @Test
  void anApprovalCountsTheHeldPostAndADeclineForgetsIt() throws Exception {
    long c = community("decided");
    long first = reviewed(c, Submission.Kind.POST, "accepted", 30);
    long second = reviewed(c, Submission.Kind.POST, "held", 20);
    long third = reviewed(c, Submission.Kind.POST, "held", 10);
    items.decide(second, "approved", "mod").await();
    assertEquals(2, facts(c).acceptedPosts(), "an approved post counts as accepted");
    assertEquals(at(c, third), facts(c).lastPostAt());
    items.decide(third, "declined", "mod").await();
    assertEquals(2, facts(c).acceptedPosts());
    assertEquals(at(c, second), facts(c).lastPostAt(), "the declined post is no longer the last one");
    assertEquals(counted(c), kept(c));
    assertEquals(1, hearth.sql("SELECT 1 FROM moderation_items WHERE id = $1", first).size());
  }

  @Test
  void deletedItemsAreNoLongerCountedAndNothingIsLeftOnceTheCommunityIsDeleted() throws Exception {
    long c = community("forgetful");
    long first = reviewed(c, Submission.Kind.POST, "accepted", 30);
    long second = reviewed(c, Submission.Kind.POST, "accepted", 20);
    hearth.sql("DELETE FROM moderation_items WHERE id = $1", second);
    assertEquals(1, facts(c).acceptedPosts());
    assertEquals(at(c, first), facts(c).lastPostAt(), "the post before the deleted one");
    hearth.sql("DELETE FROM moderation_items WHERE id = $1", first);
    assertEquals(0, facts(c).acceptedPosts());
    assertNull(facts(c).lastPostAt());
    assertEquals(counted(c), kept(c));

    reviewed(c, Submission.Kind.POST, "accepted", 10);
    hearth.sql("DELETE FROM communities WHERE id = $1", c);
    assertEquals(0, hearth.sql("SELECT count(*) FROM author_posting WHERE community_id = $1", c).get(0).getLong(0));
  }

  @Test
  void theSameActivityReviewedTwiceCountsOnce() throws Exception {
    long c = community("once");
    String n = "https://a.example/notes/twice";
    for (int i = 0; i < 2; i++) {
      items.insert(c, n + "/activity", Submission.Kind.POST, n, ANN, new Verbatim(n + "/activity", "{}"), new Verbatim(n, "{}"),
          new Verdict(Verdict.Decision.ACCEPT, List.of()), new AuthorFacts(null, null, 0, null, false), "accepted").await();
    }
    assertEquals(1, facts(c).acceptedPosts(), "a redelivered Create is not a second post");
    assertEquals(counted(c), kept(c));
  }

  @Test
  void eachCommunityCountsItsOwn() throws Exception {
    long a = community("first-home");
    long b = community("second-home");
    reviewed(a, Submission.Kind.POST, "accepted", 3);
    reviewed(a, Submission.Kind.POST, "accepted", 2);
    reviewed(b, Submission.Kind.POST, "held", 1);
    assertEquals(2, facts(a).acceptedPosts());
    assertEquals(0, facts(b).acceptedPosts());
    assertEquals(counted(a), kept(a));
    assertEquals(counted(b), kept(b));
  }
}
