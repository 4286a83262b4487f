package social.hearth.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.DigestSettings;

/**
 * When a scheduled digest is due, in the community's time zone: the period it covers is named by the local date of
 * its due time, which is what makes one digest per period (the claimed row's key).
 */
class DigestPeriodsTest {

  static DigestSettings daily(String time, String zone) {
    return new DigestSettings(true, "daily", time, 1, zone, null);
  }

  @Test
  void aDailyDigestIsDueAtItsLocalTimeTodayOnceThatHasPassedAndYesterdaysBefore() {
    DigestSettings s = daily("09:00", "Europe/Moscow");
    // 06:30 UTC is 09:30 in Moscow: today's is due
    assertEquals("2026-12-06T09:00+03:00[Europe/Moscow]",
        Digests.lastDue(s, OffsetDateTime.parse("2026-12-06T06:30:00Z")).toString());
    // 05:30 UTC is 08:30 in Moscow: still yesterday's
    assertEquals("2026-12-05T09:00+03:00[Europe/Moscow]",
        Digests.lastDue(s, OffsetDateTime.parse("2026-12-06T05:30:00Z")).toString());
  }

  @Test
  void aWeeklyDigestIsDueOnItsWeekday() {
    DigestSettings friday = new DigestSettings(true, "weekly", "18:30", 5, "UTC", null);
    // Sunday 6 December 2026: the last Friday 18:30 was 4 December
    assertEquals("2026-12-04T18:30Z[UTC]", Digests.lastDue(friday, OffsetDateTime.parse("2026-12-06T12:00:00Z")).toString());
    // Friday 11 December before 18:30: still the 4th
    assertEquals("2026-12-04T18:30Z[UTC]", Digests.lastDue(friday, OffsetDateTime.parse("2026-12-11T18:29:00Z")).toString());
    assertEquals("2026-12-11T18:30Z[UTC]", Digests.lastDue(friday, OffsetDateTime.parse("2026-12-11T18:30:00Z")).toString());
  }

  @Test
  void textFromMembersCannotAddLinksEmphasisOrMentionsToTheDigest() {
    assertEquals("see evil x for bold and @\u200bsomeone@\u200bhost", Digests.plain("see [evil](x) for **bold** and @someone@host"));
  }
}
