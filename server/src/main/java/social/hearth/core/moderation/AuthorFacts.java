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
 */
public record AuthorFacts(Instant accountCreated, Instant memberSince, long acceptedPosts, Instant lastPostAt,
                          boolean domainLimited) {}
