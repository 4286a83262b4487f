package social.hearth.core.domain;

import java.time.OffsetDateTime;

/** An invite. {@code grantDays}: the membership it grants lasts that long (null: no expiry). */
public record Invite(long id, long communityId, String code, Integer maxUses, int uses, OffsetDateTime expiresAt,
                     Integer grantDays, String note, boolean revoked) {
  public boolean usable(OffsetDateTime now) {
    return !revoked && (expiresAt == null || expiresAt.isAfter(now)) && (maxUses == null || uses < maxUses);
  }
}
