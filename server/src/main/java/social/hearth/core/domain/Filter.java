package social.hearth.core.domain;

import java.time.Instant;

/**
 * A community filter as stored: its kind, its configuration (as validated and normalised when saved), what it does
 * on a match, and whether it is on.
 *
 * @param action hold or reject
 */
public record Filter(long id, long communityId, String kind, FilterConfig config, String action, boolean enabled,
                     Instant updatedAt) {}
