package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;

/**
 * What the posting policy needs to know about many authors in many communities at once, read in one statement:
 * for each (community slug, author) asked, the community's posting policy and the author's standing in it; and,
 * for one post the posting policy may take, everything the way to accepting it reads, also in one statement.
 */
public interface PostingStandings {

  /** An author asked about in the community with this slug. */
  record Asked(String slug, String author) {}

  /**
   * The answer for one {@link Asked} pair.
   *
   * @param policy the community's posting policy, or null when there is no community with that slug
   * @param member the author is an accepted member
   * @param moderator the author is an accepted member with the moderator role
   * @param banned the author is banned from the community (a ban that has not run out)
   * @param archived the community is archived: it takes no posts
   */
  record Standing(Community.PostingPolicy policy, boolean member, boolean moderator, boolean banned, boolean archived) {

    /** The standing in a community that is not archived. */
    public Standing(Community.PostingPolicy policy, boolean member, boolean moderator, boolean banned) {
      this(policy, member, moderator, banned, false);
    }
  }

  /** Every pair asked, answered in one statement; a pair with no community has a standing with no policy. */
  Future<Map<Asked, Standing>> standings(Set<Asked> asked);

  /**
   * A post's author in one community, as the posting policy and the filters see them.
   *
   * @param community the community
   * @param deleted the author deleted the post before it arrived ({@link DeletedObjects})
   * @param banned the author is banned from the community (a ban that has not run out)
   * @param member the author's membership, in any state, if any
   * @param accountCreated when the author's account was created (its actor's {@code published}), if known
   * @param acceptedPosts how many of the author's posts the community accepted or approved before
   * @param lastPostAt when the author last posted there (accepted, approved or held), if ever
   * @param skipProbation the author's level lets them skip newcomer probation (issue 18)
   * @param skipSlowMode the author's level lets them skip slow mode (issue 18)
   */
  record Author(Community community, boolean deleted, boolean banned, Optional<Member> member, Instant accountCreated,
                long acceptedPosts, Instant lastPostAt, boolean skipProbation, boolean skipSlowMode) {

    /** An author whose level grants no privilege. */
    public Author(Community community, boolean deleted, boolean banned, Optional<Member> member, Instant accountCreated,
                  long acceptedPosts, Instant lastPostAt) {
      this(community, deleted, banned, member, accountCreated, acceptedPosts, lastPostAt, false, false);
    }
  }

  /**
   * The author of post {@code objectId} in the community with this slug, read in one statement; empty when there is
   * no such community.
   */
  Future<Optional<Author>> author(String slug, String author, String objectId);

  /** A post's author asked about in the community with this slug. */
  record Wanted(String slug, String author, String objectId) {}

  /**
   * {@link #author} for many posts at once, in one statement: the answers in the order asked (empty where there is no
   * such community). By default asked one by one.
   */
  default Future<java.util.List<Optional<Author>>> authors(java.util.List<Wanted> wanted) {
    java.util.List<Future<Optional<Author>>> each = new java.util.ArrayList<>();
    for (Wanted w : wanted) {
      each.add(author(w.slug(), w.author(), w.objectId()));
    }
    return Future.all(each).map(all -> all.<Optional<Author>>list());
  }
}
