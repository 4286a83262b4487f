package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Attendee;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.events.EventDrafts;
import social.hearth.core.events.Events;
import social.hearth.core.events.Rsvps;

/**
 * The community's events: {@code /api/v1/admin/communities/{slug}/events} (docs/admin-api.md). POST creates and
 * publishes one, GET lists them, GET {@code /{key}} answers with its attendees, PATCH edits it (an Update goes out),
 * DELETE cancels it (status CANCELLED, attendees told); POST {@code /{key}/attendees/accept|refuse} decides on a
 * person waiting for an approval event.
 */
public final class EventsApi implements AdminApi.Feature {

  private static final String BY = "admin";

  private final CommunityService communities;
  private final Events events;
  private final Rsvps rsvps;

  public EventsApi(CommunityService communities, Events events, Rsvps rsvps) {
    this.communities = communities;
    this.events = events;
    this.rsvps = rsvps;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/events";
    router.post(root).handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> withDraft(ctx, true,
        d -> answer(ctx, 201, c -> events.create(c, d, BY).map(e -> event(c, e, null)))));
    router.get(root).handler(ctx -> answer(ctx, 200, c -> events.list(c, null).map(list -> {
      ObjectNode out = ApiCalls.object();
      ArrayNode items = out.putArray("items");
      list.forEach(e -> items.add(event(c, e, null)));
      return out;
    })));
    router.get(root + "/:key").handler(ctx -> answer(ctx, 200, c -> events.detail(c, ctx.pathParam("key"))
        .map(d -> event(c, d.event(), d.attendees()))));
    router.patch(root + "/:key").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> withDraft(ctx, false,
        d -> answer(ctx, 200, c -> events.edit(c, ctx.pathParam("key"), d, BY).map(e -> event(c, e, null)))));
    router.delete(root + "/:key").handler(ctx -> answer(ctx, 200, c -> events.cancel(c, ctx.pathParam("key"), BY)
        .map(e -> event(c, e, null))));
    router.post(root + "/:key/attendees/:action").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      String action = ctx.pathParam("action");
      String actor;
      try {
        if (!action.equals("accept") && !action.equals("refuse")) {
          throw CoreException.notFound("no such action: " + action);
        }
        actor = Json.text(Json.body(ctx), "actor", true);
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> rsvps.decide(c, ctx.pathParam("key"), actor, action.equals("accept"), BY)
          .compose(o -> events.detail(c, ctx.pathParam("key"))).map(d -> event(c, d.event(), d.attendees())));
    });
  }

  private void withDraft(RoutingContext ctx, boolean create, java.util.function.Consumer<EventDrafts.Draft> then) {
    EventDrafts.Draft d;
    try {
      d = draft(Json.body(ctx), create);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    then.accept(d);
  }

  /** The draft in a body; on an edit absent fields stay as they are. */
  static EventDrafts.Draft draft(JsonNode body, boolean create) {
    JsonNode location = body.get("location");
    String placeName = null;
    String placeAddress = null;
    if (location != null && !location.isNull()) {
      if (!location.isObject()) {
        throw CoreException.badRequest("location must be {\"name\": \"...\", \"address\": \"...\"}");
      }
      placeName = Json.text(location, "name", false);
      placeAddress = Json.text(location, "address", false);
      if (!create) {
        placeName = placeName == null ? "" : placeName;
        placeAddress = placeAddress == null ? "" : placeAddress;
      }
    }
    JsonNode cap = body.get("capacity");
    Integer capacity = null;
    if (cap != null && !cap.isNull()) {
      if (!cap.isIntegralNumber() || !cap.canConvertToInt()) {
        throw CoreException.badRequest("capacity must be a whole number (leave it out for no limit)");
      }
      capacity = cap.asInt();
    }
    List<Integer> reminders = null;
    JsonNode hours = body.get("reminderHours");
    if (hours != null && !hours.isNull()) {
      if (!hours.isArray()) {
        throw CoreException.badRequest("reminderHours must be an array of hours before the start, such as [24, 1]");
      }
      reminders = new ArrayList<>();
      for (JsonNode h : hours) {
        reminders.add(h.isInt() ? h.asInt() : -1);
      }
    }
    return new EventDrafts.Draft(Json.text(body, "name", create), Json.text(body, "content", false),
        Json.text(body, "startTime", create), Json.text(body, "endTime", create), Json.text(body, "timezone", create),
        placeName, placeAddress, Json.text(body, "onlineUrl", false), capacity, Json.text(body, "joinMode", false),
        Json.text(body, "as", false), reminders, Json.text(body, "language", false));
  }

  private ObjectNode event(Community c, Event e, List<Attendee> attendees) {
    ObjectNode o = ApiCalls.object();
    o.put("id", e.iri());
    o.put("key", e.key());
    o.put("url", events.wire().eventPage(c, e.key()));
    o.put("ics", events.wire().eventIcs(c, e.key()));
    o.put("name", e.name());
    o.put("content", e.markdown());
    o.put("startTime", e.start().atZoneSameInstant(e.zone()).toOffsetDateTime().toString());
    o.put("endTime", e.end().atZoneSameInstant(e.zone()).toOffsetDateTime().toString());
    o.put("timezone", e.timezone());
    ObjectNode location = o.putObject("location");
    location.put("name", e.placeName());
    location.put("address", e.placeAddress());
    o.put("onlineUrl", e.onlineUrl());
    if (e.capacity() == null) {
      o.putNull("capacity");
      o.putNull("remaining");
    } else {
      o.put("capacity", e.capacity());
      o.put("remaining", e.remaining());
    }
    o.put("joinMode", e.joinMode().name().toLowerCase(Locale.ROOT));
    o.put("status", e.status().name().toLowerCase(Locale.ROOT));
    o.put("as", e.author() == null ? "community" : e.author());
    ArrayNode hours = o.putArray("reminderHours");
    e.reminderHours().forEach(hours::add);
    o.put("attendeeCount", e.going());
    if (attendees != null) {
      o.put("pendingCount", attendees.stream().filter(a -> a.state() == Attendee.State.PENDING).count());
      ArrayNode list = o.putArray("attendees");
      for (Attendee a : attendees) {
        list.addObject().put("actor", a.actorId()).put("state", a.state().name().toLowerCase(Locale.ROOT))
            .put("via", a.via()).put("since", a.since().toString());
      }
    }
    return o;
  }

  private void answer(RoutingContext ctx, int status, Function<Community, Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, status, json)).onFailure(ctx::fail);
  }
}
