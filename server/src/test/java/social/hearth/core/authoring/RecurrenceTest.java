package social.hearth.core.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.hearth.core.CoreException;

/** The RRULE subset of rubric posts, evaluated in a community's time zone. */
class RecurrenceTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static List<String> occurrences(String rule, ZoneId zone, String start, int n) {
    Recurrence r = Recurrence.parse(rule);
    OffsetDateTime s = OffsetDateTime.parse(start);
    List<String> out = new ArrayList<>();
    OffsetDateTime at = s;
    for (int i = 0; i < n; i++) {
      at = r.next(zone, s, at);
      out.add(at.atZoneSameInstant(zone).toLocalDateTime().toString());
    }
    return out;
  }

  @Test
  void everyMondayAtTenInMoscow() {
    // 2026-03-04 is a Wednesday
    assertEquals(List.of("2026-03-09T10:00", "2026-03-16T10:00", "2026-03-23T10:00"),
        occurrences("FREQ=WEEKLY;BYDAY=MO;BYHOUR=10", MOSCOW, "2026-03-04T12:00:00+03:00", 3));
  }

  @Test
  void everyOtherWeekOnTwoDaysWithMinutes() {
    assertEquals(List.of("2026-03-04T18:30", "2026-03-16T18:30", "2026-03-18T18:30", "2026-03-30T18:30"),
        occurrences("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;BYHOUR=18;BYMINUTE=30", MOSCOW, "2026-03-04T12:00:00+03:00", 4));
  }

  @Test
  void monthlyOnTheFirstMondayAndOnTheLastDay() {
    assertEquals(List.of("2026-04-06T09:00", "2026-05-04T09:00"),
        occurrences("FREQ=MONTHLY;BYDAY=1MO;BYHOUR=9", MOSCOW, "2026-03-04T12:00:00+03:00", 2));
    assertEquals(List.of("2026-03-31T20:00", "2026-04-30T20:00", "2026-05-31T20:00"),
        occurrences("FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=20", MOSCOW, "2026-03-04T12:00:00+03:00", 3));
    assertEquals(List.of("2026-03-27T19:00", "2026-04-24T19:00"),
        occurrences("FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=19", MOSCOW, "2026-03-04T12:00:00+03:00", 2));
  }

  @Test
  void theThirtyFirstSkipsShortMonths() {
    assertEquals(List.of("2026-03-31T10:00", "2026-05-31T10:00"),
        occurrences("FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=10", MOSCOW, "2026-03-04T12:00:00+03:00", 2));
  }

  @Test
  void dailyAtSeveralHoursAndWhatTheRuleLeavesOutComesFromTheStart() {
    assertEquals(List.of("2026-03-04T13:00", "2026-03-04T20:00", "2026-03-05T08:00"),
        occurrences("FREQ=DAILY;BYHOUR=8,13,20", MOSCOW, "2026-03-04T12:00:00+03:00", 3));
    // no BYHOUR: the start's hour; no BYDAY in a weekly rule: the start's weekday
    assertEquals(List.of("2026-03-11T12:00", "2026-03-18T12:00"),
        occurrences("FREQ=WEEKLY", MOSCOW, "2026-03-04T12:30:00+03:00", 2));
  }

  @Test
  void localTimeHoldsAcrossDaylightSavingChanges() {
    // Berlin moves to summer time on 2026-03-29
    List<String> local = occurrences("FREQ=WEEKLY;BYDAY=SU;BYHOUR=10", BERLIN, "2026-03-20T12:00:00+01:00", 2);
    assertEquals(List.of("2026-03-22T10:00", "2026-03-29T10:00"), local);
    Recurrence r = Recurrence.parse("FREQ=WEEKLY;BYDAY=SU;BYHOUR=10");
    OffsetDateTime start = OffsetDateTime.parse("2026-03-20T12:00:00+01:00");
    OffsetDateTime second = r.next(BERLIN, start, r.next(BERLIN, start, start));
    assertEquals("2026-03-29T08:00Z", second.atZoneSameInstant(ZoneId.of("UTC")).toLocalDateTime() + "Z");
    // 02:30 does not exist on that day: it moves forward by the gap
    Recurrence gap = Recurrence.parse("FREQ=DAILY;BYHOUR=2;BYMINUTE=30");
    OffsetDateTime d = gap.next(BERLIN, OffsetDateTime.parse("2026-03-28T12:00:00+01:00"),
        OffsetDateTime.parse("2026-03-28T12:00:00+01:00"));
    assertEquals("2026-03-29T03:30", d.atZoneSameInstant(BERLIN).toLocalDateTime().toString());
  }

  @Test
  void aRuleWithNoOccurrenceSaysSo() {
    Recurrence never = Recurrence.parse("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30;BYHOUR=10");
    OffsetDateTime feb = OffsetDateTime.parse("2026-02-01T00:00:00Z");
    assertNull(never.next(ZoneId.of("UTC"), feb, feb), "every February 30th never comes");
  }

  @Test
  void badRulesAreRefusedWithTheirReason() {
    String[][] cases = {{"", "rrule is required"}, {"FREQ=YEARLY", "FREQ must be"}, {"BYHOUR=10", "needs FREQ"},
        {"FREQ=WEEKLY;BYDAY=XX", "not a day"}, {"FREQ=WEEKLY;BYHOUR=24", "BYHOUR must be"},
        {"FREQ=DAILY;COUNT=3", "COUNT is not supported"}, {"FREQ=WEEKLY;BYDAY=1MO", "needs FREQ=MONTHLY"},
        {"FREQ=WEEKLY;FREQ=DAILY", "twice"}, {"FREQ=MONTHLY;BYMONTHDAY=0", "cannot be 0"}};
    for (String[] c : cases) {
      CoreException e = assertThrows(CoreException.class, () -> Recurrence.parse(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
    }
    assertTrue(assertThrows(CoreException.class, () -> Recurrence.zone("Mars/Olympus")).getMessage().contains("time zone"));
  }
}
