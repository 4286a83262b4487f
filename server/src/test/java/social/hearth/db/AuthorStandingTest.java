package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.AuthorFacts;
import social.hearth.core.moderation.Submission;
import social.hearth.core.moderation.Verdict;
import social.hearth.core.port.PostingStandings;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * The one statement the accept path reads before deciding on a post ({@link PostingStandings#author}): the
 * community, the author's membership and ban, a deletion that overtook the post, and the facts the filters read, each
 * what the separate reads it replaces ({@link PgMemberStore#find}, {@link PgBanStore#isBanned},
 * {@link PgDeletedObjects#deletedBy}, {@link PgModerationItems#facts}) say.
 */
class AuthorStandingTest {

  static final String ANN = "https://a.example/users/ann";
  static final String BOB = "https://b.example/users/bob";
  static TestHearth hearth;
  static PgPostingStandings standings;
  static long community;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false);
    standings = new PgPostingStandings(hearth.hearth.database().pool());
    hearth.createCommunity("standing", "Standing");
    community = hearth.sql("SELECT id FROM communities WHERE slug = 'standing'").get(0).getLong(0);
    for (String actor : List.of(ANN, BOB)) {
      hearth.sql("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ($1, 'Person', 'a.example', $2, "
          + "jsonb_build_object('published', '2020-05-01T10:00:00Z'))", actor, actor + "/inbox");
    }
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id, state, role, accepted_at) "
        + "VALUES ($1, $2, 'f', 'accepted', 'moderator', now())", community, ANN);
    hearth.sql("INSERT INTO members (community_id, actor_id, follow_id, state) VALUES ($1, $2, 'f', 'pending')", community, BOB);
    hearth.sql("INSERT INTO bans (community_id, actor_id, reason) VALUES ($1, $2, 'spam')", community, BOB);
    hearth.sql("INSERT INTO deleted_objects (object_id, origin, actor_id) VALUES ('https://b.example/notes/gone', "
        + "'https://b.example', $1)", BOB);
    new PgModerationItems(hearth.hearth.database().pool()).insert(community, "https://a.example/notes/1/activity",
        Submission.Kind.POST, "https://a.example/notes/1", ANN, new Verbatim("x", "{}"), new Verbatim("y", "{}"),
        Verdict.of(List.of()), new AuthorFacts(null, null, 0, null, false), "accepted").await();
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void aMemberInGoodStandingWithTheFactsTheFiltersRead() {
    PostingStandings.Author ann = standings.author("standing", ANN, "https://a.example/notes/2").await().orElseThrow();
    assertEquals(community, ann.community().id());
    assertEquals("standing", ann.community().slug());
    assertFalse(ann.banned());
    assertFalse(ann.deleted());
    assertEquals(Member.Role.MODERATOR, ann.member().orElseThrow().role());
    assertTrue(ann.member().orElseThrow().accepted());
    assertEquals(Instant.parse("2020-05-01T10:00:00Z"), ann.accountCreated());
    AuthorFacts facts = new PgModerationItems(hearth.hearth.database().pool()).facts(community, ANN, false).await();
    assertEquals(facts.acceptedPosts(), ann.acceptedPosts());
    assertEquals(1, ann.acceptedPosts());
    assertEquals(facts.lastPostAt(), ann.lastPostAt());
    assertEquals(ann.member().orElseThrow().acceptedAt().toInstant(), facts.memberSince());
  }

  @Test
  void aBannedRequesterWhoDeletedThePostBeforeItArrived() {
    PostingStandings.Author bob = standings.author("standing", BOB, "https://b.example/notes/gone").await().orElseThrow();
    assertTrue(bob.banned());
    assertTrue(bob.deleted(), "the Delete overtook the Create");
    assertFalse(bob.member().orElseThrow().accepted(), "a pending request");
    assertEquals(0, bob.acceptedPosts());
    assertNull(bob.lastPostAt());
    assertFalse(standings.author("standing", BOB, "https://b.example/notes/other").await().orElseThrow().deleted());
    assertFalse(standings.author("standing", ANN, "https://b.example/notes/gone").await().orElseThrow().deleted(),
        "only the author's own deletion counts");
  }

  @Test
  void aStrangerHasNoMembershipAndNoCommunityMeansNoAnswer() {
    PostingStandings.Author stranger = standings.author("standing", "https://c.example/users/cy", "https://c.example/n/1")
        .await().orElseThrow();
    assertTrue(stranger.member().isEmpty());
    assertNull(stranger.accountCreated(), "an actor we never fetched");
    assertTrue(standings.author("nowhere", ANN, "https://a.example/notes/2").await().isEmpty());
  }
}
