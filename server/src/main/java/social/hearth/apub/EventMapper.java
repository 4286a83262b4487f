package social.hearth.apub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.EventWire;
import social.hearth.core.port.Tx;
import social.hearth.db.OutboxStore;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The community's events on the wire (domain -> wire), in the shape FEP-8a8e describes and Mobilizon reads:
 * {@code Event} with {@code name}, {@code content} (HTML) and {@code contentMap}, {@code startTime} and
 * {@code endTime} with the offset of the event's zone, {@code timezone} (IANA), {@code location} (a {@code Place}
 * with {@code name} and a {@code PostalAddress}), the online link as a {@code Link} attachment named "Website" and
 * {@code isOnline}, {@code joinMode} ({@code free}, or {@code restricted} when staff approve or only members may come),
 * {@code maximumAttendeeCapacity}, {@code remainingAttendeeCapacity}, {@code participantCount} and {@code status}
 * (CONFIRMED, CANCELLED; also as {@code ical:status} as Mobilizon sends it). Mastodon shows an Event as its
 * {@code name}, its {@code summary} and a link (docs/federation.md, "Events"): the summary is the plain line with the
 * date, time, place and how to answer. Also the answers to Joins: {@code Accept} or {@code Reject} with the Join
 * embedded (its id, actor and object), to the person who asked.
 */
public final class EventMapper implements EventWire {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final Uris uris;
  private final OutboxStore outbox;
  private final Clock clock;

  public EventMapper(Uris uris, OutboxStore outbox, Clock clock) {
    this.uris = uris;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public String eventIri(Community c, String key) {
    return uris.communityEvent(c.slug(), key);
  }

  @Override
  public String groupIri(Community c) {
    return uris.community(c.slug());
  }

  @Override
  public String eventPage(Community c, String key) {
    return eventIri(c, key);
  }

  @Override
  public String eventIcs(Community c, String key) {
    return eventIri(c, key) + ".ics";
  }

  /** The community's calendar file. */
  public String calendarIcs(Community c) {
    return uris.communityEventsIcs(c.slug());
  }

  @Override
  public String event(Community c, Event e, String summary) {
    return node(c, e, summary).toString();
  }

  ObjectNode node(Community c, Event e, String summary) {
    ObjectNode ev = JsonLimits.MAPPER.createObjectNode();
    ArrayNode context = ev.putArray("@context").add(As.NS);
    context.addObject().put("schema", "http://schema.org#").put("mz", "https://joinmobilizon.org/ns#")
        .put("ical", "http://www.w3.org/2002/12/cal/ical#")
        .put("PostalAddress", "schema:PostalAddress").put("streetAddress", "schema:streetAddress")
        .put("address", "schema:address").put("timezone", "mz:timezone").put("isOnline", "mz:isOnline")
        .put("joinMode", "mz:joinMode").put("participantCount", "mz:participantCount")
        .put("maximumAttendeeCapacity", "schema:maximumAttendeeCapacity")
        .put("remainingAttendeeCapacity", "schema:remainingAttendeeCapacity")
        .put("commentsEnabled", "mz:commentsEnabled").put("status", "ical:status")
        .put("sensitive", "as:sensitive");
    String group = uris.community(c.slug());
    ev.put("id", e.iri());
    ev.put("type", "Event");
    ev.put("attributedTo", group);
    ev.put("audience", group);
    ev.putArray("to").add(As.PUBLIC);
    ev.putArray("cc").add(uris.communityFollowers(c.slug()));
    ev.put("name", e.name());
    ev.put("summary", summary);
    ev.put("sensitive", false);
    ev.put("content", e.html());
    ev.put("mediaType", "text/html");
    if (e.language() != null) {
      ev.putObject("contentMap").put(e.language(), e.html());
    }
    ev.putObject("source").put("content", e.markdown()).put("mediaType", "text/markdown");
    ev.put("startTime", TIME.format(e.start().atZoneSameInstant(e.zone()).toOffsetDateTime()));
    ev.put("endTime", TIME.format(e.end().atZoneSameInstant(e.zone()).toOffsetDateTime()));
    ev.put("timezone", e.timezone());
    if (e.placeName() != null || e.placeAddress() != null) {
      ObjectNode place = ev.putObject("location");
      place.put("type", "Place");
      place.put("name", e.placeName() != null ? e.placeName() : e.placeAddress());
      if (e.placeAddress() != null) {
        place.putObject("address").put("type", "PostalAddress").put("streetAddress", e.placeAddress());
      }
    }
    ArrayNode attachments = ev.putArray("attachment");
    if (e.onlineUrl() != null) {
      attachments.addObject().put("type", "Link").put("href", e.onlineUrl()).put("mediaType", "text/html")
          .put("name", "Website");
    }
    ev.put("isOnline", e.onlineUrl() != null && e.placeName() == null && e.placeAddress() == null);
    ev.put("joinMode", e.joinMode() == Event.JoinMode.FREE ? "free" : "restricted");
    if (e.capacity() != null) {
      ev.put("maximumAttendeeCapacity", e.capacity());
      ev.put("remainingAttendeeCapacity", e.remaining());
    }
    ev.put("participantCount", e.going());
    String status = e.status().name().toUpperCase(Locale.ROOT);
    ev.put("status", status);
    ev.put("ical:status", status);
    ev.put("commentsEnabled", true);
    ev.put("url", e.iri());
    ev.put("published", utc(e.createdAt()));
    if (e.updatedAt() != null) {
      ev.put("updated", utc(e.updatedAt()));
    }
    return ev;
  }

  @Override
  public Future<Void> answerJoin(Tx tx, Community c, Event e, String joinId, RemoteActor who, boolean accept) {
    String type = accept ? "Accept" : "Reject";
    ObjectNode answer = JsonLimits.MAPPER.createObjectNode();
    answer.putArray("@context").add(As.NS);
    answer.put("id", uris.newActivity());
    answer.put("type", type);
    answer.put("actor", uris.community(c.slug()));
    answer.put("published", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode join = answer.putObject("object");
    join.put("id", joinId);
    join.put("type", "Join");
    join.put("actor", who.id());
    join.put("object", e.iri());
    answer.putArray("to").add(who.id());
    String iri = answer.get("id").asText();
    return outbox.insertActivity(tx, iri, c.id(), type, joinId, answer.toString(), OutboxStore.Visibility.PRIVATE)
        .compose(id -> outbox.enqueue(tx, id, who.inbox(), who.host()));
  }

  private static String utc(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant().toString();
  }
}
