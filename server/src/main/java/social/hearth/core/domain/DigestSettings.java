package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A community's digest: whether it is published on its own, daily or weekly, at what local time, on which weekday
 * (1 Monday .. 7 Sunday) for a weekly one, in which IANA time zone; {@code enabledAt}: when it was turned on (no
 * period before that is published).
 */
public record DigestSettings(boolean enabled, String frequency, String time, int weekday, String timezone,
                             OffsetDateTime enabledAt) {

  public static final DigestSettings DEFAULT = new DigestSettings(false, "daily", "09:00", 1, "UTC", null);
}
