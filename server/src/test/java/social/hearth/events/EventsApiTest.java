package social.hearth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * Staff publish an event through the admin API: it is served as an Event Mobilizon reads, listed on the community's
 * page and calendar, written to .ics files that a calendar library reads back with their time zone; bad input is
 * refused with the reason; an edit sends an Update and a cancellation marks it CANCELLED.
 */
class EventsApiTest {

  static TestHearth hearth;
  static final String EVENTS = "/api/v1/admin/communities/gardeners/events";
  static final LocalDate DAY = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(20);

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    hearth.createCommunity("gardeners", "Gardeners");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  static String body(String name, String start, String end, String zone) {
    return "{\"name\":\"" + name + "\",\"content\":\"Bring **gloves**.\",\"startTime\":\"" + start + "\",\"endTime\":\""
        + end + "\",\"timezone\":\"" + zone + "\",\"location\":{\"name\":\"Community garden\",\"address\":\"Hauptstr. 1, Berlin\"},"
        + "\"capacity\":20,\"joinMode\":\"free\"}";
  }

  static JsonNode create(String name) throws Exception {
    HttpResponse<String> r = hearth.admin("POST", EVENTS, body(name, DAY + "T18:00", DAY + "T20:30", "Europe/Berlin"),
        TestHearth.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.body());
    return TestHearth.JSON.readTree(r.body());
  }

  @Test
  void aNewEventIsServedAsAnEventWithItsZonePlaceAndCapacity() throws Exception {
    JsonNode created = create("Spring planting");
    String iri = created.get("id").asText();
    assertTrue(created.get("ics").asText().endsWith("/events/" + created.get("key").asText() + ".ics"));
    JsonNode ev = hearth.getJson(iri);
    assertEquals("Event", ev.get("type").asText());
    assertEquals("Spring planting", ev.get("name").asText());
    ZonedDateTime start = DAY.atTime(18, 0).atZone(ZoneId.of("Europe/Berlin"));
    assertEquals(start.toOffsetDateTime(), OffsetDateTime.parse(ev.get("startTime").asText()));
    assertEquals("Europe/Berlin", ev.get("timezone").asText());
    assertEquals("Place", ev.at("/location/type").asText());
    assertEquals("Hauptstr. 1, Berlin", ev.at("/location/address/streetAddress").asText());
    assertEquals(20, ev.get("maximumAttendeeCapacity").asInt());
    assertEquals(20, ev.get("remainingAttendeeCapacity").asInt());
    assertEquals(0, ev.get("participantCount").asInt());
    assertEquals("free", ev.get("joinMode").asText());
    assertEquals("CONFIRMED", ev.get("status").asText());
    // what Mastodon shows: the name, the summary (date, time, zone, place, how to answer) and the link
    String summary = ev.get("summary").asText();
    assertTrue(summary.contains("18:00–20:30") && summary.contains("Europe/Berlin") && summary.contains("Community garden"),
        summary);
    assertTrue(summary.contains("going"), summary);
    // the community's Create{Event} went out and the community page lists it
    assertFalse(hearth.sql("SELECT 1 FROM activities WHERE type = 'Create' AND object_id = $1", iri).isEmpty());
    String page = hearth.get(hearth.base + "/c/gardeners", "text/html").body();
    assertTrue(page.contains("Spring planting"), "the community page shows the event");
    String calendar = hearth.get(hearth.base + "/c/gardeners/events", "text/html").body();
    assertTrue(calendar.contains("Spring planting") && calendar.contains("webcal://"), "the calendar lists it");
    String eventPage = hearth.get(iri, "text/html").body();
    assertTrue(eventPage.contains("Spring planting") && eventPage.contains("going"), "the event page tells how to come");
  }

  @Test
  void theCalendarFilesAreReadBackWithTheirTimeZone() throws Exception {
    JsonNode created = create("Seed swap");
    HttpResponse<String> one = hearth.get(created.get("ics").asText(), "text/calendar");
    assertEquals(200, one.statusCode());
    assertTrue(one.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
    ICalendar ical = Biweekly.parse(one.body()).first();
    assertNotNull(ical, one.body());
    assertTrue(ical.validate(ICalVersion.V2_0).isEmpty(), ical.validate(ICalVersion.V2_0).toString());
    VEvent ev = ical.getEvents().get(0);
    assertEquals("Seed swap", ev.getSummary().getValue());
    assertEquals(created.get("id").asText(), ev.getUid().getValue());
    assertEquals(DAY.atTime(18, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant(), ev.getDateStart().getValue().toInstant());
    assertTrue(one.body().contains("DTSTART;TZID=Europe/Berlin:"), one.body());
    List<VTimezone> zones = new java.util.ArrayList<>(ical.getTimezoneInfo().getComponents());
    assertEquals(1, zones.size());
    assertEquals("Europe/Berlin", zones.get(0).getTimezoneId().getValue());
    assertTrue(ev.getLocation().getValue().contains("Community garden"));

    ICalendar all = Biweekly.parse(hearth.get(hearth.base + "/c/gardeners/events.ics", "text/calendar").body()).first();
    assertTrue(all.getEvents().stream().anyMatch(e -> e.getSummary().getValue().equals("Seed swap")));
    assertTrue(all.validate(ICalVersion.V2_0).isEmpty(), all.validate(ICalVersion.V2_0).toString());
  }

  @Test
  void badEventsAreRefusedWithTheReason() throws Exception {
    assertRefused(body("X", DAY + "T20:00", DAY + "T18:00", "Europe/Berlin"), "endTime must be after startTime");
    assertRefused(body("X", DAY + "T18:00", DAY + "T20:00", "Mars/Olympus"), "unknown time zone");
    assertRefused(body("X", DAY + "T18:00", DAY + "T20:00", "Europe/Berlin").replace("\"capacity\":20", "\"capacity\":0"),
        "capacity");
    assertRefused(body("X", DAY + "T18:00", DAY + "T20:00", "Europe/Berlin").replace("\"joinMode\":\"free\"",
        "\"joinMode\":\"free\",\"onlineUrl\":\"javascript:alert(1)\""), "onlineUrl");
    assertRefused(body("x".repeat(201), DAY + "T18:00", DAY + "T20:00", "Europe/Berlin"), "name is 201 characters");
    assertRefused(body("X", "2001-01-01T18:00", "2001-01-01T20:00", "Europe/Berlin"), "in the past");
    assertEquals(0, hearth.sql("SELECT 1 FROM events WHERE name = 'X'").size(), "nothing was written");
  }

  static void assertRefused(String body, String reason) throws Exception {
    HttpResponse<String> r = hearth.admin("POST", EVENTS, body, TestHearth.ADMIN_TOKEN);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains(reason), r.body());
  }

  @Test
  void anEditSendsAnUpdateAndACancellationMarksItCancelled() throws Exception {
    JsonNode created = create("Compost workshop");
    String key = created.get("key").asText();
    String iri = created.get("id").asText();
    HttpResponse<String> edited = hearth.admin("PATCH", EVENTS + "/" + key,
        "{\"name\":\"Compost workshop (moved)\",\"startTime\":\"" + DAY + "T17:00\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(200, edited.statusCode(), edited.body());
    assertEquals("Compost workshop (moved)", hearth.getJson(iri).get("name").asText());
    assertEquals(1, hearth.sql("SELECT 1 FROM activities WHERE type = 'Update' AND object_id = $1", iri).size());
    HttpResponse<String> cancelled = hearth.admin("DELETE", EVENTS + "/" + key, null, TestHearth.ADMIN_TOKEN);
    assertEquals(200, cancelled.statusCode(), cancelled.body());
    assertEquals("cancelled", TestHearth.JSON.readTree(cancelled.body()).get("status").asText());
    JsonNode ev = hearth.getJson(iri);
    assertEquals("CANCELLED", ev.get("status").asText());
    assertEquals(2, hearth.sql("SELECT 1 FROM activities WHERE type = 'Update' AND object_id = $1", iri).size());
    JsonNode got = TestHearth.JSON.readTree(hearth.admin("GET", EVENTS + "/" + key, null, TestHearth.ADMIN_TOKEN).body());
    assertEquals(0, got.get("attendeeCount").asInt());
    assertTrue(got.get("attendees").isArray());
    assertEquals(409, hearth.admin("PATCH", EVENTS + "/" + key, "{\"name\":\"Again\"}", TestHearth.ADMIN_TOKEN)
        .statusCode());
  }
}
