package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * An invitation to join the staff by a one-time link ({@code /staff/join/{token}}; only the token's SHA-256 is
 * stored). {@code username} is null when the invitee picks one; {@code roles} are community slug and role pairs.
 */
public record StaffInvitation(long id, String username, boolean instanceAdmin, java.util.List<String[]> roles,
                              String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}
