package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.hearth.core.port.PostingStandings;
import social.hearth.core.port.PostingStandings.Asked;
import social.hearth.core.port.PostingStandings.Standing;

/**
 * Decides, for a batch of received posts at once and with at most one query, which are clearly refused by the
 * posting policy, so that a flood of them costs next to nothing: a post addressed to no community, or whose every
 * community does not exist, bans its author, is archived, or lets only members (or moderators) post while its
 * author is not one.
 * It answers only for top-level, public or unlisted posts (what {@link PostIntake#accept} refuses by
 * {@link PostIntake#mayPost} alone); replies, direct messages and anything else are never screened here and take
 * the full path.
 */
public final class PostScreen {

  /** Why a post was refused, a stable code (a metrics label). */
  public enum Reason {
    /** It names no community here, or only communities that do not exist. */
    NO_COMMUNITY,
    /** Its author is banned from every community it names. */
    BANNED,
    /** Its author may not post in any community it names (not a member, or not a moderator of a channel). */
    NOT_MEMBER,
    /** Every community it names is archived: they take no posts. */
    ARCHIVED
  }

  /**
   * A top-level (not a reply), public or unlisted post by {@code author} for {@code communities} (slugs, already
   * narrowed to the community whose inbox it came to).
   */
  public record Candidate(String author, Set<String> communities) {}

  private final PostingStandings standings;

  public PostScreen(PostingStandings standings) {
    this.standings = standings;
  }

  /**
   * For each candidate in order, the reason it is refused, or null when some community may take it (it then goes
   * the full way: filters, publishing).
   */
  public Future<List<Reason>> refusals(List<Candidate> candidates) {
    Set<Asked> asked = new LinkedHashSet<>();
    for (Candidate c : candidates) {
      for (String slug : c.communities()) {
        asked.add(new Asked(slug, c.author()));
      }
    }
    Future<Map<Asked, Standing>> answers = asked.isEmpty() ? Future.succeededFuture(Collections.emptyMap())
        : standings.standings(asked);
    return answers.map(known -> {
      List<Reason> out = new ArrayList<>(candidates.size());
      for (Candidate c : candidates) {
        out.add(refusal(c, known));
      }
      return out;
    });
  }

  private static Reason refusal(Candidate c, Map<Asked, Standing> known) {
    Reason first = null;
    for (String slug : c.communities()) {
      Standing s = known.get(new Asked(slug, c.author()));
      Reason r = s == null ? null : refusal(s);
      if (r == null) {
        return null; // a community that may take it (or one not answered for): the full path decides
      }
      first = first == null ? r : first;
    }
    return first == null ? Reason.NO_COMMUNITY : first;
  }

  /** {@link PostIntake#mayPost} for a post that is not a reply, from the standing read in advance. */
  static Reason refusal(Standing s) {
    if (s.policy() == null) {
      return Reason.NO_COMMUNITY;
    }
    if (s.banned()) {
      return Reason.BANNED;
    }
    if (s.archived()) {
      return Reason.ARCHIVED;
    }
    return switch (s.policy()) {
      case ANYONE -> null;
      case MEMBERS -> s.member() ? null : Reason.NOT_MEMBER;
      case MODERATORS -> s.moderator() ? null : Reason.NOT_MEMBER;
    };
  }
}
