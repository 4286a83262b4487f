package social.hearth.core.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.Community.PostingPolicy;
import social.hearth.core.port.PostingStandings;
import social.hearth.core.port.PostingStandings.Asked;
import social.hearth.core.port.PostingStandings.Standing;
import social.hearth.core.publishing.PostScreen.Candidate;
import social.hearth.core.publishing.PostScreen.Reason;

/** A batch of posts is screened by the posting policy with one statement, whatever its size. */
class PostScreenTest {

  /** The store as a table of standings, counting the statements asked of it. */
  static final class CountingStandings implements PostingStandings {
    final Map<Asked, Standing> table = new HashMap<>();
    final List<Set<Asked>> statements = new ArrayList<>();

    @Override
    public Future<Map<Asked, Standing>> standings(Set<Asked> asked) {
      statements.add(asked);
      Map<Asked, Standing> out = new HashMap<>();
      for (Asked a : asked) {
        out.put(a, table.getOrDefault(a, new Standing(null, false, false, false)));
      }
      return Future.succeededFuture(out);
    }

    @Override
    public Future<java.util.Optional<Author>> author(String slug, String author, String objectId) {
      throw new UnsupportedOperationException("the pre-screen reads only standings");
    }

    void put(String slug, String author, PostingPolicy policy, boolean member, boolean moderator, boolean banned) {
      table.put(new Asked(slug, author), new Standing(policy, member, moderator, banned));
    }
  }

  @Test
  void aFloodOfStrangersPostsIsRefusedWithOneStatementAndMembersPostsGoOn() {
    CountingStandings store = new CountingStandings();
    List<Candidate> batch = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String author = "https://spam.example/users/s" + i;
      store.put("club", author, PostingPolicy.MEMBERS, false, false, false);
      batch.add(new Candidate(author, Set.of("club")));
    }
    store.put("club", "https://ok.example/users/ann", PostingPolicy.MEMBERS, true, false, false);
    batch.add(new Candidate("https://ok.example/users/ann", Set.of("club")));

    List<Reason> reasons = new PostScreen(store).refusals(batch).await();

    assertEquals(1, store.statements.size(), "one statement for the whole batch");
    assertEquals(65, store.statements.get(0).size());
    for (int i = 0; i < 64; i++) {
      assertEquals(Reason.NOT_MEMBER, reasons.get(i));
    }
    assertEquals(null, reasons.get(64), "a member's post goes on to the filters");
  }

  @Test
  void eachPolicyRefusesOnlyWhomItShould() {
    CountingStandings store = new CountingStandings();
    store.put("club", "banned", PostingPolicy.ANYONE, true, false, true);
    store.put("open", "anyone", PostingPolicy.ANYONE, false, false, false);
    store.put("open", "member", PostingPolicy.ANYONE, false, false, false);
    store.put("news", "member", PostingPolicy.MODERATORS, true, false, false);
    store.put("news", "mod", PostingPolicy.MODERATORS, true, true, false);
    List<Reason> reasons = new PostScreen(store).refusals(List.of(
        new Candidate("banned", Set.of("club")),
        new Candidate("anyone", Set.of("open")),
        new Candidate("member", Set.of("news")),
        new Candidate("mod", Set.of("news")),
        new Candidate("nobody", Set.of("gone")),
        new Candidate("nobody", Set.of()),
        new Candidate("member", Set.of("news", "open")))).await();
    assertEquals(Reason.BANNED, reasons.get(0));
    assertEquals(null, reasons.get(1), "anyone may post in an open community");
    assertEquals(Reason.NOT_MEMBER, reasons.get(2), "a channel takes posts from its moderators only");
    assertEquals(null, reasons.get(3));
    assertEquals(Reason.NO_COMMUNITY, reasons.get(4), "no community with that name");
    assertEquals(Reason.NO_COMMUNITY, reasons.get(5), "it names no community");
    assertEquals(null, reasons.get(6), "refused only when every community it names refuses it");
    assertEquals(1, store.statements.size());
  }

  @Test
  void anArchivedCommunityRefusesEvenItsMembersAndModerators() {
    CountingStandings store = new CountingStandings();
    store.table.put(new Asked("attic", "member"), new Standing(PostingPolicy.MEMBERS, true, false, false, true));
    store.table.put(new Asked("attic", "mod"), new Standing(PostingPolicy.MODERATORS, true, true, false, true));
    store.put("open", "member", PostingPolicy.ANYONE, false, false, false);
    List<Reason> reasons = new PostScreen(store).refusals(List.of(new Candidate("member", Set.of("attic")),
        new Candidate("mod", Set.of("attic")), new Candidate("member", Set.of("attic", "open")))).await();
    assertEquals(Reason.ARCHIVED, reasons.get(0));
    assertEquals(Reason.ARCHIVED, reasons.get(1));
    assertEquals(null, reasons.get(2), "another community it names may take it");
  }

  @Test
  void aBatchThatNamesNoCommunityAsksNothing() {
    CountingStandings store = new CountingStandings();
    List<Reason> reasons = new PostScreen(store).refusals(List.of(new Candidate("a", Set.of()))).await();
    assertEquals(List.of(Reason.NO_COMMUNITY), reasons);
    assertEquals(0, store.statements.size());
  }
}
