package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Attendee;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.events.EventDrafts;
import social.hearth.core.events.Events;
import social.hearth.core.events.Rsvps;

/**
 * The community's events for its staff: the list, the form (new or edit; a refused form comes back with what was typed
 * and the error next to its field), the attendees with counts, the people waiting for an approval event (accept or
 * refuse), and cancelling.
 */
public final class EventStaffPages {

  private static final List<String> FIELDS = List.of("name", "content", "startTime", "endTime", "timezone",
      "location", "onlineUrl", "capacity", "joinMode", "reminderHours");

  private final StaffSession staff;
  private final Pages pages;
  private final Events events;
  private final Rsvps rsvps;

  public EventStaffPages(StaffSession staff, Events events, Rsvps rsvps) {
    this.staff = staff;
    this.pages = staff.pages();
    this.events = events;
    this.rsvps = rsvps;
  }

  public void mount(Router router) {
    router.get("/staff/c/:slug/events").handler(this::list);
    router.get("/staff/c/:slug/events/new").handler(this::blank);
    router.post("/staff/c/:slug/events").handler(this::save);
    router.get("/staff/c/:slug/events/:key").handler(this::edit);
    router.post("/staff/c/:slug/events/:key").handler(this::save);
    router.post("/staff/c/:slug/events/:key/cancel").handler(ctx -> staff.act(ctx, false, (session, c) ->
        events.cancel(c, ctx.pathParam("key"), StaffSession.by(ctx)).map("event_cancelled"), EventStaffPages::back));
    router.post("/staff/c/:slug/events/:key/attendees/:action").handler(ctx -> {
      String action = ctx.pathParam("action");
      String actor = Forms.nz(ctx.request().getFormAttribute("actor"));
      String key = ctx.pathParam("key");
      staff.act(ctx, false, (session, c) -> !action.equals("accept") && !action.equals("refuse")
              ? Future.failedFuture(WebException.notFound())
              : rsvps.decide(c, key, actor, action.equals("accept"), StaffSession.by(ctx))
                  .map(o -> action.equals("accept") ? "attendee_accepted" : "attendee_refused"),
          c -> "/staff/c/" + c.slug() + "/events/" + key);
    });
  }

  private static String back(Community c) {
    return "/staff/c/" + c.slug() + "/events";
  }

  private void list(RoutingContext ctx) {
    String lang = Pages.lang(ctx);
    pages.handle(ctx, staff.community(ctx, false).compose(c -> events.list(c, null).map(list -> {
      Map<String, Object> m = staff.model(ctx, c, "events");
      OffsetDateTime now = OffsetDateTime.now();
      List<Map<String, Object>> upcoming = new ArrayList<>();
      List<Map<String, Object>> past = new ArrayList<>();
      for (Event e : list) {
        Map<String, Object> v = new HashMap<>();
        v.put("key", e.key());
        v.put("name", e.name());
        v.put("when", events.texts().when(lang, e));
        v.put("going", e.going());
        v.put("capacity", e.capacity());
        v.put("cancelled", e.cancelled());
        v.put("page", events.wire().eventPage(c, e.key()));
        (e.end().isBefore(now) ? past : upcoming).add(v);
      }
      m.put("upcoming", upcoming);
      m.put("past", past);
      m.put("calendar", pages.uris().community(c.slug()) + "/events");
      return m;
    })), m -> pages.render(ctx, "staff/events", m));
  }

  private void blank(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).map(c -> model(ctx, c, emptyForm(), null)),
        m -> pages.render(ctx, "staff/event", m));
  }

  private void edit(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> events.detail(c, ctx.pathParam("key")).map(d -> {
      Event e = d.event();
      Map<String, Object> form = emptyForm();
      form.put("key", e.key());
      form.put("name", e.name());
      form.put("content", e.markdown());
      form.put("startTime", e.start().atZoneSameInstant(e.zone()).toLocalDateTime().toString());
      form.put("endTime", e.end().atZoneSameInstant(e.zone()).toLocalDateTime().toString());
      form.put("timezone", e.timezone());
      form.put("placeName", e.placeName() == null ? "" : e.placeName());
      form.put("placeAddress", e.placeAddress() == null ? "" : e.placeAddress());
      form.put("onlineUrl", e.onlineUrl() == null ? "" : e.onlineUrl());
      form.put("capacity", e.capacity() == null ? "" : e.capacity().toString());
      form.put("joinMode", e.joinMode().name().toLowerCase(Locale.ROOT));
      form.put("reminderHours", String.join(", ", e.reminderHours().stream().map(String::valueOf).toList()));
      Map<String, Object> m = model(ctx, c, form, e);
      List<Map<String, Object>> going = new ArrayList<>();
      List<Map<String, Object>> pending = new ArrayList<>();
      for (Attendee a : d.attendees()) {
        (a.state() == Attendee.State.GOING ? going : pending).add(Map.of("actor", a.actorId(), "via", a.via()));
      }
      m.put("going", going);
      m.put("pending", pending);
      return m;
    })), m -> pages.render(ctx, "staff/event", m));
  }

  private void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String key = ctx.pathParam("key");
    Map<String, Object> form = emptyForm();
    form.put("key", key);
    for (String field : List.of("name", "content", "startTime", "endTime", "timezone", "placeName", "placeAddress",
        "onlineUrl", "capacity", "joinMode", "reminderHours")) {
      form.put(field, Forms.nz(f.get(field)).replace("\r\n", "\n"));
    }
    pages.handle(ctx, staff.community(ctx, false), c -> {
      EventDrafts.Draft d;
      try {
        d = draft(form);
      } catch (CoreException e) {
        failed(ctx, c, form, e);
        return;
      }
      Future<Event> done = key == null ? events.create(c, d, StaffSession.by(ctx))
          : events.edit(c, key, d, StaffSession.by(ctx));
      done.onSuccess(e -> StaffSession.redirect(ctx, StaffSession.withNotice("/staff/c/" + c.slug() + "/events/"
          + e.key(), key == null ? "event_created" : "event_saved"))).onFailure(e -> failed(ctx, c, form, e));
    });
  }

  private static EventDrafts.Draft draft(Map<String, Object> form) {
    String cap = ((String) form.get("capacity")).strip();
    Integer capacity;
    try {
      capacity = cap.isEmpty() ? null : Integer.valueOf(cap);
    } catch (NumberFormatException e) {
      throw CoreException.badRequest("capacity must be a whole number");
    }
    List<Integer> hours = new ArrayList<>();
    for (String h : ((String) form.get("reminderHours")).split("[,\\s]+")) {
      if (!h.isBlank()) {
        try {
          hours.add(Integer.valueOf(h.strip()));
        } catch (NumberFormatException e) {
          throw CoreException.badRequest("reminderHours: each is a number of hours");
        }
      }
    }
    return new EventDrafts.Draft((String) form.get("name"), (String) form.get("content"), (String) form.get("startTime"),
        (String) form.get("endTime"), (String) form.get("timezone"), (String) form.get("placeName"),
        (String) form.get("placeAddress"), (String) form.get("onlineUrl"), capacity, (String) form.get("joinMode"),
        null, hours, null);
  }

  private static Map<String, Object> emptyForm() {
    Map<String, Object> form = new HashMap<>();
    form.put("key", null);
    for (String field : List.of("name", "content", "startTime", "endTime", "placeName", "placeAddress", "onlineUrl",
        "capacity")) {
      form.put(field, "");
    }
    form.put("timezone", "");
    form.put("joinMode", "free");
    form.put("reminderHours", "24, 1");
    for (String field : FIELDS) {
      form.put("problem." + field, null);
    }
    return form;
  }

  private Map<String, Object> model(RoutingContext ctx, Community c, Map<String, Object> form, Event e) {
    Map<String, Object> m = staff.model(ctx, c, "events");
    m.put("form", form);
    m.put("modes", List.of("free", "members", "approval"));
    m.put("event", e == null ? null : Map.of("cancelled", e.cancelled(), "going", e.going(),
        "page", events.wire().eventPage(c, e.key()), "name", e.name()));
    m.put("going", List.of());
    m.put("pending", List.of());
    return m;
  }

  /** Shows the form again with the error next to the field the core named. */
  private void failed(RoutingContext ctx, Community c, Map<String, Object> form, Throwable e) {
    if (!(e instanceof CoreException ce) || ce.kind() == CoreException.Kind.NOT_FOUND) {
      pages.error(ctx, e);
      return;
    }
    String msg = ce.getMessage();
    String field = FIELDS.stream().filter(msg::startsWith).findFirst().orElse(msg.contains("cancelled") ? "name" : "location");
    form.put("problem." + field, "error.event." + field);
    form.put("problem.detail", msg);
    pages.render(ctx, ce.kind() == CoreException.Kind.CONFLICT ? 409 : 400, "staff/event", model(ctx, c, form, null));
  }
}
