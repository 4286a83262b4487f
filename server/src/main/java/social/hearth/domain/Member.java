package social.hearth.domain;

import java.time.OffsetDateTime;

/** A remote account that follows (has joined) a community. */
public record Member(long communityId, String actorId, String followId, String state, OffsetDateTime joinedAt) {}
