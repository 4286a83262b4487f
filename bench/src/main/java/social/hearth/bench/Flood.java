package social.hearth.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import social.hearth.federation.sig.Keys;

/**
 * The flood phase: a backlog of posts the community refuses (accounts that are not members posting to a members-only
 * community, as a spam wave does) is stored by an HTTP-only node, then a node with workers drains it. Measured: the
 * drain rate (refused posts per second until the backlog is empty, after a first part of the same backlog that lets
 * the JIT compile the path), the latency from a newcomer's Follow sent during the flood to its Accept arriving at the
 * newcomer's server, and what each lane (control: Follow, Undo, Delete, Block, Move, Flag, Accept, Reject; content:
 * the rest) processed meanwhile, with CPU per drained post. Lanes are told apart by activity type, so the phase also
 * runs against builds that have no lanes.
 */
final class Flood {

  static final String CONTROL_TYPES = "('Follow','Undo','Delete','Block','Move','Flag','Accept','Reject')";

  /** What the phase needs of the run. */
  interface Run {
    Node start(String name, boolean workers) throws Exception;

    void stop(Node node);

    void profileStart(Node node, String phase);

    void profileStop(Node node, String phase);
  }

  private Flood() {}

  static Map<String, Object> measure(Options o, Run run, Postgres pg, Site site, Fediverse fedi, io.vertx.core.Vertx vertx,
                                     int port, String base, List<Fediverse.Actor> authors, Fediverse.Host newcomerHost) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    int warm = o.quick ? 2_000 : 4_000;
    int total = warm + o.floodPosts;
    long t0 = System.nanoTime();
    Load.Request[] posts = IntStream.range(0, total).parallel().mapToObj(i -> {
      Fediverse.Actor a = authors.get(i % authors.size());
      return site.signedPost(a.key(), "/c/bench-inbound/inbox",
          site.create(a, "bench-inbound", a.id() + "/statuses/flood-" + i));
    }).toArray(Load.Request[]::new);
    KeyPair pair = Keys.generateRsa2048();
    Fediverse.Actor newcomer = newcomerHost.addPerson("newcomer-" + UUID.randomUUID(), pair);
    ObjectNode follow = Fediverse.JSON.createObjectNode();
    follow.put("@context", "https://www.w3.org/ns/activitystreams");
    follow.put("id", newcomer.id() + "/follows/" + UUID.randomUUID());
    follow.put("type", "Follow").put("actor", newcomer.id()).put("object", base + "/c/bench-inbound");
    Load.Request followReq = site.signedPost(newcomer.key(), "/c/bench-inbound/inbox", follow.toString());
    Bench.log("flood: %,d refused posts (%,d to warm up, then %,d measured) by %,d accounts that are not members of "
        + "bench-inbound, signed in %.1f s", total, warm, o.floodPosts, authors.size(), (System.nanoTime() - t0) / 1e9);

    try (Connection c = pg.connect("hearth_bench"); var st = c.createStatement()) {
      // what earlier phases left queued (the processing phase runs for a fixed time) is not part of the flood
      int inbox = st.executeUpdate("DELETE FROM inbox WHERE state = 'pending'");
      int deliveries = st.executeUpdate("DELETE FROM deliveries WHERE state = 'pending'");
      r.put("cleared", inbox + " inbox rows and " + deliveries + " deliveries");
      Bench.log("flood: removed what earlier phases left queued: %,d inbox rows, %,d deliveries", inbox, deliveries);
    }

    Node receiver = run.start("flood-http", false);
    try (Load load = new Load(vertx, "127.0.0.1", port, 256)) {
      Load.Result stored = load.closed("flood", i -> posts[i], total, o.concurrency, 300_000);
      Bench.log("flood: stored by the HTTP-only node: %s (%.0f/s)", stored.outcomesText(), stored.okPerSecond());
      r.put("storedPerSecond", stored.okPerSecond());
    }
    run.stop(receiver);
    if (o.floodAnalyze) {
      // what autovacuum does some time after a burst of inserts: fresh statistics for the claim's plan
      try (Connection c = pg.connect("hearth_bench"); var st = c.createStatement()) {
        st.execute("ANALYZE inbox");
      }
      Bench.log("flood: ANALYZE inbox before the drain (--flood-analyze)");
    }

    try (Connection c = pg.connect("hearth_bench")) {
      long pending = pendingCreates(c);
      r.put("pendingAtStart", pending);
      long accepts0 = fedi.postsOf("Accept");
      Node node = run.start("flood", true);
      long started = System.nanoTime();
      long deadline = started + java.time.Duration.ofMinutes(8).toNanos();
      // the first part of the backlog warms the JIT up; the measurement starts when what is left is the flood
      while ((pending = pendingCreates(c)) > o.floodPosts && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      double warmSeconds = (System.nanoTime() - started) / 1e9;
      Bench.log("flood: warm-up part drained in %.1f s; %,d left", warmSeconds, pending);
      r.put("warmSeconds", warmSeconds);
      long done0 = doneSince(c, "false");
      long control0 = doneSince(c, "true");
      run.profileStart(node, "flood");
      Usage u = Usage.begin(node, pg);
      long measureStart = System.nanoTime();
      long backlog = pending;
      long followSent;
      long acceptAt = 0;
      try (Load load = new Load(vertx, "127.0.0.1", port, 2)) {
        followSent = System.nanoTime();
        Load.Result f = load.closed("follow", i -> followReq, 1, 1, 30_000);
        r.put("followAnswer", f.outcomesText());
        long lastPoll = 0;
        long lastLog = System.nanoTime();
        while (System.nanoTime() < deadline) {
          if (acceptAt == 0 && fedi.postsOf("Accept") > accepts0) {
            acceptAt = System.nanoTime();
            pending = pendingCreates(c);
            Bench.log("flood: the newcomer's Accept arrived %.0f ms after its Follow was sent; %,d posts still queued",
                (acceptAt - followSent) / 1e6, pending);
          }
          // whether any is left is one index probe; counting them all (tens of ms of PostgreSQL's CPU while the
          // backlog is large, more than Hearth's own statements) only every few seconds
          if (System.nanoTime() - lastPoll > 50_000_000L) {
            lastPoll = System.nanoTime();
            if (!anyPending(c)) {
              pending = 0;
              if (acceptAt != 0) {
                break;
              }
            }
          }
          if (System.nanoTime() - lastLog > 5e9) {
            lastLog = System.nanoTime();
            pending = pendingCreates(c);
            Bench.log("flood: %,d posts still queued", pending);
          }
          Thread.sleep(1);
        }
      }
      long end = System.nanoTime();
      u.end();
      run.profileStop(node, "flood");
      double seconds = (end - measureStart) / 1e9;
      long drained = backlog - pending;
      r.put("backlog", backlog);
      r.put("drained", drained);
      r.put("seconds", seconds);
      r.put("drainPerSecond", drained / seconds);
      r.put("followMs", acceptAt == 0 ? Double.NaN : (acceptAt - followSent) / 1e6);
      r.put("contentDone", doneSince(c, "false") - done0);
      r.put("controlDone", doneSince(c, "true") - control0);
      r.put("usage", u);
      run.stop(node);
      Bench.log("flood: %,d refused posts drained in %.1f s: %.0f/s; Follow answered by Accept in %s ms; lanes: "
              + "content %,d done, control %,d done; %s", drained, seconds, drained / seconds, r.get("followMs"),
          r.get("contentDone"), r.get("controlDone"), u.text());
    }
    return r;
  }

  private static boolean anyPending(Connection c) throws Exception {
    return Postgres.count(c, "SELECT count(*) FROM (SELECT 1 FROM inbox WHERE state = 'pending' AND type = 'Create' "
        + "LIMIT 1) x") > 0;
  }

  private static long pendingCreates(Connection c) throws Exception {
    return Postgres.count(c, "SELECT count(*) FROM inbox WHERE state = 'pending' AND type = 'Create'");
  }

  /** Items processed (done or failed) of the control lane ({@code control} "true") or the content lane. */
  private static long doneSince(Connection c, String control) throws Exception {
    return Postgres.count(c, "SELECT count(*) FROM inbox WHERE state <> 'pending' AND (type IN " + CONTROL_TYPES
        + ") = " + control);
  }
}
