package social.hearth.apub.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * A node claims a busy server's next deliveries while its four requests are open, so that each answer starts the
 * next request without a claim; when the node stops, the deliveries it claimed but never sent go back to the queue
 * at once for the other nodes (they are not held until the lease runs out), and are not counted as attempts.
 */
class DeliveryHandOverTest {

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

  @Test
  void aStoppingNodeGivesBackTheDeliveriesItClaimedButHadNotSent() throws Exception {
    String db = TestDatabase.url(TestDatabase.fresh());
    TestHearth node = TestHearth.start(Clock.systemUTC(), db, true);
    FakeActorServer silent = FakeActorServer.start(node.vertx, "127.0.0.24");
    AtomicInteger open = new AtomicInteger();
    silent.answer = response -> open.incrementAndGet(); // never answers: every request stays open
    try {
      String group = node.createCommunity("handover", "Hand-over");
      int held = DeliveryWorker.heldPerHost(social.hearth.config.Config.DEFAULT_QUEUE_LEASE);
      int follows = held + 6;
      // the server's deliveries wait (as for a host marked unavailable, its next probe hours away) until every Accept
      // is queued: the requests it never answers then open together, and the test looks at them well within the
      // 10 s request timeout however long the Follows took to process on a busy machine
      String host = java.net.URI.create(silent.origin).getAuthority();
      node.sql("INSERT INTO hosts (host, unavailable, failing_since, next_probe_at) VALUES ($1, true, now(), "
          + "now() + interval '6 hours') ON CONFLICT (host) DO UPDATE SET unavailable = true, failing_since = now(), "
          + "next_probe_at = now() + interval '6 hours'", host);
      for (int i = 0; i < follows; i++) {
        SigningKey key = silent.addPerson("waiting" + i);
        String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
        String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/follows/"
            + UUID.randomUUID() + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + group + "\"}";
        assertEquals(202, Signed.post(node.http, key, group + "/inbox", body).statusCode());
      }
      await("every Accept queued", () -> count(node, "TRUE") == follows);
      assertEquals(0, open.get(), "nothing sent while the host waited");
      node.sql("UPDATE hosts SET unavailable = false, failing_since = NULL, next_probe_at = NULL WHERE host = $1", host);
      node.sql("UPDATE deliveries SET next_attempt_at = now() WHERE host = $1 AND state = 'pending'", host);
      await("four requests open and the next rows claimed ahead", () -> open.get() == DeliveryWorker.PER_HOST
          && count(node, "locked_until > now()") == held);
      Thread.sleep(300);
      assertEquals(DeliveryWorker.PER_HOST, open.get(), "never more than four requests open");
    } finally {
      node.hearth.stop().await();
    }
    try (TestHearth reader = TestHearth.start(Clock.systemUTC(), db, false)) {
      List<Row> rows = reader.sql("SELECT attempts, locked_until IS NOT NULL AND locked_until > now() FROM deliveries "
          + "WHERE state = 'pending'");
      int follows = DeliveryWorker.heldPerHost(social.hearth.config.Config.DEFAULT_QUEUE_LEASE) + 6;
      assertEquals(follows, rows.size());
      assertEquals(DeliveryWorker.PER_HOST, rows.stream().filter(r -> r.getInteger(0) == 1).count(),
          "only the four requests that were open count as attempted (they stay under the stopped node's lease, or are "
              + "recorded for a retry when the stopping node's client drops them)");
      assertEquals(follows - DeliveryWorker.PER_HOST, rows.stream().filter(r -> !r.getBoolean(1) && r.getInteger(0) == 0).count(),
          "the rest, claimed ahead or not, can be claimed by any node now");
    } finally {
      silent.close();
      node.vertx.close().await();
    }
  }

  static long count(TestHearth node, String condition) {
    return node.sql("SELECT count(*) FROM deliveries WHERE state = 'pending' AND " + condition).get(0).getLong(0);
  }
}
