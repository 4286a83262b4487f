package social.hearth.bench;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The inbound phases: members' Creates received by an HTTP-only node, then processed by a worker node. */
final class Inbound {

  private Inbound() {}

  /**
   * Members' Creates to an HTTP-only node: signed first, then a warm-up, then a fixed rate and the maximum over
   * {@code o.concurrency} connections; they stay stored for {@link #processing}.
   */
  static Map<String, Object> measure(Options o, Flood.Run run, Postgres pg, Site site, Vertx vertx, int hearthPort,
                                     List<Fediverse.Actor> inActors, Node node) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    int warmUnique = 1_000;
    int fixed = o.rate * o.rateSeconds;
    int total = warmUnique + o.inboundMax + fixed;
    long t0 = System.nanoTime();
    Load.Request[] reqs = IntStream.range(0, total).parallel().mapToObj(i -> {
      Fediverse.Actor a = inActors.get(i % inActors.size());
      return site.signedPost(a.key(), "/c/bench-inbound/inbox", site.create(a, "bench-inbound", a.id() + "/statuses/in-" + i));
    }).toArray(Load.Request[]::new);
    Bench.log("inbound: %,d Creates (%,d bytes each) signed in %.1f s, before any is sent", total, reqs[0].body().length(),
        (System.nanoTime() - t0) / 1e9);
    r.put("bodyBytes", reqs[0].body().length());
    try (Load load = new Load(vertx, "127.0.0.1", hearthPort, 256)) {
      // warm-up: 1,000 Creates sent over and over (the repeats are verified and recognised as redeliveries) until
      // the rate stops growing, so that the JIT has compiled the whole path before anything is measured
      WarmUp.run(node, load, o.quick, "inbound", i -> reqs[i % warmUnique], 32);
      Thread.sleep(1_000);

      run.profileStart(node, "inbound-fixed");
      Usage u = Usage.begin(node, pg);
      Load.Result at = load.open("fixed", i -> reqs[warmUnique + o.inboundMax + i], fixed, o.rate,
          o.rateSeconds * 1000L, 4096);
      u.end();
      run.profileStop(node, "inbound-fixed");
      Bench.log("inbound at %d/s for %d s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms; %s; %s", o.rate, o.rateSeconds,
          at.latencies.percentileMs(50), at.latencies.percentileMs(95), at.latencies.percentileMs(99),
          at.latencies.maxMs(), at.outcomesText(), u.text());
      r.put("fixed", at);
      r.put("fixedUsage", u);
      Bench.log("inbound at %d/s, second:answers/p50 ms/max ms: %s", o.rate, at.timelineText());
      Thread.sleep(2_000);

      run.profileStart(node, "inbound-max");
      Usage um = Usage.begin(node, pg);
      Load.Result max = load.closed("max", i -> reqs[warmUnique + i], o.inboundMax, o.concurrency, 120_000);
      um.end();
      run.profileStop(node, "inbound-max");
      Bench.log("inbound maximum (%d connections, %,d Creates): %.0f accepted/s (per second min/median/max %s); "
              + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; %s; %s", o.concurrency, o.inboundMax, max.okPerSecond(),
          max.spread(), max.latencies.percentileMs(50), max.latencies.percentileMs(95), max.latencies.percentileMs(99),
          max.outcomesText(), um.text());
      r.put("max", max);
      r.put("maxUsage", um);
      Bench.log("inbound maximum, second:answers/p50 ms/max ms: %s", max.timelineText());
    }
    try (Connection c = pg.connect("hearth_bench")) {
      r.put("stored", Postgres.count(c, "SELECT count(*) FROM inbox WHERE type = 'Create'"));
    }
    Bench.log("inbound: %,d Creates stored in the inbox table", r.get("stored"));
    return r;
  }

  /** A worker node processes the Creates the HTTP-only node stored (each is re-shared to the inbound members' servers). */
  static Map<String, Object> processing(Options o, Flood.Run run, Postgres pg, Fediverse fedi) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    try (Connection c = pg.connect("hearth_bench")) {
      long pending0 = Postgres.count(c, "SELECT count(*) FROM inbox WHERE state = 'pending'");
      long announces0 = fedi.postsOf("Announce");
      Node node = run.start("worker", true);
      Thread.sleep(2_000);
      WarmUp.whileCompiling(node, o.quick, "processing"); // the JIT's first seconds are not measured
      run.profileStart(node, "processing");
      Usage u = Usage.begin(node, pg);
      // a Create is counted when its post is stored (the inbox rows are marked done a batch of 64 at a time)
      String stored = "SELECT count(*) FROM posts p JOIN communities c ON c.id = p.community_id WHERE c.slug = 'bench-inbound'";
      long done0 = Postgres.count(c, stored);
      long t0 = System.nanoTime();
      long delivered0 = fedi.postsOf("Announce"); // a delivered row is deleted: count what the servers received
      Thread.sleep(o.processingSeconds * 1000L);
      long done1 = Postgres.count(c, stored);
      long delivered1 = fedi.postsOf("Announce");
      long queued = Postgres.count(c, "SELECT count(*) FROM deliveries WHERE state = 'pending'");
      double seconds = (System.nanoTime() - t0) / 1e9;
      u.end();
      run.profileStop(node, "processing");
      run.stop(node);
      r.put("pendingAtStart", pending0);
      r.put("processed", done1 - done0);
      r.put("delivered", delivered1 - delivered0);
      r.put("announcesReceived", fedi.postsOf("Announce") - announces0);
      r.put("deliveriesQueued", queued);
      r.put("seconds", seconds);
      r.put("usage", u);
      Bench.log("processing: %,d pending Creates; in %.0f s a worker node processed %,d (%.0f/s) and delivered %,d "
              + "Announces (%.0f/s); %,d deliveries still queued; %s", pending0, seconds, done1 - done0,
          (done1 - done0) / seconds, delivered1 - delivered0, (delivered1 - delivered0) / seconds, queued, u.text());
      if (o.drainCreates > 0) {
        drain(o, run, c, pg, fedi, stored, r);
      }
    }
    return r;
  }

  /**
   * End to end: a fresh worker node takes {@code o.drainCreates} pending Creates, and the measurement runs until every
   * one is processed and every delivery it caused is sent, so the CPU per Create includes all of its deliveries'
   * work (in the window above, deliveries still queued at its end are not counted). What the window left (queued
   * deliveries, pending Creates beyond the number asked) is cleared first. The node's JIT warm-up is inside this
   * measurement: Hearth's CPU per Create is an upper bound; PostgreSQL's is not affected.
   */
  private static void drain(Options o, Flood.Run run, Connection c, Postgres pg, Fediverse fedi, String stored,
                            Map<String, Object> r) throws Exception {
    try (var st = c.createStatement()) {
      st.executeUpdate("DELETE FROM deliveries");
      st.executeUpdate("DELETE FROM delivery_batches");
      st.executeUpdate("UPDATE inbox SET state = 'done', processed_at = now() WHERE id IN (SELECT id FROM inbox "
          + "WHERE state = 'pending' ORDER BY id OFFSET " + o.drainCreates + ")");
      // what the stopped worker had claimed is free at once, not when its lease would have ended
      st.executeUpdate("UPDATE inbox SET locked_until = NULL WHERE state = 'pending'");
    }
    long done0 = Postgres.count(c, stored);
    long announces0 = fedi.postsOf("Announce");
    Node node = run.start("drain", true);
    run.profileStart(node, "drain");
    Usage u = Usage.begin(node, pg);
    long t0 = System.nanoTime();
    long deadline = t0 + 600_000_000_000L;
    // one cheap question a second, so the bench's own queries cost PostgreSQL next to nothing
    while (System.nanoTime() < deadline && Postgres.count(c, "SELECT (EXISTS (SELECT 1 FROM inbox WHERE state = 'pending') "
        + "OR EXISTS (SELECT 1 FROM deliveries WHERE state = 'pending') OR EXISTS (SELECT 1 FROM delivery_batches))::int") > 0) {
      Thread.sleep(1_000);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    u.end();
    run.profileStop(node, "drain");
    run.stop(node);
    long processed = Postgres.count(c, stored) - done0;
    long delivered = fedi.postsOf("Announce") - announces0;
    r.put("drain.processed", processed);
    r.put("drain.delivered", delivered);
    r.put("drain.seconds", seconds);
    r.put("drain.usage", u);
    Bench.log("processing end to end: %,d Creates processed and %,d Announces delivered in %.1f s (%.0f Creates/s, "
        + "%.0f Announces/s); %s", processed, delivered, seconds, processed / seconds, delivered / seconds, u.text());
  }
}
