package social.hearth.core.moderation;

import java.time.Instant;

/**
 * What is known about the author at the moment of the decision; stored with the decision so a dry-run replays
 * exactly what the filters saw.
 *
 * @param accountCreated when the remote account was created (its actor's {@code published}), or null if unknown
 * @param memberSince when the author became a member here, or null for non-members
 * @param acceptedPosts how many of the author's posts this community has accepted before
 * @param lastPostAt when the author last posted here (accepted or held), or null
 * @param domainLimited whether the author's server is limited by the instance's domain policy
 * @param skipProbation the author's level lets them skip newcomer probation (issue 18)
 * @param skipSlowMode the author's level lets them skip slow mode (issue 18)
 */
public record AuthorFacts(Instant accountCreated, Instant memberSince, long acceptedPosts, Instant lastPostAt,
                          boolean domainLimited, boolean skipProbation, boolean skipSlowMode) {

  /** Facts with no privilege of a level. */
  public AuthorFacts(Instant accountCreated, Instant memberSince, long acceptedPosts, Instant lastPostAt,
                     boolean domainLimited) {
    this(accountCreated, memberSince, acceptedPosts, lastPostAt, domainLimited, false, false);
  }

  /** These facts with the privileges of the author's level. */
  public AuthorFacts privileges(boolean probation, boolean slowMode) {
    return new AuthorFacts(accountCreated, memberSince, acceptedPosts, lastPostAt, domainLimited, probation, slowMode);
  }
}
