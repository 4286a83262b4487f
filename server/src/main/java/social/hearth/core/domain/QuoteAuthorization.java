package social.hearth.core.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A quote the community allowed (FEP-044f's QuoteAuthorization stamp): {@code requester}'s post
 * {@code interactingObject} may quote the community's {@code interactionTarget}. {@code requesterInbox} is where a
 * revocation goes. A revoked stamp ({@code revokedAt} set) is no longer served.
 */
public record QuoteAuthorization(UUID id, long communityId, String requester, String requesterInbox, String requesterHost,
                                 String interactingObject, String interactionTarget, OffsetDateTime createdAt,
                                 OffsetDateTime revokedAt) {}
