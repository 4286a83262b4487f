package social.hearth.core.domain;

import java.time.OffsetDateTime;

/** A pre-approval: this account's Follow will be accepted, with the membership lasting until {@code grantUntil}. */
public record Preapproval(String actorId, Long inviteId, OffsetDateTime grantUntil, OffsetDateTime expiresAt) {}
