package social.hearth.core.domain;

import java.time.Instant;

/**
 * A community filter as stored: its kind, its configuration (JSON text, as validated when saved), what it does on a
 * match, and whether it is on.
 *
 * @param config the configuration as JSON text
 * @param action hold or reject
 */
public record Filter(long id, long communityId, String kind, String config, String action, boolean enabled,
                     Instant updatedAt) {}
