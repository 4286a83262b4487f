package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.TestHearth;

/**
 * An event against Fedify: members receive the community's Event; a Join is answered with Accept, a Join when the
 * event is full with Reject, Undo{Join} frees the place; a member of a Mastodon-like server answers by replying
 * "going" and gets a direct message; attendees are reminded before the start and told when it is cancelled.
 * Fedify records only activities whose signatures it verified.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyEventsTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String EVENTS = "/api/v1/admin/communities/meetups/events";
  static TestHearth hearth;
  static FedifyPeer peer;
  static String group;
  static String event;
  static String key;
  static String aliceJoin;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    group = hearth.createCommunity("meetups", "Meetups");
    String handle = "acct:meetups@" + URI.create(hearth.base).getAuthority();
    peer.follow("alice", handle, hearth.base);
    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("alice", "Accept", 1, WAIT).size());
    assertEquals(1, peer.received("bob", "Accept", 1, WAIT).size());
  }

  @AfterAll
  static void stop() throws Exception {
    peer.close();
    hearth.close();
  }

  static JsonNode detail() throws Exception {
    return TestHearth.JSON.readTree(hearth.admin("GET", EVENTS + "/" + key, null, TestHearth.ADMIN_TOKEN).body());
  }

  static JsonNode awaitDetail(Predicate<JsonNode> until) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode d = detail();
    while (!until.test(d) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      d = detail();
    }
    return d;
  }

  /** The direct messages (Create{Note}) a user received that contain {@code text}, waiting for at least one. */
  static List<JsonNode> messages(String user, String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<JsonNode> found = peer.received(user, "Create", 1, Duration.ofMillis(500)).stream()
          .filter(a -> "Note".equals(a.at("/object/type").asText()) && a.at("/object/content").asText().contains(text))
          .toList();
      if (!found.isEmpty() || System.nanoTime() > deadline) {
        return found;
      }
      Thread.sleep(200);
    }
  }

  @Test
  @Order(1)
  void membersReceiveTheEventWithItsDateAndPlace() throws Exception {
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(10);
    HttpResponse<String> r = hearth.admin("POST", EVENTS, "{\"name\":\"Board games night\",\"content\":\"Bring a game.\","
        + "\"startTime\":\"" + day + "T19:00\",\"endTime\":\"" + day + "T22:00\",\"timezone\":\"Europe/Moscow\","
        + "\"location\":{\"name\":\"Cafe Dom\",\"address\":\"Tverskaya 1\"},\"capacity\":1,\"joinMode\":\"free\"}",
        TestHearth.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.body());
    JsonNode created = TestHearth.JSON.readTree(r.body());
    event = created.get("id").asText();
    key = created.get("key").asText();
    JsonNode create = peer.received("alice", "Create", 1, WAIT).stream()
        .filter(a -> "Event".equals(a.at("/object/type").asText())).findFirst().orElseThrow();
    assertEquals(event, create.at("/object/id").asText());
    assertEquals("Board games night", create.at("/object/name").asText());
    assertEquals(day + "T19:00:00+03:00", create.at("/object/startTime").asText().replace("T19:00+", "T19:00:00+"));
    assertTrue(create.at("/object/summary").asText().contains("Cafe Dom"));
    assertEquals("Board games night", peer.lookup(event).at("/object/name").asText(), "Fedify reads the Event");
  }

  @Test
  @Order(2)
  void aJoinIsAcceptedAndAJoinWhenFullIsRejected() throws Exception {
    aliceJoin = peer.rsvp("alice", group, "Join", event, null).get("id").asText();
    JsonNode accept = peer.received("alice", "Accept", 2, WAIT).stream()
        .filter(a -> "Join".equals(a.at("/object/type").asText())).findFirst().orElseThrow();
    assertEquals(aliceJoin, accept.at("/object/id").asText());
    assertEquals(event, accept.at("/object/object").asText());
    assertEquals(group, accept.get("actor").asText());
    assertEquals(1, awaitDetail(d -> d.get("attendeeCount").asInt() == 1).get("attendeeCount").asInt());
    assertEquals(peer.actor("alice"), detail().at("/attendees/0/actor").asText());

    String bobJoin = peer.rsvp("bob", group, "Join", event, null).get("id").asText();
    JsonNode reject = peer.received("bob", "Reject", 1, WAIT).get(0);
    assertEquals(bobJoin, reject.at("/object/id").asText());
    assertEquals(1, detail().get("attendeeCount").asInt(), "the full event took nobody more");
    assertEquals(0, hearth.getJson(event).get("remainingAttendeeCapacity").asInt());
  }

  @Test
  @Order(3)
  void undoingTheJoinFreesThePlace() throws Exception {
    peer.rsvp("alice", group, "UndoJoin", event, aliceJoin);
    assertEquals(0, awaitDetail(d -> d.get("attendeeCount").asInt() == 0).get("attendeeCount").asInt());
  }

  @Test
  @Order(4)
  void aMastodonMemberAnswersByReplyingGoing() throws Exception {
    peer.reply("bob", group, event, "<p><span class=\"h-card\"><a href=\"" + group + "\">@meetups</a></span> Going!</p>");
    assertEquals(1, awaitDetail(d -> d.get("attendeeCount").asInt() == 1).get("attendeeCount").asInt());
    assertEquals(peer.actor("bob"), detail().at("/attendees/0/actor").asText());
    assertEquals("reply", detail().at("/attendees/0/via").asText());
    List<JsonNode> confirmed = messages("bob", "on the list");
    assertEquals(1, confirmed.size(), "bob is told he is on the list");
    assertEquals(peer.actor("bob"), confirmed.get(0).at("/object/to/0").asText());
  }

  @Test
  @Order(5)
  void attendeesAreRemindedAndToldOfTheCancellation() throws Exception {
    hearth.sql("UPDATE event_reminders SET due_at = now() - interval '1 minute' WHERE due_at = (SELECT min(due_at) "
        + "FROM event_reminders r JOIN events e ON e.id = r.event_id WHERE e.key = $1)", key);
    assertEquals(1, hearth.hearth.eventReminders().runOnce().toCompletionStage().toCompletableFuture().get());
    assertEquals(1, messages("bob", "Reminder").size());
    assertEquals(200, hearth.admin("DELETE", EVENTS + "/" + key, null, TestHearth.ADMIN_TOKEN).statusCode());
    JsonNode update = peer.received("alice", "Update", 1, WAIT).stream()
        .filter(a -> event.equals(a.at("/object/id").asText())).findFirst().orElseThrow();
    assertEquals("CANCELLED", update.at("/object/status").asText());
    assertEquals(1, messages("bob", "cancelled").size());
  }
}
