package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A remote account's membership of a community: a pending request (with the applicant's answer) or an accepted
 * member, its role, and when it expires (null: never).
 */
public record Member(long communityId, String actorId, String followId, State state, Role role, String answer,
                     OffsetDateTime joinedAt, OffsetDateTime acceptedAt, OffsetDateTime expiresAt) {

  public enum State { PENDING, ACCEPTED }

  public enum Role { MEMBER, MODERATOR }

  public boolean accepted() {
    return state == State.ACCEPTED;
  }
}
