package social.hearth.core.authoring;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import social.hearth.core.CoreException;

/**
 * A recurrence rule: the subset of iCalendar's RRULE (RFC 5545) that rubric posts need, evaluated in a time zone.
 * {@code FREQ=DAILY|WEEKLY|MONTHLY} with {@code INTERVAL}, {@code BYDAY} (MO..SU; in a monthly rule also with an
 * ordinal, {@code 1MO}, {@code -1FR}), {@code BYMONTHDAY} (1..31, -1..-31), {@code BYHOUR} and {@code BYMINUTE}
 * (several values each). What a rule leaves out comes from its start, as in RFC 5545: the hour (the minute is 0),
 * the weekday of a weekly rule, the day of the month of a monthly one. Weeks start on Monday. A local time that a
 * daylight-saving change skips is moved forward by the gap; one it repeats is the earlier of the two.
 *
 * <p>Hearth evaluates rules itself: no iCalendar library is among the packages known to resolve here (see
 * docs/architecture.md, Decisions).
 */
public final class Recurrence {

  /** How far ahead an occurrence is looked for: a rule with none in ten years is refused. */
  static final int YEARS_AHEAD = 10;
  private static final Map<String, DayOfWeek> DAYS = Map.of("MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY,
      "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY, "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY,
      "SU", DayOfWeek.SUNDAY);

  /** How often the rule repeats. */
  public enum Freq { DAILY, WEEKLY, MONTHLY }

  /** A weekday, with an ordinal within the month (0: every such day). */
  record Day(int ordinal, DayOfWeek day) {}

  private final Freq freq;
  private final int interval;
  private final List<Day> byDay;
  private final List<Integer> byMonthDay;
  private final List<Integer> byHour;
  private final List<Integer> byMinute;

  private Recurrence(Freq freq, int interval, List<Day> byDay, List<Integer> byMonthDay, List<Integer> byHour,
                     List<Integer> byMinute) {
    this.freq = freq;
    this.interval = interval;
    this.byDay = byDay;
    this.byMonthDay = byMonthDay;
    this.byHour = byHour;
    this.byMinute = byMinute;
  }

  /** Parses a rule ({@code RRULE:} prefix optional); a 400 naming the part that is wrong. */
  public static Recurrence parse(String rule) {
    if (rule == null || rule.isBlank()) {
      throw bad("rrule is required, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=10");
    }
    String r = rule.strip();
    if (r.length() > 300) {
      throw bad("rrule is too long");
    }
    if (r.regionMatches(true, 0, "RRULE:", 0, 6)) {
      r = r.substring(6);
    }
    Freq freq = null;
    int interval = 1;
    List<Day> byDay = List.of();
    List<Integer> byMonthDay = List.of();
    List<Integer> byHour = List.of();
    List<Integer> byMinute = List.of();
    List<String> seen = new ArrayList<>();
    for (String part : r.split(";")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad("rrule part '" + part + "' is not NAME=VALUE");
      }
      String name = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
      String value = part.substring(eq + 1).strip().toUpperCase(Locale.ROOT);
      if (seen.contains(name)) {
        throw bad("rrule names " + name + " twice");
      }
      seen.add(name);
      switch (name) {
        case "FREQ" -> {
          try {
            freq = Freq.valueOf(value);
          } catch (IllegalArgumentException e) {
            throw bad("FREQ must be DAILY, WEEKLY or MONTHLY");
          }
        }
        case "INTERVAL" -> interval = number(value, 1, 366, "INTERVAL");
        case "BYDAY" -> byDay = days(value);
        case "BYMONTHDAY" -> byMonthDay = numbers(value, -31, 31, "BYMONTHDAY", true);
        case "BYHOUR" -> byHour = numbers(value, 0, 23, "BYHOUR", false);
        case "BYMINUTE" -> byMinute = numbers(value, 0, 59, "BYMINUTE", false);
        case "WKST" -> {
          if (!value.equals("MO")) {
            throw bad("only WKST=MO is supported");
          }
        }
        default -> throw bad("rrule part " + name + " is not supported (FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYHOUR, "
            + "BYMINUTE are)");
      }
    }
    if (freq == null) {
      throw bad("rrule needs FREQ (DAILY, WEEKLY or MONTHLY)");
    }
    if (freq != Freq.MONTHLY && byDay.stream().anyMatch(d -> d.ordinal() != 0)) {
      throw bad("a numbered BYDAY (like 1MO) needs FREQ=MONTHLY");
    }
    if (freq == Freq.WEEKLY && !byMonthDay.isEmpty()) {
      throw bad("BYMONTHDAY cannot be used with FREQ=WEEKLY");
    }
    return new Recurrence(freq, interval, byDay, byMonthDay, byHour, byMinute);
  }

  /** The time zone by its IANA name; a 400 otherwise. */
  public static ZoneId zone(String timezone) {
    if (timezone == null || timezone.isBlank()) {
      throw bad("timezone is required, e.g. Europe/Moscow");
    }
    try {
      return ZoneId.of(timezone.strip());
    } catch (DateTimeException e) {
      throw bad("timezone '" + timezone + "' is not a known time zone (use a name like Europe/Moscow)");
    }
  }

  /**
   * The first occurrence strictly after {@code after}, for a rule that started at {@code start} (its first period,
   * and the defaults for what the rule leaves out); null when there is none in the next ten years.
   */
  public OffsetDateTime next(ZoneId zone, OffsetDateTime start, OffsetDateTime after) {
    ZonedDateTime s = start.atZoneSameInstant(zone);
    ZonedDateTime from = (after.isBefore(start) ? start.minusNanos(1) : after).atZoneSameInstant(zone);
    List<LocalTime> times = times(s);
    LocalDate anchor = periodStart(s.toLocalDate());
    long skipped = periodsBetween(anchor, periodStart(from.toLocalDate()));
    long k = Math.max(0, skipped - Math.floorMod(skipped, interval));
    LocalDate limit = from.toLocalDate().plusYears(YEARS_AHEAD);
    for (LocalDate period = plusPeriods(anchor, k); !period.isAfter(limit); period = plusPeriods(period, interval)) {
      for (LocalDate day : days(period, s.toLocalDate())) {
        for (LocalTime time : times) {
          ZonedDateTime at = ZonedDateTime.ofLocal(LocalDateTime.of(day, time), zone, null);
          if (at.isAfter(from) && !at.toLocalDate().isBefore(s.toLocalDate())) {
            return at.toOffsetDateTime();
          }
        }
      }
    }
    return null;
  }

  private List<LocalTime> times(ZonedDateTime start) {
    TreeSet<LocalTime> out = new TreeSet<>();
    for (int h : byHour.isEmpty() ? List.of(start.getHour()) : byHour) {
      for (int m : byMinute.isEmpty() ? List.of(0) : byMinute) {
        out.add(LocalTime.of(h, m));
      }
    }
    return List.copyOf(out);
  }

  private LocalDate periodStart(LocalDate d) {
    return switch (freq) {
      case DAILY -> d;
      case WEEKLY -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTHLY -> d.withDayOfMonth(1);
    };
  }

  private long periodsBetween(LocalDate a, LocalDate b) {
    return switch (freq) {
      case DAILY -> ChronoUnit.DAYS.between(a, b);
      case WEEKLY -> ChronoUnit.WEEKS.between(a, b);
      case MONTHLY -> ChronoUnit.MONTHS.between(a, b);
    };
  }

  private LocalDate plusPeriods(LocalDate d, long n) {
    return switch (freq) {
      case DAILY -> d.plusDays(n);
      case WEEKLY -> d.plusWeeks(n);
      case MONTHLY -> d.plusMonths(n);
    };
  }

  /** The days of one period that the rule selects, in order. */
  private List<LocalDate> days(LocalDate period, LocalDate startDay) {
    List<LocalDate> out = new ArrayList<>();
    switch (freq) {
      case DAILY -> {
        if (dayMatches(period) && monthDayMatches(period)) {
          out.add(period);
        }
      }
      case WEEKLY -> {
        for (int i = 0; i < 7; i++) {
          LocalDate d = period.plusDays(i);
          if (byDay.isEmpty() ? d.getDayOfWeek() == startDay.getDayOfWeek() : dayMatches(d)) {
            out.add(d);
          }
        }
      }
      case MONTHLY -> {
        int length = period.lengthOfMonth();
        for (int i = 0; i < length; i++) {
          LocalDate d = period.plusDays(i);
          boolean byDays = byDay.isEmpty() || monthlyDayMatches(d);
          boolean byDates = byMonthDay.isEmpty() ? !byDay.isEmpty() || d.getDayOfMonth() == startDay.getDayOfMonth()
              : monthDayMatches(d);
          if (byDays && byDates) {
            out.add(d);
          }
        }
      }
    }
    return out;
  }

  private boolean dayMatches(LocalDate d) {
    return byDay.isEmpty() || byDay.stream().anyMatch(x -> x.day() == d.getDayOfWeek());
  }

  private boolean monthlyDayMatches(LocalDate d) {
    int nth = (d.getDayOfMonth() - 1) / 7 + 1;
    int fromEnd = -((d.lengthOfMonth() - d.getDayOfMonth()) / 7 + 1);
    return byDay.stream().anyMatch(x -> x.day() == d.getDayOfWeek()
        && (x.ordinal() == 0 || x.ordinal() == nth || x.ordinal() == fromEnd));
  }

  private boolean monthDayMatches(LocalDate d) {
    int length = d.lengthOfMonth();
    return byMonthDay.isEmpty() || byMonthDay.stream().anyMatch(n -> n > 0 ? n == d.getDayOfMonth()
        : length + n + 1 == d.getDayOfMonth());
  }

  private static List<Day> days(String value) {
    List<Day> out = new ArrayList<>();
    for (String v : value.split(",")) {
      String t = v.strip();
      if (t.length() < 2 || !DAYS.containsKey(t.substring(t.length() - 2))) {
        throw bad("BYDAY value '" + v + "' is not a day (MO, TU, WE, TH, FR, SA, SU, optionally numbered like 1MO or -1FR)");
      }
      String ord = t.substring(0, t.length() - 2);
      int n = ord.isEmpty() ? 0 : number(ord.startsWith("+") ? ord.substring(1) : ord, -5, 5, "BYDAY's number");
      Day day = new Day(n, DAYS.get(t.substring(t.length() - 2)));
      if (!out.contains(day)) {
        out.add(day);
      }
    }
    return List.copyOf(out);
  }

  private static List<Integer> numbers(String value, int min, int max, String name, boolean noZero) {
    List<Integer> out = new ArrayList<>();
    String[] parts = value.split(",");
    if (parts.length > 60) {
      throw bad(name + " has too many values");
    }
    for (String v : parts) {
      int n = number(v.strip(), min, max, name);
      if (noZero && n == 0) {
        throw bad(name + " cannot be 0");
      }
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  private static int number(String v, int min, int max, String name) {
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw bad(name + " must be a whole number from " + min + " to " + max);
  }

  private static CoreException bad(String message) {
    return CoreException.badRequest(message);
  }
}
