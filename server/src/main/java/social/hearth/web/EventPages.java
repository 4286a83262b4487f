package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.CalendarEntry;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.events.Events;
import social.hearth.core.port.MediaStore;

/**
 * The community's events for everyone: an event's page ({@code /c/{slug}/events/{key}}: when, where, who may come
 * and how to answer from any app), the calendar ({@code /c/{slug}/events}: a list of what is coming and what just
 * happened, or a month), and the calendar files ({@code /c/{slug}/events.ics}, {@code /c/{slug}/events/{key}.ics}),
 * each with a {@code webcal:} link to subscribe.
 */
public final class EventPages {

  private final Pages pages;
  private final Auth auth;
  private final CommunityHeader header;
  private final Events events;
  private final MediaStore media;
  private final Clock clock;

  public EventPages(Pages pages, Auth auth, CommunityService communities, Events events, MediaStore media, Clock clock) {
    this.pages = pages;
    this.auth = auth;
    this.header = new CommunityHeader(pages, communities);
    this.events = events;
    this.media = media;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/c/:slug/events.ics").handler(this::calendarFile);
    router.getWithRegex("/c/(?<slug>[a-z0-9_.-]{1,64})/events/(?<key>[a-z0-9]{1,20})\\.ics").handler(this::eventFile);
    router.get("/c/:slug/events").handler(this::calendar);
    router.get("/c/:slug/events/:key").handler(this::event);
  }

  /** The webcal: address of a calendar file. */
  static String webcal(String url) {
    return url.replaceFirst("^https?://", "webcal://");
  }

  private void event(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    if (!key.matches("[a-z0-9]{1,20}")) {
      pages.error(ctx, 404);
      return;
    }
    String lang = Pages.lang(ctx);
    pages.handle(ctx, auth.session(ctx).compose(x -> header.community(ctx)).compose(c -> Future.all(
        events.get(c, key), media.info(c.id())).map(all -> {
          Map<String, Object> m = pages.model(ctx);
          header.communityModel(m, c, all.<Map<String, MediaRef>>resultAt(1));
          Event e = all.resultAt(0);
          m.put("event", view(c, e, lang));
          m.put("meta", header.meta(ctx, e.name() + " · " + c.name(), events.texts().when(lang, e),
              events.wire().eventPage(c, key), null));
          return m;
        })), m -> pages.render(ctx, "event", m));
  }

  /** What the event's page and the calendar list show of an event. */
  Map<String, Object> view(Community c, Event e, String lang) {
    Map<String, Object> v = new HashMap<>();
    v.put("key", e.key());
    v.put("iri", e.iri());
    v.put("name", e.name());
    v.put("html", Pages.safe(e.html()));
    v.put("when", events.texts().when(lang, e));
    v.put("placeName", e.placeName());
    v.put("placeAddress", e.placeAddress());
    v.put("onlineUrl", e.onlineUrl());
    v.put("capacity", e.capacity());
    v.put("remaining", e.remaining());
    v.put("going", e.going());
    v.put("full", e.full());
    v.put("joinMode", e.joinMode().name().toLowerCase(Locale.ROOT));
    v.put("cancelled", e.cancelled());
    v.put("ics", events.wire().eventIcs(c, e.key()));
    v.put("webcal", webcal(events.wire().eventIcs(c, e.key())));
    v.put("page", events.wire().eventPage(c, e.key()));
    return v;
  }

  private void calendar(RoutingContext ctx) {
    String lang = Pages.lang(ctx);
    String monthParam = ctx.request().getParam("month");
    boolean monthView = "month".equals(ctx.request().getParam("view")) || monthParam != null;
    OffsetDateTime now = OffsetDateTime.now(clock);
    YearMonth month;
    try {
      month = monthParam == null ? YearMonth.from(now) : YearMonth.parse(monthParam);
    } catch (DateTimeParseException e) {
      pages.error(ctx, 404);
      return;
    }
    OffsetDateTime from = monthView ? month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).minusDays(1)
        : now.minusDays(30);
    OffsetDateTime to = monthView ? month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).plusDays(1)
        : now.plusYears(1);
    pages.handle(ctx, auth.session(ctx).compose(x -> header.community(ctx)).compose(c -> Future.all(
        events.calendar(c, from, to), media.info(c.id())).map(all -> {
          Map<String, Object> m = pages.model(ctx);
          header.communityModel(m, c, all.<Map<String, MediaRef>>resultAt(1));
          List<CalendarEntry> list = all.resultAt(0);
          List<Map<String, Object>> upcoming = new ArrayList<>();
          List<Map<String, Object>> recent = new ArrayList<>();
          for (CalendarEntry e : list) {
            (e.end() != null && e.end().isBefore(now) ? recent : upcoming).add(entry(e, lang));
          }
          m.put("upcoming", upcoming);
          m.put("recent", recent);
          m.put("view", monthView ? "month" : "list");
          m.put("month", month.toString());
          m.put("monthName", month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, Locale.forLanguageTag(lang))
              + " " + month.getYear());
          m.put("prevMonth", month.minusMonths(1).toString());
          m.put("nextMonth", month.plusMonths(1).toString());
          m.put("weeks", monthView ? weeks(month, list, lang) : List.of());
          String ics = pages.uris().communityEventsIcs(c.slug());
          m.put("ics", ics);
          m.put("webcal", webcal(ics));
          m.put("meta", header.meta(ctx, pages.i18n().t(lang, "events.title") + " · " + c.name(),
              pages.i18n().t(lang, "events.meta", c.name()), pages.uris().community(c.slug()) + "/events", null));
          return m;
        })), m -> pages.render(ctx, "events", m));
  }

  private Map<String, Object> entry(CalendarEntry e, String lang) {
    Map<String, Object> v = new HashMap<>();
    v.put("name", e.name().isEmpty() ? e.url() : e.name());
    v.put("url", e.key() != null ? e.iri() : e.url());
    v.put("local", e.key() != null);
    v.put("place", e.place());
    v.put("cancelled", e.cancelled());
    ZonedDateTime start = e.start().atZoneSameInstant(zone(e.timezone()));
    v.put("when", start.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
        Locale.forLanguageTag(lang))) + (e.timezone() == null ? " UTC" : " (" + e.timezone() + ")"));
    v.put("day", start.toLocalDate());
    return v;
  }

  private static java.time.ZoneId zone(String id) {
    try {
      return id == null ? ZoneOffset.UTC : java.time.ZoneId.of(id);
    } catch (RuntimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** The month's weeks (Monday first), each day with the events that start on it in their own zone. */
  private List<List<Map<String, Object>>> weeks(YearMonth month, List<CalendarEntry> list, String lang) {
    Map<LocalDate, List<Map<String, Object>>> byDay = new LinkedHashMap<>();
    for (CalendarEntry e : list) {
      Map<String, Object> v = entry(e, lang);
      byDay.computeIfAbsent((LocalDate) v.get("day"), d -> new ArrayList<>()).add(v);
    }
    List<List<Map<String, Object>>> weeks = new ArrayList<>();
    LocalDate day = month.atDay(1).minusDays(month.atDay(1).getDayOfWeek().getValue() - 1L);
    while (!day.isAfter(month.atEndOfMonth())) {
      List<Map<String, Object>> week = new ArrayList<>();
      for (int i = 0; i < 7; i++, day = day.plusDays(1)) {
        Map<String, Object> cell = new HashMap<>();
        cell.put("date", day.getDayOfMonth());
        cell.put("iso", day.toString());
        cell.put("inMonth", YearMonth.from(day).equals(month));
        cell.put("events", byDay.getOrDefault(day, List.of()));
        week.add(cell);
      }
      weeks.add(week);
    }
    return weeks;
  }

  private void calendarFile(RoutingContext ctx) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    header.community(ctx).compose(c -> events.calendar(c, now.minusDays(30), now.plusYears(1))
            .map(list -> EventCalendars.write(c.name(), list, clock.instant())))
        .onSuccess(ics -> send(ctx, ics)).onFailure(e -> pages.error(ctx, e));
  }

  private void eventFile(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    header.community(ctx).compose(c -> events.get(c, key).map(e -> EventCalendars.write(c.name(), List.of(
            new CalendarEntry(e.iri(), e.key(), e.name(), e.html(), e.start(), e.end(), e.timezone(),
                place(e), e.iri(), e.cancelled(), e.updatedAt() == null ? e.createdAt() : e.updatedAt())),
            clock.instant())))
        .onSuccess(ics -> send(ctx, ics)).onFailure(e -> pages.error(ctx, e));
  }

  private static String place(Event e) {
    List<String> parts = new ArrayList<>();
    if (e.placeName() != null) {
      parts.add(e.placeName());
    }
    if (e.placeAddress() != null) {
      parts.add(e.placeAddress());
    }
    if (parts.isEmpty() && e.onlineUrl() != null) {
      parts.add(e.onlineUrl());
    }
    return String.join(", ", parts);
  }

  private static void send(RoutingContext ctx, String ics) {
    ctx.response().putHeader("Content-Type", "text/calendar; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=60").putHeader("Access-Control-Allow-Origin", "*").end(ics);
  }
}
