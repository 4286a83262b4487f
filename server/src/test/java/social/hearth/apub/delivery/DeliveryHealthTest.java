package social.hearth.apub.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Row;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * What a remote server sees of Hearth's delivery queue: at most four requests at once, Retry-After honoured, a
 * server that keeps failing marked unavailable (even after deliveries to it had succeeded, which Hearth keeps in
 * memory), and a server marked unavailable by another node gets only its probe, then everything once it answers.
 */
class DeliveryHealthTest {

  static TestHearth hearth;
  static String group;
  static final List<FakeActorServer> servers = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    group = hearth.createCommunity("deliveries", "Deliveries");
  }

  @AfterAll
  static void stop() {
    servers.forEach(FakeActorServer::close);
    hearth.close();
  }

  static FakeActorServer server(String address) {
    FakeActorServer s = FakeActorServer.start(hearth.vertx, address);
    servers.add(s);
    return s;
  }

  /** A new person on {@code server} follows the group; Hearth answers with an Accept to the person's inbox. */
  static String follow(FakeActorServer server, String name) throws Exception {
    SigningKey key = server.addPerson(name);
    String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
    String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/follows/" + UUID.randomUUID()
        + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + group + "\"}";
    assertEquals(202, Signed.post(hearth.http, key, group + "/inbox", body).statusCode());
    return actor + "/inbox";
  }

  static String host(FakeActorServer server) {
    return URI.create(server.origin).getAuthority();
  }

  static Row delivery(String inbox) {
    List<Row> rows = hearth.sql("SELECT state, attempts, last_status, next_attempt_at > now() + interval '1 hour' AS later, "
        + "locked_until FROM deliveries WHERE inbox = $1", inbox);
    return rows.isEmpty() ? null : rows.get(0);
  }

  static Row hostRow(FakeActorServer server) {
    return hearth.sql("SELECT unavailable, failing_since, next_probe_at > now() AS probe_later, last_success_at "
        + "FROM hosts WHERE host = $1", host(server)).get(0);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not reached: " + what);
  }

  /**
   * Waits until {@code server} has received a POST to {@code inbox} and Hearth has finished the delivery (a delivery
   * that went through at once leaves no row; one that was retried stays, marked delivered).
   */
  static void awaitDelivered(FakeActorServer server, String inbox) throws InterruptedException {
    String path = URI.create(inbox).getPath();
    await("delivered to " + inbox, () -> {
      Row d = delivery(inbox);
      return !server.postsTo(path).isEmpty() && (d == null || d.getString("state").equals("delivered"));
    });
  }

  @Test
  void aBusyServerNeverHasMoreThanFourRequestsOpenAndGetsEveryDelivery() throws Exception {
    FakeActorServer slow = server("127.0.0.21");
    AtomicInteger open = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    slow.answer = response -> {
      most.accumulateAndGet(open.incrementAndGet(), Math::max);
      hearth.vertx.setTimer(150, t -> {
        open.decrementAndGet();
        response.setStatusCode(202).end();
      });
    };
    List<String> inboxes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      inboxes.add(follow(slow, "busy" + i));
    }
    for (String inbox : inboxes) {
      awaitDelivered(slow, inbox);
      assertEquals(1, slow.postsTo(URI.create(inbox).getPath()).size(), "sent once: " + inbox);
      assertNull(delivery(inbox), "a delivery that went through at once leaves no row behind");
    }
    assertEquals(12, slow.received.stream().filter(r -> r.body().contains("\"Accept\"")).count());
    assertTrue(most.get() <= DeliveryWorker.PER_HOST, "at most four requests open at once, saw " + most.get());
  }

  @Test
  void aServerAskingToRetryLaterIsNotAskedAgainBeforeItsRetryAfter() throws Exception {
    FakeActorServer busy = server("127.0.0.22");
    busy.answer = response -> response.setStatusCode(429).putHeader("Retry-After", "7200").end();
    String inbox = follow(busy, "later");
    await("the 429 recorded", () -> {
      Row d = delivery(inbox);
      return d != null && d.getInteger("last_status") != null;
    });
    Row d = delivery(inbox);
    assertEquals("pending", d.getString("state"));
    assertEquals(429, d.getInteger("last_status"));
    assertTrue(d.getBoolean("later"), "the next attempt waits for Retry-After (two hours), not the 30 s backoff");
    assertNull(d.getValue("locked_until"), "no longer claimed");
  }

  @Test
  void aServerThatStartsFailingAfterDeliveriesSucceededIsMarkedUnavailableAfterTwoDaysOfFailures() throws Exception {
    FakeActorServer flaky = server("127.0.0.23");
    awaitDelivered(flaky, follow(flaky, "first"));
    assertNotNull(hostRow(flaky).getValue("last_success_at"), "the first success is recorded");

    flaky.answer = response -> response.setStatusCode(503).end();
    String failing = follow(flaky, "second");
    await("the failure recorded", () -> delivery(failing) != null && delivery(failing).getInteger("attempts") == 1
        && delivery(failing).getValue("locked_until") == null);
    assertNotNull(hostRow(flaky).getValue("failing_since"), "the host is failing");
    assertFalse(hostRow(flaky).getBoolean("unavailable"), "but not for long enough to be unavailable");

    // two days later (what the clock would do), the next failure marks it unavailable
    hearth.sql("UPDATE hosts SET failing_since = now() - interval '3 days' WHERE host = $1", host(flaky));
    hearth.sql("UPDATE deliveries SET next_attempt_at = now() WHERE inbox = $1", failing);
    await("the second failure recorded", () -> delivery(failing).getInteger("attempts") == 2
        && delivery(failing).getValue("locked_until") == null);
    await("the host marked unavailable", () -> hostRow(flaky).getBoolean("unavailable"));
    assertTrue(hostRow(flaky).getBoolean("probe_later"), "the next probe is hours away");
    await("its deliveries wait for the probe", () -> delivery(failing).getBoolean("later"));
  }

  @Test
  void aServerThatFailsBrieflyIsNoLongerFailingAfterItsNextSuccess() throws Exception {
    FakeActorServer brief = server("127.0.0.25");
    awaitDelivered(brief, follow(brief, "one"));
    brief.answer = response -> response.setStatusCode(502).end();
    String failed = follow(brief, "two");
    await("the failure recorded", () -> delivery(failed) != null && delivery(failed).getValue("locked_until") == null
        && delivery(failed).getInteger("attempts") == 1);
    assertNotNull(hostRow(brief).getValue("failing_since"));

    brief.answer = null;
    awaitDelivered(brief, follow(brief, "three"));
    await("the host no longer failing", () -> hostRow(brief).getValue("failing_since") == null);
    assertFalse(hostRow(brief).getBoolean("unavailable"));

    // the delivery that failed goes through at its retry and stays visible as retried until the hourly purge
    hearth.sql("UPDATE deliveries SET next_attempt_at = now() WHERE inbox = $1", failed);
    awaitDelivered(brief, failed);
    assertEquals(2, brief.postsTo(URI.create(failed).getPath()).size(), "the failed attempt and the retry");
    Row retried = hearth.sql("SELECT state, last_error, last_status FROM deliveries WHERE inbox = $1", failed).get(0);
    assertEquals("delivered", retried.getString("state"));
    assertNotNull(retried.getString("last_error"), "the failed attempt's error is kept");
  }

  @Test
  void aServerMarkedUnavailableByAnotherNodeGetsOnlyItsProbeThenEverythingWhenItAnswers() throws Exception {
    FakeActorServer revived = server("127.0.0.24");
    awaitDelivered(revived, follow(revived, "early"));   // this node has seen the host healthy

    // another node marks it unavailable (its probe is six hours away)
    hearth.sql("UPDATE hosts SET unavailable = true, failing_since = now() - interval '3 days', "
        + "next_probe_at = now() + interval '6 hours' WHERE host = $1", host(revived));
    int before = revived.received.size();
    List<String> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(follow(revived, "waiting" + i));
    }
    for (String inbox : waiting) {
      await("the delivery to " + inbox + " waits for the probe", () -> {
        Row d = delivery(inbox);
        return d != null && d.getBoolean("later");
      });
      assertEquals(0, delivery(inbox).getInteger("attempts"), "not attempted");
    }
    assertEquals(before, revived.received.size(), "nothing was sent to the unavailable host");

    // six hours later: the probe is due and succeeds, the host is available again, everything goes out
    hearth.sql("UPDATE hosts SET next_probe_at = now() WHERE host = $1", host(revived));
    hearth.sql("UPDATE deliveries SET next_attempt_at = now() WHERE host = $1 AND state = 'pending'", host(revived));
    for (String inbox : waiting) {
      awaitDelivered(revived, inbox);
    }
    Row h = hostRow(revived);
    assertFalse(h.getBoolean("unavailable"), "revived by the probe's success");
    assertNull(h.getValue("failing_since"));
  }
}
