package social.hearth.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A report: a Flag from another server or a member's direct message, naming accounts and posts.
 *
 * @param communityId the community it concerns, or null when it concerns none here
 * @param community that community's slug, or null
 * @param state open, resolved or dismissed
 * @param source flag or message
 * @param resolution the action that resolved it (remove_post, remove_member, ban_member, dismiss), or null
 */
public record Report(long id, Long communityId, String community, String reporterId, List<String> accounts,
                     List<String> objects, String comment, String state, String source, Instant createdAt,
                     String resolution, String resolvedBy, boolean forwarded) {

  public boolean open() {
    return "open".equals(state);
  }
}
