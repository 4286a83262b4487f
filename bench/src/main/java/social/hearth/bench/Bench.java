package social.hearth.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import social.hearth.federation.sig.Keys;

/**
 * Hearth's benchmark tool. Starts a PostgreSQL, fake remote servers on loopback addresses, and Hearth nodes as
 * separate processes, then measures: the machine's signature ceilings (JMH), members joining (signed Follows),
 * the community page and actor JSON under load, the fan-out of one post to every member's server, inbound signed
 * Creates (maximum rate, and latency at a fixed rate), and the processing of what was received. Prints the figures
 * and appends them to docs/benchmarks.md. Run {@code java -jar bench/target/hearth-bench.jar --help}.
 */
public final class Bench {

  static final String ADMIN_TOKEN = "bench-admin-token-0123456789";
  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  static final String BUILD_COMMAND = "./mvnw -q -B -pl bench -am -DskipTests package";

  private final Options o;
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final Path runDir;
  private final Path workDir;
  private final List<String> profiles = new ArrayList<>();
  private Postgres pg;
  private Vertx vertx;
  private Fediverse fedi;
  private Ceilings ceilings;
  private int hearthPort;
  private String base;
  private Site site;
  private String databaseUrl;
  private List<Fediverse.Actor> fanActors = new ArrayList<>();
  private List<Fediverse.Actor> inActors = new ArrayList<>();
  private List<Fediverse.Host> fanHosts = new ArrayList<>();
  private byte[] communityPage;
  private int filters;

  private Bench(Options o, Path runDir, Path workDir) {
    this.o = o;
    this.runDir = runDir;
    this.workDir = workDir;
  }

  public static void main(String[] argv) throws Exception {
    Options o;
    try {
      o = Options.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(64);
      return;
    }
    Path root = Report.checkout();
    if (o.report == null && root != null) {
      o.report = root.resolve("docs/benchmarks.md");
    }
    Path runDir = (root != null ? root.resolve("bench/target/bench-run") : Files.createTempDirectory("hearth-bench-run"));
    Files.createDirectories(runDir);
    Path workDir = Files.createTempDirectory("hearth-bench");
    Bench bench = new Bench(o, runDir, workDir);
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(Duration.ofMinutes(o.maxMinutes).toMillis());
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("bench: the time limit of " + o.maxMinutes + " minutes is reached; stopping everything");
      bench.cleanUp();
      Runtime.getRuntime().halt(3);
    }, "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp, "bench-cleanup"));
    int status = 0;
    try {
      bench.run();
    } catch (Throwable e) {
      System.err.println("bench: failed: " + e);
      e.printStackTrace();
      status = 1;
    } finally {
      bench.cleanUp();
    }
    System.exit(status);
  }

  private synchronized void cleanUp() {
    for (Node n : nodes) {
      n.close();
    }
    nodes.clear();
    if (fedi != null) {
      try {
        fedi.close();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
      fedi = null;
    }
    if (vertx != null) {
      vertx.close();
      vertx = null;
    }
    if (pg != null) {
      pg.close();
      pg = null;
    }
    deleteTree(workDir);
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp files; the OS cleans up eventually
    }
  }

  // ------------------------------------------------------------------------------------------------ the run

  private void run() throws Exception {
    Instant started = Instant.now();
    double loadBefore = Machine.loadAverage();
    log("Hearth bench: %d cores, %s, %s, %s; load average %.1f", Machine.cores(), Machine.cpuModel(), Machine.memory(),
        Machine.jvm(), loadBefore);

    if (o.phases.contains("ceilings")) {
      log("ceilings: RSA-2048 and Ed25519 sign/verify with JMH (1 thread, then %d threads)...", Machine.cores());
      ceilings = Ceilings.measure(o.quick);
      for (String op : ceilings.oneThread.keySet()) {
        log("  %-14s 1 thread %s   %d threads %s", op, ceilings.oneThread.get(op).format(), ceilings.threads,
            ceilings.allCores.get(op).format());
      }
    }

    boolean needHearth = o.phases.stream().anyMatch(p -> !p.equals("ceilings") && !p.equals("bare") && !p.equals("dashboard"));
    Map<String, Object> setup = null;
    if (needHearth || o.phases.contains("bare") || o.phases.contains("dashboard")) {
      pg = Postgres.start(workDir, o.synchronousCommit, o.profile, runDir);
      databaseUrl = pg.createDatabase("hearth_bench");
      if (o.profile) {
        pg.enableStatements("hearth_bench");
      }
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4));
      hearthPort = freePort();
      base = "http://127.0.0.1:" + hearthPort;
      site = new Site(base, hearthPort);
    }
    Map<String, Object> pages = null;
    List<Map<String, Object>> fanout = null;
    Map<String, Object> inbound = null;
    Map<String, Object> processing = null;
    Map<String, Object> flood = null;
    Map<String, Object> bare = null;
    if (needHearth) {
      Node full = startHearth("full", true);
      setup = setUp(full);
      if (o.phases.contains("pages")) {
        pages = pages(full);
      }
      if (o.phases.contains("fanout")) {
        fanout = fanout(full);
      }
      if (o.phases.contains("inbound")) {
        Node receiver = full;
        if (o.inboundHttpOnly) {
          stop(full);
          receiver = startHearth("http-only", false);
        }
        inbound = Inbound.measure(o, control(), pg, site, vertx, hearthPort, inActors, receiver);
        stop(receiver);
        if (o.phases.contains("processing")) {
          processing = Inbound.processing(o, control(), pg, fedi);
        }
      } else {
        stop(full);
      }
      if (o.phases.contains("flood")) {
        flood = flood();
      }
    }
    if (o.phases.contains("bare")) {
      bare = BareServer.measure(o, vertx, pg, runDir, communityPage, nodes);
    }
    String dashboard = null;
    if (o.phases.contains("dashboard")) { // issue 18: the staff dashboard with a year of history (Dashboard)
      Node node = startHearth("dashboard", true);
      dashboard = Dashboard.report(Dashboard.measure(o, pg, base, hearthPort));
      stop(node);
    }
    double loadAfter = Machine.loadAverage();
    String text = new Report(o, ceilings, filters, profiles).render(started, loadBefore, loadAfter, setup, pages, fanout, inbound, processing, flood, bare)
        + (dashboard == null ? "" : "\n" + dashboard);
    System.out.println();
    System.out.println(text);
    if (o.append && o.report != null) {
      if (!Files.exists(o.report)) {
        Files.writeString(o.report, "# Benchmarks\n\n", StandardCharsets.UTF_8);
      }
      Files.writeString(o.report, "\n" + text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      log("appended to %s", o.report);
    }
  }

  private Node startHearth(String name, boolean workers) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HEARTH_BASE_URL", base);
    env.put("HEARTH_DATABASE_URL", databaseUrl);
    env.put("HEARTH_DATA_DIR", workDir.resolve("data-" + name).toString());
    env.put("HEARTH_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("HEARTH_ALLOW_PRIVATE_ADDRESSES", "true");
    env.put("HEARTH_WORKERS", String.valueOf(workers));
    env.put("HEARTH_PAGE_CACHE_MS", String.valueOf(o.pageCacheMs));
    long t0 = System.nanoTime();
    Node n = Node.start(name, o.hearthJvm, env, hearthPort, runDir.resolve("hearth-" + name + ".log"));
    nodes.add(n);
    log("Hearth node '%s' (workers %s, pid %d, JVM %s) ready in %.1f s; RSS %d MB", name, workers, n.pid(),
        String.join(" ", o.hearthJvm), (System.nanoTime() - t0) / 1e9, n.rssKb() / 1024);
    return n;
  }

  private void stop(Node n) {
    n.close();
    nodes.remove(n);
  }

  // ------------------------------------------------------------------------------------------------ setup

  private Map<String, Object> setUp(Node node) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    fedi = new Fediverse(vertx);
    long t0 = System.nanoTime();
    fanHosts = fedi.addHosts(o.hosts);
    List<Fediverse.Host> inHosts = fedi.addHosts(o.inboundHosts);
    KeyPair[] pairs = IntStream.range(0, 8).parallel().mapToObj(i -> Keys.generateRsa2048()).toArray(KeyPair[]::new);
    for (int i = 0; i < o.followers; i++) {
      fanActors.add(fanHosts.get(i % fanHosts.size()).addPerson("f" + i, pairs[i % pairs.length]));
    }
    for (int i = 0; i < o.inboundActors; i++) {
      inActors.add(inHosts.get(i % inHosts.size()).addPerson("s" + i, pairs[i % pairs.length]));
    }
    log("setup: %d fake servers on %s ... %s, %d actors, in %.1f s", fedi.hosts.size(), Fediverse.address(0),
        Fediverse.address(fedi.hosts.size() - 1), fanActors.size() + inActors.size(), (System.nanoTime() - t0) / 1e9);

    if (o.fanoutSigning.equals("ed25519")) {
      // what Hearth learns from a peer that signs with Ed25519 itself (the fake servers do not sign): written before
      // anything is delivered to them, so no node has cached "nothing known" for them
      try (Connection c = pg.connect("hearth_bench");
           var st = c.prepareStatement("INSERT INTO hosts (host, ed25519_signatures) VALUES (?, true) "
               + "ON CONFLICT (host) DO UPDATE SET ed25519_signatures = true")) {
        for (Fediverse.Host h : fanHosts) {
          st.setString(1, URI.create(h.origin).getAuthority());
          st.addBatch();
        }
        st.executeBatch();
      }
      log("setup: the %d fan-out servers marked as accepting Ed25519 RFC 9421 signatures", fanHosts.size());
    }
    site.createCommunity("bench-fanout", "Fan-out bench");
    site.createCommunity("bench-inbound", "Inbound bench");
    filters = site.addFilters("bench-fanout") + site.addFilters("bench-inbound");
    log("setup: %d moderation filters on the two communities (none of them holds the bench's posts)", filters);

    // Members join with a signed Follow; Hearth fetches the actor (signed GET), stores the membership and sends an
    // Accept to the actor's inbox. Unless --all-follow, one fan-out follower per host joins this way and the others
    // are copied from it in SQL (same host, same shared inbox) after the joins are measured.
    List<Fediverse.Actor> joining = new ArrayList<>();
    List<Fediverse.Actor> copied = new ArrayList<>();
    for (int i = 0; i < fanActors.size(); i++) {
      (o.allFollow || i < fanHosts.size() ? joining : copied).add(fanActors.get(i));
    }
    int fanJoining = joining.size();
    joining.addAll(inActors);
    t0 = System.nanoTime();
    Load.Request[] follows = IntStream.range(0, joining.size()).parallel().mapToObj(i -> {
      Fediverse.Actor a = joining.get(i);
      String slug = i < fanJoining ? "bench-fanout" : "bench-inbound";
      ObjectNode follow = Fediverse.JSON.createObjectNode();
      follow.put("@context", "https://www.w3.org/ns/activitystreams");
      follow.put("id", a.id() + "/follows/" + UUID.randomUUID());
      follow.put("type", "Follow").put("actor", a.id()).put("object", base + "/c/" + slug);
      return site.signedPost(a.key(), "/c/" + slug + "/inbox", follow.toString());
    }).toArray(Load.Request[]::new);
    log("setup: %,d Follows signed in %.1f s; sending them (32 connections)...", follows.length, (System.nanoTime() - t0) / 1e9);

    profileStart(node, "join");
    Usage usage = Usage.begin(node, pg);
    long start = System.nanoTime();
    try (Load load = new Load(vertx, "127.0.0.1", hearthPort, 32)) {
      Load.Result sent = load.closed("follows", i -> follows[i], follows.length, 32, 600_000);
      log("setup: Follows answered: %s (%.0f/s over HTTP)", sent.outcomesText(), sent.okPerSecond());
      r.put("follows", sent);
      long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
      long lastLog = System.nanoTime();
      while (fedi.postsOf("Accept") < follows.length && System.nanoTime() < deadline) {
        Thread.sleep(20);
        if (System.nanoTime() - lastLog > 5e9) {
          lastLog = System.nanoTime();
          log("setup: %,d of %,d Accepts delivered", fedi.postsOf("Accept"), follows.length);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    usage.end();
    profileStop(node, "join");
    long accepts = fedi.postsOf("Accept");
    r.put("joins", accepts);
    r.put("joinSeconds", seconds);
    r.put("usage", usage);
    log("setup: %,d members joined (Accept received) in %.1f s: %.0f joins/s; %s", accepts, seconds, accepts / seconds,
        usage.text());
    if (accepts < follows.length) {
      throw new IllegalStateException("only " + accepts + " of " + follows.length + " Accepts arrived; see " + node.log);
    }
    if (!copied.isEmpty()) {
      t0 = System.nanoTime();
      copyMembers(copied);
      r.put("copied", copied.size());
      log("setup: %,d more fan-out members copied in SQL from the joined ones in %.1f s", copied.size(),
          (System.nanoTime() - t0) / 1e9);
    }
    if (o.seedPosts > 0) {
      t0 = System.nanoTime();
      try (Connection c = pg.connect("hearth_bench")) {
        List<String> authors = fanActors.subList(0, Math.min(500, fanActors.size())).stream().map(Fediverse.Actor::id).toList();
        int replies = Postgres.seedPosts(c, "bench-fanout", authors, o.seedPosts);
        r.put("seeded", o.seedPosts);
        log("setup: %,d posts (%,d of them replies) written to bench-fanout in SQL in %.1f s", o.seedPosts, replies,
            (System.nanoTime() - t0) / 1e9);
      }
    }
    // a site in steady state has statistics on its tables (autovacuum would gather them within minutes)
    try (Connection c = pg.connect("hearth_bench"); var st = c.createStatement()) {
      st.execute("VACUUM ANALYZE");
    }
    Thread.sleep(1_000);
    return r;
  }

  /**
   * Adds members without the Follow round trip: each copies the row of the actor of its host that joined (in
   * remote_actors and members), with its own id, inbox and key id. Only those columns are named, so the copy keeps
   * working when the tables gain columns.
   */
  private void copyMembers(List<Fediverse.Actor> copies) throws Exception {
    Map<Fediverse.Host, String> joinedOnHost = new HashMap<>();
    for (int i = 0; i < fanHosts.size(); i++) {
      joinedOnHost.put(fanActors.get(i).host(), fanActors.get(i).id());
    }
    Map<String, String> pairs = new LinkedHashMap<>(); // copy → the joined actor of its host
    for (Fediverse.Actor a : copies) {
      pairs.put(a.id(), joinedOnHost.get(a.host()));
    }
    try (Connection c = pg.connect("hearth_bench")) {
      c.setAutoCommit(false);
      Postgres.copyMembers(c, pairs);
      c.commit();
      long n = Postgres.count(c, "SELECT count(*) FROM members m JOIN communities c ON c.id = m.community_id "
          + "WHERE c.slug = 'bench-fanout'");
      if (n != fanActors.size()) {
        throw new IllegalStateException("bench-fanout has " + n + " members, expected " + fanActors.size());
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ pages

  private Map<String, Object> pages(Node node) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    MultiMap html = MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/activity+json");
    Load.Request pageReq = new Load.Request(HttpMethod.GET, "/c/bench-fanout", html, null);
    Load.Request actorReq = new Load.Request(HttpMethod.GET, "/c/bench-fanout", json, null);
    // a query string other than ?page=N is never answered from the anonymous page cache: every view renders
    Load.Request renderReq = new Load.Request(HttpMethod.GET, "/c/bench-fanout?fresh=1", html, null);
    communityPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/c/bench-fanout"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    try (Load load = new Load(vertx, "127.0.0.1", hearthPort, 256)) {
      WarmUp.run(node, load, o.quick, "pages (HTML, rendered)", i -> renderReq, 16);
      WarmUp.run(node, load, o.quick, "pages (JSON)", i -> actorReq, 16);
      profileStart(node, "pages");
      for (Object[] kind : new Object[][] {{"html", pageReq}, {"rendered", renderReq}, {"json", actorReq}}) {
        String k = (String) kind[0];
        Load.Request q = (Load.Request) kind[1];
        Usage u = Usage.begin(node, pg);
        Load.Result fixed = load.open(k + " at " + o.pageRate + "/s", i -> q, Integer.MAX_VALUE, o.pageRate,
            o.pageSeconds * 1000L, 4096);
        u.end();
        log("pages: %s at %d/s for %d s: p50 %.2f ms, p99 %.2f ms, max %.1f ms; %s; %s", k, o.pageRate, o.pageSeconds,
            fixed.latencies.percentileMs(50), fixed.latencies.percentileMs(99), fixed.latencies.maxMs(),
            fixed.outcomesText(), u.text());
        Usage um = Usage.begin(node, pg);
        Load.Result max = load.closed(k + " max", i -> q, Integer.MAX_VALUE, 32, o.quick ? 3_000 : 5_000);
        um.end();
        log("pages: %s maximum (32 connections): %.0f/s (per second min/median/max %s), p50 %.2f ms, p99 %.2f ms; %s",
            k, max.okPerSecond(), max.spread(), max.latencies.percentileMs(50), max.latencies.percentileMs(99), um.text());
        log("pages: %s at %d/s, second:answers/p50 ms/max ms: %s", k, o.pageRate, fixed.timelineText());
        r.put(k + ".fixed", fixed);
        r.put(k + ".fixedUsage", u);
        r.put(k + ".max", max);
        r.put(k + ".maxUsage", um);
      }
      profileStop(node, "pages");
    }
    return r;
  }

  // ------------------------------------------------------------------------------------------------ fan-out

  private List<Map<String, Object>> fanout(Node node) throws Exception {
    List<Map<String, Object>> rounds = new ArrayList<>();
    try (Load load = new Load(vertx, "127.0.0.1", hearthPort, 4)) {
      int warmRounds = o.quick ? 1 : 2;
      for (int round = -warmRounds; round < o.fanoutRounds; round++) {
        Fediverse.Actor author = fanActors.get((round + warmRounds) * 7919 % fanActors.size());
        String noteId = author.id() + "/statuses/fanout-" + round + "-" + UUID.randomUUID();
        Load.Request q = site.signedPost(author.key(), "/c/bench-fanout/inbox", site.create(author, "bench-fanout", noteId));
        Fediverse.Watch w = fedi.watch(noteId, fanHosts.size());
        if (round == 0) {
          profileStart(node, "fanout");
        }
        long postsBefore = fedi.posts.sum();
        long ed25519Before = fedi.ed25519Signed.sum();
        Usage u = Usage.begin(node, pg);
        long t0 = System.nanoTime();
        Load.Result post = load.closed("post", i -> q, 1, 1, 30_000);
        long deadline = t0 + Duration.ofSeconds(120).toNanos();
        while (!w.complete() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        long tEnd = w.complete() ? w.lastNanos : System.nanoTime();
        u.end();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", post.outcomesText());
        r.put("ackMs", post.latencies.percentileMs(50));
        r.put("firstMs", w.firstNanos == 0 ? Double.NaN : (w.firstNanos - t0) / 1e6);
        r.put("allMs", (tEnd - t0) / 1e6);
        r.put("hosts", w.hosts.size());
        r.put("expected", w.expectedHosts);
        r.put("duplicates", w.duplicates.get());
        r.put("usage", u);
        double spreadSeconds = w.firstNanos == 0 ? Double.NaN : (w.lastNanos - w.firstNanos) / 1e9;
        r.put("deliveriesPerSecond", w.hosts.size() / ((tEnd - t0) / 1e9));
        r.put("sendingPerSecond", w.hosts.size() / spreadSeconds);
        if (round >= 0) {
          rounds.add(r);
        }
        log("fan-out %s: POST %s in %.1f ms; first Announce after %.0f ms; %,d of %,d hosts after %.0f ms "
                + "(%.0f deliveries/s overall, %.0f/s from first to last); duplicates %d; %,d POSTs signed with Ed25519; %s",
            round < 0 ? "warm-up" : String.valueOf(round + 1), post.outcomesText(), post.latencies.percentileMs(50),
            r.get("firstMs"), w.hosts.size(),
            w.expectedHosts, r.get("allMs"), r.get("deliveriesPerSecond"), r.get("sendingPerSecond"),
            w.duplicates.get(), fedi.ed25519Signed.sum() - ed25519Before, u.text());
        // let the last deliveries be recorded before the next round
        long quiet = System.nanoTime();
        long seen = fedi.posts.sum();
        while (System.nanoTime() - quiet < 1_000_000_000L) {
          Thread.sleep(100);
          if (fedi.posts.sum() != seen) {
            seen = fedi.posts.sum();
            quiet = System.nanoTime();
          }
        }
        r.put("posts", fedi.posts.sum() - postsBefore);
      }
    }
    profileStop(node, "fanout");
    return rounds;
  }

  // ------------------------------------------------------------------------------------------------ inbound

  /** The flood phase ({@link Flood}): the joined fan-out followers, not members of bench-inbound, post to it. */
  private Map<String, Object> flood() throws Exception {
    List<Fediverse.Actor> authors = fanActors.subList(0, Math.min(fanHosts.size(), fanActors.size()));
    return Flood.measure(o, control(), pg, site, fedi, vertx, hearthPort, base, authors, fanHosts.get(fanHosts.size() - 1));
  }

  /** What the phases in their own classes need of the run: its nodes and its profiling. */
  private Flood.Run control() {
    return new Flood.Run() {
      @Override
      public Node start(String name, boolean workers) throws Exception {
        return startHearth(name, workers);
      }

      @Override
      public void stop(Node node) {
        Bench.this.stop(node);
      }

      @Override
      public void profileStart(Node node, String phase) {
        Bench.this.profileStart(node, phase);
      }

      @Override
      public void profileStop(Node node, String phase) {
        Bench.this.profileStop(node, phase);
      }
    };
  }

  // ------------------------------------------------------------------------------------------------ profiling

  private void profileStart(Node node, String phase) {
    if (o.profile) {
      Profiler.start(node, phase);
      pg.resetStatements("hearth_bench");
    }
  }

  private void profileStop(Node node, String phase) {
    if (o.profile) {
      Path file = Profiler.stop(node, phase, runDir);
      String summary = Profiler.summarize(file, 12) + pg.topStatements("hearth_bench", phase.equals("processing") || phase.equals("drain") ? 24 : 8);
      profiles.add("Profile of the Hearth node during '" + phase + "': " + summary);
      log("profile %s: %s", phase, summary);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void log(String format, Object... args) {
    System.out.printf("[%s] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now()),
        String.format(format, args));
    System.out.flush();
  }
}
