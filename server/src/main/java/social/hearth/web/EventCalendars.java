package social.hearth.web;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.Status;
import biweekly.util.DateTimeComponents;
import biweekly.util.UtcOffset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import social.hearth.core.domain.CalendarEntry;
import social.hearth.core.text.Html;

/**
 * The community's events as iCalendar (RFC 5545), written with biweekly: one VEVENT per event with its start and end
 * in the event's own zone ({@code DTSTART;TZID=Europe/Berlin:...}) and a VTIMEZONE for each zone used, made from the
 * JDK's zone rules (every offset change from the year before the first event to the year after the last, so any
 * calendar application reads the times without a time-zone database of its own). Events without a zone (some
 * re-shared ones) are written in UTC.
 */
final class EventCalendars {

  private EventCalendars() {}

  /** The calendar of {@code entries}, named {@code name}. */
  static String write(String name, List<CalendarEntry> entries, Instant now) {
    ICalendar ical = new ICalendar();
    ical.setProductId("-//Hearth//Events//EN");
    ical.setMethod("PUBLISH");
    ical.setExperimentalProperty("X-WR-CALNAME", name);
    Map<String, TimezoneAssignment> zones = new HashMap<>();
    for (CalendarEntry e : entries) {
      VEvent ev = new VEvent();
      ev.setUid(e.iri());
      ev.setDateTimeStamp(Date.from(e.updated() == null ? now : e.updated().toInstant()));
      ev.setSummary(e.name().isEmpty() ? e.url() : e.name());
      String text = Html.text(e.description() == null ? "" : e.description());
      ev.setDescription((text.isEmpty() ? "" : text + "\n\n") + e.url());
      if (e.place() != null && !e.place().isEmpty()) {
        ev.setLocation(e.place());
      }
      ev.setUrl(e.url());
      ev.setStatus(e.cancelled() ? Status.cancelled() : Status.confirmed());
      DateStart start = ev.setDateStart(Date.from(e.start().toInstant()), true);
      OffsetDateTime endTime = e.end() == null ? e.start().plusHours(1) : e.end();
      DateEnd end = ev.setDateEnd(Date.from(endTime.toInstant()), true);
      ZoneId zone = zone(e.timezone());
      if (zone != null) {
        TimezoneAssignment tz = zones.computeIfAbsent(zone.getId(), id -> assignment(zone, entries));
        ical.getTimezoneInfo().setTimezone(start, tz);
        ical.getTimezoneInfo().setTimezone(end, tz);
      }
      ical.addEvent(ev);
    }
    return Biweekly.write(ical).go();
  }

  private static ZoneId zone(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      ZoneId z = ZoneId.of(id);
      return z instanceof ZoneOffset ? null : z;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The VTIMEZONE of a zone covering the events of the calendar that use it. */
  static TimezoneAssignment assignment(ZoneId zone, List<CalendarEntry> entries) {
    int from = Integer.MAX_VALUE;
    int to = Integer.MIN_VALUE;
    for (CalendarEntry e : entries) {
      if (zone.getId().equals(e.timezone())) {
        from = Math.min(from, e.start().getYear());
        to = Math.max(to, (e.end() == null ? e.start() : e.end()).getYear());
      }
    }
    return new TimezoneAssignment(TimeZone.getTimeZone(zone), vtimezone(zone, from - 1, to + 1));
  }

  /** Every offset change of the zone between two years, and the one in force at the start. */
  static VTimezone vtimezone(ZoneId zone, int fromYear, int toYear) {
    VTimezone vtz = new VTimezone(zone.getId());
    ZoneRules rules = zone.getRules();
    Instant start = LocalDateTime.of(fromYear, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    Instant end = LocalDateTime.of(toYear + 1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    ZoneOffsetTransition t = rules.previousTransition(start.plusSeconds(1));
    if (t == null) {
      ZoneOffset offset = rules.getOffset(start);
      StandardTime fixed = new StandardTime();
      fixed.setDateStart(new DateTimeComponents(1970, 1, 1, 0, 0, 0, false));
      fixed.setTimezoneOffsetFrom(utc(offset));
      fixed.setTimezoneOffsetTo(utc(offset));
      fixed.addTimezoneName(name(zone, false, start));
      vtz.addStandardTime(fixed);
      return vtz;
    }
    while (t != null && t.getInstant().isBefore(end)) {
      boolean daylight = rules.isDaylightSavings(t.getInstant());
      Observance o = daylight ? new DaylightSavingsTime() : new StandardTime();
      LocalDateTime local = t.getDateTimeBefore();
      o.setDateStart(new DateTimeComponents(local.getYear(), local.getMonthValue(), local.getDayOfMonth(),
          local.getHour(), local.getMinute(), local.getSecond(), false));
      o.setTimezoneOffsetFrom(utc(t.getOffsetBefore()));
      o.setTimezoneOffsetTo(utc(t.getOffsetAfter()));
      o.addTimezoneName(name(zone, daylight, t.getInstant()));
      if (daylight) {
        vtz.addDaylightSavingsTime((DaylightSavingsTime) o);
      } else {
        vtz.addStandardTime((StandardTime) o);
      }
      t = rules.nextTransition(t.getInstant());
    }
    return vtz;
  }

  private static UtcOffset utc(ZoneOffset offset) {
    return new UtcOffset(offset.getTotalSeconds() * 1000L);
  }

  private static String name(ZoneId zone, boolean daylight, Instant at) {
    return TimeZone.getTimeZone(zone).getDisplayName(daylight, TimeZone.SHORT, Locale.ROOT);
  }
}
