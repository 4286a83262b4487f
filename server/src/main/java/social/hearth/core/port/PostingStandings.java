package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import social.hearth.core.domain.Community;

/**
 * What the posting policy needs to know about many authors in many communities at once, read in one statement:
 * for each (community slug, author) asked, the community's posting policy and the author's standing in it.
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
}
