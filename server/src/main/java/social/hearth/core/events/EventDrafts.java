package social.hearth.core.events;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Event;
import social.hearth.core.port.EventStore;
import social.hearth.core.text.Html;

/**
 * What staff send for an event, and its checks: every problem is a 400 naming the field, found before anything is
 * written. Times are given either with an offset ({@code 2025-06-14T18:00:00+02:00}) or as the wall time in the
 * event's zone ({@code 2025-06-14T18:00}).
 */
public final class EventDrafts {

  /** What staff send; on an edit, null fields stay as they are. */
  public record Draft(String name, String content, String startTime, String endTime, String timezone, String placeName,
                      String placeAddress, String onlineUrl, Integer capacity, String joinMode, String as,
                      List<Integer> reminderHours, String language) {}

  public static final int MAX_NAME = 200;
  public static final int MAX_CONTENT = 20_000;
  public static final int MAX_PLACE = 200;
  public static final int MAX_ADDRESS = 500;
  public static final int MAX_URL = 2_000;
  public static final int MAX_CAPACITY = 1_000_000;
  public static final List<Integer> DEFAULT_REMINDERS = List.of(24, 1);

  private EventDrafts() {}

  /** The checked fields of a new event ({@code before} null) or of an edit of {@code before}. */
  static EventStore.Fields check(Draft d, Event before, Clock clock) {
    String name = text("name", d.name(), before == null ? null : before.name(), MAX_NAME, true);
    String content = d.content() == null ? (before == null ? "" : before.markdown())
        : d.content().replace("\r\n", "\n").strip();
    if (content.length() > MAX_CONTENT) {
      throw CoreException.badRequest("content is " + content.length() + " characters long; at most " + MAX_CONTENT
          + " are allowed");
    }
    String tz = d.timezone() == null ? (before == null ? null : before.timezone()) : d.timezone().strip();
    if (tz == null || tz.isEmpty()) {
      throw CoreException.badRequest("timezone is required (an IANA time zone such as Europe/Berlin)");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw CoreException.badRequest("timezone: unknown time zone " + tz);
    }
    OffsetDateTime start = d.startTime() == null ? before == null ? null : before.start() : time("startTime", d.startTime(), zone);
    OffsetDateTime end = d.endTime() == null ? before == null ? null : before.end() : time("endTime", d.endTime(), zone);
    if (start == null) {
      throw CoreException.badRequest("startTime is required");
    }
    if (end == null) {
      throw CoreException.badRequest("endTime is required");
    }
    if (!end.isAfter(start)) {
      throw CoreException.badRequest("endTime must be after startTime");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (d.startTime() != null && start.isBefore(now.minusMinutes(1)) && before == null) {
      throw CoreException.badRequest("startTime " + start + " is in the past");
    }
    if (start.isAfter(now.plusYears(5))) {
      throw CoreException.badRequest("startTime must be within five years");
    }
    if (end.isAfter(start.plusDays(31))) {
      throw CoreException.badRequest("endTime must be within 31 days of startTime");
    }
    String placeName = text("location.name", d.placeName(), before == null ? null : before.placeName(), MAX_PLACE, false);
    String address = text("location.address", d.placeAddress(), before == null ? null : before.placeAddress(),
        MAX_ADDRESS, false);
    String online = d.onlineUrl() == null ? (before == null ? null : before.onlineUrl()) : url(d.onlineUrl());
    if (placeName == null && address == null && online == null) {
      throw CoreException.badRequest("location: give a place (location.name, location.address) or an onlineUrl");
    }
    Integer capacity = d.capacity() == null ? (before == null ? null : before.capacity()) : d.capacity();
    if (capacity != null && (capacity <= 0 || capacity > MAX_CAPACITY)) {
      throw CoreException.badRequest("capacity must be between 1 and " + MAX_CAPACITY + " (leave it out for no limit)");
    }
    Event.JoinMode mode = d.joinMode() == null ? (before == null ? Event.JoinMode.FREE : before.joinMode())
        : joinMode(d.joinMode());
    List<Integer> reminders = d.reminderHours() == null
        ? (before == null ? DEFAULT_REMINDERS : before.reminderHours()) : reminders(d.reminderHours());
    String language = d.language() == null || d.language().isBlank() ? (before == null ? null : before.language())
        : language(d.language());
    return new EventStore.Fields(name, content, Html.markdown(content), language, start, end, zone.getId(), placeName,
        address, online, capacity, mode, reminders);
  }

  /** free, members or approval. */
  public static Event.JoinMode joinMode(String value) {
    try {
      return Event.JoinMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CoreException.badRequest("joinMode must be free, members or approval");
    }
  }

  private static String text(String field, String value, String before, int max, boolean required) {
    String v = value == null ? before : value.strip();
    if (v != null && v.isEmpty()) {
      v = null;
    }
    if (v == null && required) {
      throw CoreException.badRequest(field + " is required");
    }
    if (v != null && v.length() > max) {
      throw CoreException.badRequest(field + " is " + v.length() + " characters long; at most " + max + " are allowed");
    }
    return v;
  }

  private static OffsetDateTime time(String field, String value, ZoneId zone) {
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).atZoneSameInstant(zone).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).atZone(zone).toOffsetDateTime();
      } catch (DateTimeParseException e2) {
        throw CoreException.badRequest(field + ": not a date and time (2025-06-14T18:00, optionally with an offset)");
      }
    }
  }

  private static String url(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return null;
    }
    if (v.length() > MAX_URL) {
      throw CoreException.badRequest("onlineUrl is longer than " + MAX_URL + " characters");
    }
    try {
      URI u = new URI(v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || u.getHost().isEmpty()) {
        throw CoreException.badRequest("onlineUrl must be an http or https address");
      }
    } catch (java.net.URISyntaxException e) {
      throw CoreException.badRequest("onlineUrl is not a valid address");
    }
    return v;
  }

  private static List<Integer> reminders(List<Integer> hours) {
    if (hours.size() > 3) {
      throw CoreException.badRequest("reminderHours: at most 3 reminders");
    }
    List<Integer> out = new ArrayList<>();
    for (Integer h : hours) {
      if (h == null || h < 1 || h > 24 * 30) {
        throw CoreException.badRequest("reminderHours: each is a number of hours from 1 to 720");
      }
      if (!out.contains(h)) {
        out.add(h);
      }
    }
    return out;
  }

  private static String language(String language) {
    String l = language.strip().toLowerCase(Locale.ROOT);
    if (!l.matches("[a-z]{2,3}")) {
      throw CoreException.badRequest("language must be a language code such as en or ru");
    }
    return l;
  }
}
