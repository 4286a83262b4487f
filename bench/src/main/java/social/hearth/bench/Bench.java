package social.hearth.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;

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

  /** Command-line options. */
  static final class Options {
    boolean quick;
    Set<String> phases = new LinkedHashSet<>(List.of("ceilings", "pages", "fanout", "inbound", "processing", "bare"));
    int followers = 10_000;
    int hosts = 1_000;
    int inboundActors = 1_000;
    int inboundHosts = 10;
    int inboundMax = 40_000;
    int concurrency = 64;
    int rate = 1_000;
    int rateSeconds = 15;
    int pageRate = 500;
    int pageSeconds = 15;
    int fanoutRounds = 3;
    int processingSeconds = 15;
    boolean inboundHttpOnly = true;
    boolean allFollow;
    String synchronousCommit = "on";
    List<String> hearthJvm = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
    boolean profile;
    boolean append = true;
    Path report;
    int maxMinutes = 20;
    String note;
    final List<String> args = new ArrayList<>();

    static Options parse(String[] argv) {
      Options o = new Options();
      o.args.addAll(List.of(argv));
      for (String a : argv) {
        String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
        switch (key) {
          case "--help", "-h" -> {
            System.out.println(usage());
            System.exit(0);
          }
          case "--quick" -> {
            o.quick = true;
            o.followers = 2_000;
            o.hosts = 200;
            o.inboundActors = 200;
            o.inboundHosts = 5;
            o.inboundMax = 10_000;
            o.rateSeconds = 5;
            o.pageSeconds = 5;
            o.fanoutRounds = 2;
            o.processingSeconds = 5;
          }
          case "--phases" -> o.phases = new LinkedHashSet<>(List.of(value.split(",")));
          case "--followers" -> o.followers = Integer.parseInt(value);
          case "--hosts" -> o.hosts = Integer.parseInt(value);
          case "--inbound-actors" -> o.inboundActors = Integer.parseInt(value);
          case "--inbound-hosts" -> o.inboundHosts = Integer.parseInt(value);
          case "--inbound-max" -> o.inboundMax = Integer.parseInt(value);
          case "--concurrency" -> o.concurrency = Integer.parseInt(value);
          case "--rate" -> o.rate = Integer.parseInt(value);
          case "--rate-seconds" -> o.rateSeconds = Integer.parseInt(value);
          case "--page-rate" -> o.pageRate = Integer.parseInt(value);
          case "--page-seconds" -> o.pageSeconds = Integer.parseInt(value);
          case "--fanout-rounds" -> o.fanoutRounds = Integer.parseInt(value);
          case "--processing-seconds" -> o.processingSeconds = Integer.parseInt(value);
          case "--inbound-node" -> o.inboundHttpOnly = switch (value) {
            case "http-only" -> true;
            case "full" -> false;
            default -> throw new IllegalArgumentException("--inbound-node is http-only or full");
          };
          case "--synchronous-commit" -> o.synchronousCommit = value;
          case "--hearth-jvm" -> o.hearthJvm = value.isBlank() ? new ArrayList<>() : new ArrayList<>(List.of(value.trim().split("\\s+")));
          case "--profile" -> o.profile = true;
          case "--all-follow" -> o.allFollow = true;
          case "--no-append" -> o.append = false;
          case "--report" -> o.report = Path.of(value);
          case "--max-minutes" -> o.maxMinutes = Integer.parseInt(value);
          case "--note" -> o.note = value;
          default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
        }
      }
      return o;
    }

    static String usage() {
      return """
          usage: java -jar bench/target/hearth-bench.jar [options]
            --quick                  smaller run (2,000 followers on 200 hosts, shorter phases): about 3 minutes
            --phases=a,b,...         of ceilings,pages,fanout,inbound,processing,bare (default: all)
            --followers=N --hosts=N  fan-out community: N followers spread over N fake servers (10000, 1000)
            --inbound-actors=N --inbound-hosts=N   senders of the inbound Creates (1000 on 10 servers)
            --inbound-max=N          Creates sent back to back for the maximum rate (40000)
            --concurrency=N          connections for the maximum-rate runs (64)
            --rate=N --rate-seconds=N          fixed inbound rate and its duration (1000/s for 15 s)
            --page-rate=N --page-seconds=N     fixed page rate and its duration (500/s for 15 s)
            --fanout-rounds=N        posts fanned out one after the other (3)
            --processing-seconds=N   how long the received Creates are processed (15)
            --inbound-node=http-only|full      node that receives the inbound load (http-only: HEARTH_WORKERS=false)
            --synchronous-commit=on|off        PostgreSQL durability (on)
            --hearth-jvm="OPTS"      JVM options of the Hearth nodes (-Xmx256m -XX:+UseSerialGC)
            --all-follow             every fan-out follower joins by a signed Follow (default: one per host does,
                                     the others are copied from those in SQL, to save minutes of setup)
            --profile                JFR recording of the Hearth node per phase, summarised (files in bench/target/bench-run)
            --no-append              print only; do not append to docs/benchmarks.md
            --report=PATH            the Markdown file to append to (default: docs/benchmarks.md of the checkout)
            --max-minutes=N          hard time limit; everything is stopped after it (20)
            --note=TEXT              a line added to the report (e.g. what was measured, which commit)
          """;
    }
  }

  private final Options o;
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final Path runDir;
  private final Path workDir;
  private final DraftCavage signer = new DraftCavage(Clock.systemUTC(), Duration.ofHours(1));
  private final List<String> profiles = new ArrayList<>();
  private Postgres pg;
  private Vertx vertx;
  private Fediverse fedi;
  private Ceilings ceilings;
  private int hearthPort;
  private String base;
  private String databaseUrl;
  private List<Fediverse.Actor> fanActors = new ArrayList<>();
  private List<Fediverse.Actor> inActors = new ArrayList<>();
  private List<Fediverse.Host> fanHosts = new ArrayList<>();
  private byte[] communityPage;
  private int filters;

  /** Filters a community typically runs (keywords, a regex, links, mentions, account age), set to hold. */
  static final List<String> FILTERS = List.of(
      "{\"kind\":\"keywords\",\"config\":{\"words\":[\"casino\",\"free money\",\"crypto giveaway\"]},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"regex\",\"config\":{\"pattern\":\"(?i)buy (now|cheap)\"},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"links\",\"config\":{\"max\":3,\"deny\":[\"spam.example\"]},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"mentions\",\"config\":{\"max\":5},\"action\":\"hold\",\"enabled\":true}",
      "{\"kind\":\"account_age\",\"config\":{\"minDays\":1},\"action\":\"hold\",\"enabled\":true}");

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
    Path root = repoRoot();
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

  /** The checkout this jar was built in (bench/target/hearth-bench.jar → the checkout), or the working directory. */
  static Path repoRoot() {
    List<Path> candidates = new ArrayList<>();
    try {
      Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      candidates.add(jar.toAbsolutePath());
    } catch (Exception ignored) {
      // no code source
    }
    candidates.add(Path.of("").toAbsolutePath());
    for (Path start : candidates) {
      for (Path p = start; p != null; p = p.getParent()) {
        if (Files.exists(p.resolve("bench/pom.xml")) && Files.isDirectory(p.resolve("docs"))) {
          return p;
        }
      }
    }
    return null;
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

    boolean needHearth = o.phases.stream().anyMatch(p -> !p.equals("ceilings") && !p.equals("bare"));
    Map<String, Object> setup = null;
    if (needHearth || o.phases.contains("bare")) {
      pg = Postgres.start(workDir, o.synchronousCommit, o.profile);
      databaseUrl = pg.createDatabase("hearth_bench");
      if (o.profile) {
        pg.enableStatements("hearth_bench");
      }
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4));
      hearthPort = freePort();
      base = "http://127.0.0.1:" + hearthPort;
    }
    Map<String, Object> pages = null;
    List<Map<String, Object>> fanout = null;
    Map<String, Object> inbound = null;
    Map<String, Object> processing = null;
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
        inbound = inbound(receiver);
        stop(receiver);
        if (o.phases.contains("processing")) {
          processing = processing();
        }
      } else {
        stop(full);
      }
    }
    if (o.phases.contains("bare")) {
      bare = bare();
    }
    double loadAfter = Machine.loadAverage();
    String text = report(started, loadBefore, loadAfter, setup, pages, fanout, inbound, processing, bare);
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

    createCommunity("bench-fanout", "Fan-out bench");
    createCommunity("bench-inbound", "Inbound bench");
    filters = addFilters("bench-fanout") + addFilters("bench-inbound");
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
      return signedPost(a.key(), "/c/" + slug + "/inbox", follow.toString());
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
    try (Connection c = pg.connect("hearth_bench")) {
      c.setAutoCommit(false);
      try (var st = c.createStatement()) {
        st.execute("CREATE TEMP TABLE copy_map (src text NOT NULL, dst text NOT NULL)");
      }
      try (var ps = c.prepareStatement("INSERT INTO copy_map VALUES (?, ?)")) {
        for (Fediverse.Actor a : copies) {
          ps.setString(1, joinedOnHost.get(a.host()));
          ps.setString(2, a.id());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (var st = c.createStatement()) {
        st.execute("CREATE TEMP TABLE copy_actors AS SELECT m.dst AS copy_id, r.* FROM remote_actors r "
            + "JOIN copy_map m ON m.src = r.id");
        st.execute("UPDATE copy_actors SET id = copy_id, inbox = copy_id || '/inbox', key_id = copy_id || '#main-key', "
            + "preferred_username = regexp_replace(copy_id, '^.*/', ''), "
            + "document = jsonb_set(document, '{id}', to_jsonb(copy_id))");
        st.execute("ALTER TABLE copy_actors DROP COLUMN copy_id");
        st.execute("INSERT INTO remote_actors SELECT * FROM copy_actors");
        st.execute("CREATE TEMP TABLE copy_members AS SELECT m.dst AS copy_id, x.* FROM members x "
            + "JOIN copy_map m ON m.src = x.actor_id");
        st.execute("UPDATE copy_members SET actor_id = copy_id, follow_id = copy_id || '/follows/copied'");
        st.execute("ALTER TABLE copy_members DROP COLUMN copy_id");
        st.execute("INSERT INTO members SELECT * FROM copy_members");
      }
      c.commit();
      long n = Postgres.count(c, "SELECT count(*) FROM members m JOIN communities c ON c.id = m.community_id "
          + "WHERE c.slug = 'bench-fanout'");
      if (n != fanActors.size()) {
        throw new IllegalStateException("bench-fanout has " + n + " members, expected " + fanActors.size());
      }
    }
  }

  private void createCommunity(String slug, String name) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/communities"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + slug + "\",\"name\":\"" + name
            + "\",\"summary\":\"A community the benchmark creates: its members are fake servers on loopback.\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 201) {
      throw new IllegalStateException("cannot create community " + slug + ": " + res.statusCode() + " " + res.body());
    }
  }

  /** Adds {@link #FILTERS} to a community through the admin API; returns how many were accepted. */
  private int addFilters(String slug) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int added = 0;
    for (String f : FILTERS) {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/communities/" + slug
              + "/filters")).header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(f)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 == 2) {
        added++;
      } else {
        log("setup: filter not added to %s (%d %s): %s", slug, res.statusCode(), res.body(), f);
      }
    }
    return added;
  }

  /** A POST to Hearth signed (draft-cavage, rsa-sha256) as the actor, ready to send. */
  private Load.Request signedPost(SigningKey key, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    signer.sign(key, "POST", URI.create(base + path), headers, body);
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("host")) {
        m.add(k, v);
      }
    });
    return new Load.Request(HttpMethod.POST, path, m, Buffer.buffer(body));
  }

  /** A Create{Note} by a member that addresses the community (cc and a Mention), like Mastodon sends it. */
  private String create(Fediverse.Actor a, String slug, String noteId) {
    String community = base + "/c/" + slug;
    String published = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode note = Fediverse.JSON.createObjectNode();
    note.put("id", noteId).put("type", "Note").put("attributedTo", a.id()).put("published", published)
        .put("url", noteId.replace("/statuses/", "/@status/"))
        .put("content", "<p><span class=\"h-card\"><a href=\"" + community + "\" class=\"u-url mention\">@<span>" + slug
            + "</span></a></span> Has anyone read the new translation? I found the first chapters slower than the "
            + "original, but the dialogue is much better. What did you think of the ending?</p>");
    note.putArray("to").add(PUBLIC);
    note.putArray("cc").add(community).add(a.id() + "/followers");
    ArrayNode tags = note.putArray("tag");
    tags.addObject().put("type", "Mention").put("href", community).put("name", "@" + slug + "@127.0.0.1:" + hearthPort);
    ObjectNode create = Fediverse.JSON.createObjectNode();
    create.putArray("@context").add("https://www.w3.org/ns/activitystreams");
    create.put("id", noteId + "/activity").put("type", "Create").put("actor", a.id()).put("published", published);
    create.putArray("to").add(PUBLIC);
    create.putArray("cc").add(community).add(a.id() + "/followers");
    create.set("object", note);
    return create.toString();
  }

  // ------------------------------------------------------------------------------------------------ pages

  private Map<String, Object> pages(Node node) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    MultiMap html = MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/activity+json");
    Load.Request pageReq = new Load.Request(HttpMethod.GET, "/c/bench-fanout", html, null);
    Load.Request actorReq = new Load.Request(HttpMethod.GET, "/c/bench-fanout", json, null);
    communityPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/c/bench-fanout"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    try (Load load = new Load(vertx, "127.0.0.1", hearthPort, 256)) {
      warmUp(node, load, "pages (HTML)", i -> pageReq, 16);
      warmUp(node, load, "pages (JSON)", i -> actorReq, 16);
      profileStart(node, "pages");
      for (Object[] kind : new Object[][] {{"html", pageReq}, {"json", actorReq}}) {
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

  /**
   * Sends requests back to back in rounds of 4 s until the JIT is done with the path: the node's compiler threads
   * used less than 5 % of a core in the last round and its rate is less than 10 % above the round before (at least
   * three rounds; at most 90 s, 30 s with --quick). On a busy machine compilation takes long, and a phase measured
   * while C2 still compiles measures the compiler.
   */
  private void warmUp(Node node, Load load, String what, java.util.function.IntFunction<Load.Request> source,
                      int connections) {
    long deadline = System.nanoTime() + Duration.ofSeconds(o.quick ? 30 : 90).toNanos();
    double previous = 0;
    List<String> rounds = new ArrayList<>();
    for (int round = 0; ; round++) {
      int offset = round * 1_000_000;
      double jit0 = compilerNanos(node);
      long t0 = System.nanoTime();
      Load.Result w = load.closed("warm-up", i -> source.apply(offset + i), Integer.MAX_VALUE, connections, 4_000);
      double jit = (compilerNanos(node) - jit0) / (double) (System.nanoTime() - t0);
      rounds.add(String.format("%.0f/s (JIT %.2f)", w.okPerSecond(), jit));
      boolean stable = round >= 2 && jit < 0.05 && w.okPerSecond() < previous * 1.1;
      if (stable || System.nanoTime() > deadline) {
        log("%s: warm-up rounds of 4 s: %s; %s", what, String.join(", ", rounds),
            stable ? "stable" : "time limit reached, the JIT may still be compiling");
        return;
      }
      previous = w.okPerSecond();
    }
  }

  /** CPU time of the node's JIT compiler threads so far. */
  private static double compilerNanos(Node node) {
    double total = 0;
    for (Map.Entry<Long, Long> e : Usage.threadTimes(node.pid()).entrySet()) {
      String name = Usage.threadName(node.pid(), e.getKey());
      if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
        total += e.getValue();
      }
    }
    return total;
  }

  // ------------------------------------------------------------------------------------------------ fan-out

  private List<Map<String, Object>> fanout(Node node) throws Exception {
    List<Map<String, Object>> rounds = new ArrayList<>();
    try (Load load = new Load(vertx, "127.0.0.1", hearthPort, 4)) {
      int warmRounds = o.quick ? 1 : 2;
      for (int round = -warmRounds; round < o.fanoutRounds; round++) {
        Fediverse.Actor author = fanActors.get((round + warmRounds) * 7919 % fanActors.size());
        String noteId = author.id() + "/statuses/fanout-" + round + "-" + UUID.randomUUID();
        Load.Request q = signedPost(author.key(), "/c/bench-fanout/inbox", create(author, "bench-fanout", noteId));
        Fediverse.Watch w = fedi.watch(noteId, fanHosts.size());
        if (round == 0) {
          profileStart(node, "fanout");
        }
        long postsBefore = fedi.posts.sum();
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
                + "(%.0f deliveries/s overall, %.0f/s from first to last); duplicates %d; %s",
            round < 0 ? "warm-up" : String.valueOf(round + 1), post.outcomesText(), post.latencies.percentileMs(50),
            r.get("firstMs"), w.hosts.size(),
            w.expectedHosts, r.get("allMs"), r.get("deliveriesPerSecond"), r.get("sendingPerSecond"),
            w.duplicates.get(), u.text());
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

  private Map<String, Object> inbound(Node node) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    int warmUnique = 1_000;
    int fixed = o.rate * o.rateSeconds;
    int total = warmUnique + o.inboundMax + fixed;
    long t0 = System.nanoTime();
    Load.Request[] reqs = IntStream.range(0, total).parallel().mapToObj(i -> {
      Fediverse.Actor a = inActors.get(i % inActors.size());
      return signedPost(a.key(), "/c/bench-inbound/inbox", create(a, "bench-inbound", a.id() + "/statuses/in-" + i));
    }).toArray(Load.Request[]::new);
    log("inbound: %,d Creates (%,d bytes each) signed in %.1f s, before any is sent", total, reqs[0].body().length(),
        (System.nanoTime() - t0) / 1e9);
    r.put("bodyBytes", reqs[0].body().length());
    try (Load load = new Load(vertx, "127.0.0.1", hearthPort, 256)) {
      // warm-up: 1,000 Creates sent over and over (the repeats are verified and recognised as redeliveries) until
      // the rate stops growing, so that the JIT has compiled the whole path before anything is measured
      warmUp(node, load, "inbound", i -> reqs[i % warmUnique], 32);
      Thread.sleep(1_000);

      profileStart(node, "inbound-fixed");
      Usage u = Usage.begin(node, pg);
      Load.Result at = load.open("fixed", i -> reqs[warmUnique + o.inboundMax + i], fixed, o.rate,
          o.rateSeconds * 1000L, 4096);
      u.end();
      profileStop(node, "inbound-fixed");
      log("inbound at %d/s for %d s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms; %s; %s", o.rate, o.rateSeconds,
          at.latencies.percentileMs(50), at.latencies.percentileMs(95), at.latencies.percentileMs(99),
          at.latencies.maxMs(), at.outcomesText(), u.text());
      r.put("fixed", at);
      r.put("fixedUsage", u);
      log("inbound at %d/s, second:answers/p50 ms/max ms: %s", o.rate, at.timelineText());
      Thread.sleep(2_000);

      profileStart(node, "inbound-max");
      Usage um = Usage.begin(node, pg);
      Load.Result max = load.closed("max", i -> reqs[warmUnique + i], o.inboundMax, o.concurrency, 120_000);
      um.end();
      profileStop(node, "inbound-max");
      log("inbound maximum (%d connections, %,d Creates): %.0f accepted/s (per second min/median/max %s); "
              + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; %s; %s", o.concurrency, o.inboundMax, max.okPerSecond(),
          max.spread(), max.latencies.percentileMs(50), max.latencies.percentileMs(95), max.latencies.percentileMs(99),
          max.outcomesText(), um.text());
      r.put("max", max);
      r.put("maxUsage", um);
      log("inbound maximum, second:answers/p50 ms/max ms: %s", max.timelineText());
    }
    try (Connection c = pg.connect("hearth_bench")) {
      r.put("stored", Postgres.count(c, "SELECT count(*) FROM inbox WHERE type = 'Create'"));
    }
    log("inbound: %,d Creates stored in the inbox table", r.get("stored"));
    return r;
  }

  /** A worker node processes the Creates the HTTP-only node stored (each is re-shared to the inbound members' servers). */
  private Map<String, Object> processing() throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    try (Connection c = pg.connect("hearth_bench")) {
      long pending0 = Postgres.count(c, "SELECT count(*) FROM inbox WHERE state = 'pending'");
      long announces0 = fedi.postsOf("Announce");
      Node node = startHearth("worker", true);
      Thread.sleep(5_000); // the JIT's first seconds are not measured
      profileStart(node, "processing");
      Usage u = Usage.begin(node, pg);
      long done0 = Postgres.count(c, "SELECT count(*) FROM inbox WHERE state <> 'pending'");
      long t0 = System.nanoTime();
      long delivered0 = Postgres.count(c, "SELECT count(*) FROM deliveries WHERE state = 'delivered'");
      Thread.sleep(o.processingSeconds * 1000L);
      long done1 = Postgres.count(c, "SELECT count(*) FROM inbox WHERE state <> 'pending'");
      long delivered1 = Postgres.count(c, "SELECT count(*) FROM deliveries WHERE state = 'delivered'");
      long queued = Postgres.count(c, "SELECT count(*) FROM deliveries WHERE state = 'pending'");
      double seconds = (System.nanoTime() - t0) / 1e9;
      u.end();
      profileStop(node, "processing");
      stop(node);
      r.put("pendingAtStart", pending0);
      r.put("processed", done1 - done0);
      r.put("delivered", delivered1 - delivered0);
      r.put("announcesReceived", fedi.postsOf("Announce") - announces0);
      r.put("deliveriesQueued", queued);
      r.put("seconds", seconds);
      r.put("usage", u);
      log("processing: %,d pending Creates; in %.0f s a worker node processed %,d (%.0f/s) and delivered %,d "
              + "Announces (%.0f/s); %,d deliveries still queued; %s", pending0, seconds, done1 - done0,
          (done1 - done0) / seconds, delivered1 - delivered0, (delivered1 - delivered0) / seconds, queued, u.text());
    }
    return r;
  }

  // ------------------------------------------------------------------------------------------------ HTTP ceiling

  private Map<String, Object> bare() throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Path body = runDir.resolve("community-page.html");
    Files.write(body, communityPage != null ? communityPage
        : "<!doctype html><title>bench</title><p>a page of about the size of a community page</p>".repeat(20)
            .getBytes(StandardCharsets.UTF_8));
    int port = freePort();
    Node bareNode = Node.start("bare", o.hearthJvm, List.of(BareServer.class.getName(), String.valueOf(port), body.toString()),
        Map.of(), port, runDir.resolve("bare.log"));
    nodes.add(bareNode);
    try (Load load = new Load(vertx, "127.0.0.1", port, 64)) {
      Load.Request q = new Load.Request(HttpMethod.GET, "/c/bench-fanout",
          MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html"), null);
      load.closed("warm-up", i -> q, Integer.MAX_VALUE, 8, o.quick ? 2_000 : 4_000);
      Usage u = Usage.begin(bareNode, pg);
      Load.Result max = load.closed("bare max", i -> q, Integer.MAX_VALUE, 32, o.quick ? 3_000 : 5_000);
      u.end();
      r.put("max", max);
      r.put("usage", u);
      log("HTTP ceiling (bare Vert.x server, same page, 32 connections): %.0f/s (per second %s), p50 %.2f ms, "
              + "p99 %.2f ms; server %.2f cores, RSS %d MB", max.okPerSecond(), max.spread(),
          max.latencies.percentileMs(50), max.latencies.percentileMs(99), u.hearthCores, u.maxRssMb());
    } finally {
      stop(bareNode);
    }
    return r;
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
      String summary = Profiler.summarize(file, 12) + pg.topStatements("hearth_bench", 8);
      profiles.add("Profile of the Hearth node during '" + phase + "': " + summary);
      log("profile %s: %s", phase, summary);
    }
  }

  // ------------------------------------------------------------------------------------------------ report

  private String report(Instant started, double loadBefore, double loadAfter, Map<String, Object> setup,
                        Map<String, Object> pages, List<Map<String, Object>> fanout, Map<String, Object> inbound,
                        Map<String, Object> processing, Map<String, Object> bare) {
    StringBuilder s = new StringBuilder();
    String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started);
    s.append("## Run of ").append(when).append(o.quick ? " (quick)" : "").append("\n\n");
    s.append("- Machine: ").append(Machine.cores()).append(" cores (").append(Machine.cpuModel()).append("), ")
        .append(Machine.memory()).append(", ").append(Machine.os()).append("; ").append(Machine.jvm()).append('\n');
    s.append(String.format("- Load average (1 min) before / after: %.1f / %.1f (other processes share these cores)%n",
        loadBefore, loadAfter));
    s.append("- Command: `").append(BUILD_COMMAND).append(" && java -jar bench/target/hearth-bench.jar")
        .append(o.args.isEmpty() ? "" : " " + String.join(" ", o.args)).append("`\n");
    s.append("- Hearth nodes: `java ").append(String.join(" ", o.hearthJvm))
        .append(" social.hearth.Main run`, one PostgreSQL 17 (synchronous_commit=").append(o.synchronousCommit)
        .append("), load generator and fake servers in the bench JVM (one event loop)\n");
    s.append(String.format("- Communities: bench-fanout (%,d followers on %,d fake servers), bench-inbound (%,d members on %d "
        + "fake servers, the senders of the inbound Creates); %d moderation filters in all (keywords, regex, links, mentions, "
        + "account age; none holds the bench's posts)%n", o.followers, o.hosts, o.inboundActors, o.inboundHosts, filters));
    s.append("- Hearth: ").append(revision()).append('\n');
    if (o.note != null) {
      s.append("- Note: ").append(o.note).append('\n');
    }
    s.append(String.format("- Duration: %.1f min%n%n", Duration.between(started, Instant.now()).toMillis() / 60000.0));

    double verifyAll = ceilings == null ? Double.NaN : ceilings.all("rsaVerify");
    double signAll = ceilings == null ? Double.NaN : ceilings.all("rsaSign");
    double verifyOne = ceilings == null ? Double.NaN : ceilings.one("rsaVerify");

    s.append("| target (2 cores) | measured | met? |\n|---|---|---|\n");
    if (inbound != null) {
      Load.Result max = (Load.Result) inbound.get("max");
      Load.Result fixed = (Load.Result) inbound.get("fixed");
      s.append(String.format("| inbound ≥ 4,000 verified+stored Creates/s | %,.0f/s | %s |%n", max.okPerSecond(),
          yes(max.okPerSecond() >= 4000)));
      double p99 = fixed.latencies.percentileMs(99);
      s.append(String.format("| inbox p99 ≤ 20 ms at %,d/s | %.1f ms (%s) | %s |%n", o.rate, p99,
          fixed.outcomesText(), o.rate >= 1000 ? yes(p99 <= 20 && fixed.ok == fixed.sent) : "n/a (rate below 1,000/s)"));
    }
    if (fanout != null && !fanout.isEmpty()) {
      double[] all = fanout.stream().mapToDouble(r -> (Double) r.get("allMs")).sorted().toArray();
      boolean complete = fanout.stream().allMatch(r -> r.get("hosts").equals(r.get("expected")));
      s.append(String.format("| one post to %,d followers on %,d hosts in ≤ 2 s | %s s (median %.2f s)%s | %s |%n",
          o.followers, o.hosts, joinSeconds(all), all[all.length / 2] / 1000, complete ? "" : " INCOMPLETE",
          o.followers >= 10_000 && o.hosts >= 1_000 ? yes(complete && all[all.length / 2] <= 2000)
              : "n/a (the target is for 10,000 on 1,000)"));
    }
    if (pages != null) {
      Load.Result html = (Load.Result) pages.get("html.fixed");
      double p99 = html.latencies.percentileMs(99);
      s.append(String.format("| community page p99 ≤ 20 ms at %d/s (%,d members) | %.1f ms | %s |%n", o.pageRate,
          o.followers, p99, o.pageRate >= 500 ? yes(p99 <= 20) : "n/a (rate below 500/s)"));
    }
    long rss = 0;
    for (Map<String, Object> m : new ArrayList<>(Arrays.asList(pages, inbound))) {
      if (m != null) {
        for (Object v : m.values()) {
          if (v instanceof Usage u) {
            rss = Math.max(rss, u.maxRssMb());
          }
        }
      }
    }
    if (rss > 0) {
      s.append(String.format("| Hearth RSS ≤ 300 MB under that load | %d MB (max over pages and inbound) | %s |%n", rss,
          yes(rss <= 300)));
    }
    s.append('\n');

    if (ceilings != null) {
      s.append("Ceilings (JMH, ops/s, mean and slowest–fastest iteration):\n\n");
      s.append("| operation | 1 thread | ").append(ceilings.threads).append(" threads |\n|---|---|---|\n");
      for (String op : ceilings.oneThread.keySet()) {
        s.append("| ").append(opName(op)).append(" | ").append(ceilings.oneThread.get(op).format()).append(" | ")
            .append(ceilings.allCores.get(op).format()).append(" |\n");
      }
      s.append('\n');
    }

    s.append("| measurement | result | of the ceiling; CPU per operation (Hearth + PostgreSQL) |\n|---|---|---|\n");
    if (setup != null) {
      Load.Result f = (Load.Result) setup.get("follows");
      double joins = (Long) setup.get("joins") / (Double) setup.get("joinSeconds");
      s.append(String.format("| join: signed Follow → actor fetched → Accept delivered (%,d members) | %,.0f joins/s "
              + "(Follows answered %,.0f/s: %s) | %s of RSA sign (2 signatures per join: the signed GET and the Accept) |%n",
          (Long) setup.get("joins"), joins, f.okPerSecond(), f.outcomesText(), pct(2 * joins, signAll)));
      if (setup.containsKey("copied")) {
        s.append(String.format("| (%,d more fan-out members copied in SQL from the joined ones: not measured) | | |%n",
            (Integer) setup.get("copied")));
      }
    }
    if (pages != null) {
      for (String k : List.of("html", "json")) {
        Load.Result fixed = (Load.Result) pages.get(k + ".fixed");
        Load.Result max = (Load.Result) pages.get(k + ".max");
        String label = k.equals("html") ? "community page (HTML)" : "community actor (JSON)";
        double bareRate = bare == null ? Double.NaN : ((Load.Result) bare.get("max")).okPerSecond();
        s.append(String.format("| %s at %d/s | p50 %.2f ms, p99 %.2f ms, max %.1f ms (%s) | |%n", label, o.pageRate,
            fixed.latencies.percentileMs(50), fixed.latencies.percentileMs(99), fixed.latencies.maxMs(), fixed.outcomesText()));
        s.append(String.format("| %s, maximum (32 connections) | %,.0f/s (per second min/median/max %s), p99 %.1f ms | %s%s |%n",
            label, max.okPerSecond(), max.spread(), max.latencies.percentileMs(99),
            bare == null ? "" : pct(max.okPerSecond(), bareRate) + " of a bare Vert.x server serving the same page; ",
            perOp((Usage) pages.get(k + ".maxUsage"), max.okPerSecond())));
      }
    }
    if (bare != null) {
      Load.Result max = (Load.Result) bare.get("max");
      s.append(String.format("| HTTP ceiling: bare Vert.x server, same page (32 connections) | %,.0f/s (per second %s), "
          + "p99 %.1f ms | |%n", max.okPerSecond(), max.spread(), max.latencies.percentileMs(99)));
    }
    if (fanout != null) {
      for (int i = 0; i < fanout.size(); i++) {
        Map<String, Object> r = fanout.get(i);
        double perSecond = (Double) r.get("deliveriesPerSecond");
        s.append(String.format("| fan-out %d: one post → %,d followers on %,d hosts (one POST per shared inbox) | "
                + "202 in %.1f ms, first Announce at %.0f ms, all %,d of %,d hosts at %.0f ms; %,.0f deliveries/s; "
                + "duplicates %d | %s of RSA sign on %d cores; %s |%n",
            i + 1, o.followers, o.hosts, r.get("ackMs"), r.get("firstMs"), r.get("hosts"), r.get("expected"),
            r.get("allMs"), perSecond, r.get("duplicates"), pct(perSecond, signAll), Machine.cores(),
            perOp((Usage) r.get("usage"), perSecond)));
      }
    }
    if (inbound != null) {
      Load.Result fixed = (Load.Result) inbound.get("fixed");
      Load.Result max = (Load.Result) inbound.get("max");
      String node = o.inboundHttpOnly ? "HTTP-only node" : "full node";
      s.append(String.format("| inbound Creates at %,d/s for %d s (%s, %d-byte bodies) | p50 %.2f ms, p95 %.2f ms, "
              + "p99 %.2f ms, max %.1f ms; %s | %s |%n", o.rate, o.rateSeconds, node,
          inbound.get("bodyBytes"), fixed.latencies.percentileMs(50), fixed.latencies.percentileMs(95),
          fixed.latencies.percentileMs(99), fixed.latencies.maxMs(), fixed.outcomesText(),
          perOp((Usage) inbound.get("fixedUsage"), fixed.okPerSecond())));
      s.append(String.format("| inbound Creates, maximum (%d connections, %,d Creates, %s) | %,.0f accepted/s "
              + "(per second min/median/max %s); p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %s | %s of RSA verify on "
              + "%d cores (%s of one core); %s |%n", o.concurrency, o.inboundMax, node, max.okPerSecond(), max.spread(),
          max.latencies.percentileMs(50), max.latencies.percentileMs(95), max.latencies.percentileMs(99),
          max.outcomesText(), pct(max.okPerSecond(), verifyAll), Machine.cores(), pct(max.okPerSecond(), verifyOne),
          perOp((Usage) inbound.get("maxUsage"), max.okPerSecond())));
    }
    if (processing != null) {
      double sec = (Double) processing.get("seconds");
      long processed = (Long) processing.get("processed");
      long delivered = (Long) processing.get("delivered");
      s.append(String.format("| processing the received Creates (worker node, %,d pending; each re-shared to %d servers) | "
              + "%,.0f Creates/s processed, %,.0f Announces/s delivered (%,d and %,d in %.0f s) | %s of RSA sign; %s |%n",
          (Long) processing.get("pendingAtStart"), o.inboundHosts, processed / sec, delivered / sec, processed, delivered,
          sec, pct(delivered / sec, signAll), perOp((Usage) processing.get("usage"), processed / sec)));
    }
    s.append('\n');

    s.append("CPU and memory per phase (cores busy on average; Hearth's resident set):\n\n");
    s.append("| phase | Hearth | PostgreSQL | bench | Hearth RSS max | PostgreSQL PSS | Hearth's busiest threads (cores) |\n"
        + "|---|---|---|---|---|---|---|\n");
    usageRow(s, "join", setup == null ? null : (Usage) setup.get("usage"));
    if (pages != null) {
      usageRow(s, "HTML at " + o.pageRate + "/s", (Usage) pages.get("html.fixedUsage"));
      usageRow(s, "HTML maximum", (Usage) pages.get("html.maxUsage"));
      usageRow(s, "JSON at " + o.pageRate + "/s", (Usage) pages.get("json.fixedUsage"));
      usageRow(s, "JSON maximum", (Usage) pages.get("json.maxUsage"));
    }
    if (fanout != null) {
      for (int i = 0; i < fanout.size(); i++) {
        usageRow(s, "fan-out " + (i + 1), (Usage) fanout.get(i).get("usage"));
      }
    }
    if (inbound != null) {
      usageRow(s, "inbound at " + o.rate + "/s", (Usage) inbound.get("fixedUsage"));
      usageRow(s, "inbound maximum", (Usage) inbound.get("maxUsage"));
    }
    if (processing != null) {
      usageRow(s, "processing", (Usage) processing.get("usage"));
    }
    if (bare != null) {
      usageRow(s, "bare Vert.x (in the Hearth column)", (Usage) bare.get("usage"));
    }
    s.append('\n');
    if (!profiles.isEmpty()) {
      s.append("<details><summary>JFR profiles</summary>\n\n```\n");
      profiles.forEach(p -> s.append(p).append('\n'));
      s.append("```\n</details>\n\n");
    }
    return s.toString();
  }

  /** The commit the bench ran from, when it runs in a git checkout. */
  private static String revision() {
    Path root = repoRoot();
    if (root == null) {
      return "unknown revision";
    }
    try {
      Process p = new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=%h %s").redirectErrorStream(true).start();
      String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0 || head.isEmpty()) {
        return "unknown revision (not a git checkout)";
      }
      Process st = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no",
          "--", "federation", "server/src/main", "web-ui").redirectErrorStream(true).start();
      String dirty = new String(st.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      st.waitFor();
      String subject = head.length() > 90 ? head.substring(0, 90) + "…" : head;
      return "commit " + subject + (dirty.isEmpty() ? "" : " (plus uncommitted changes in the checkout)");
    } catch (IOException e) {
      return "unknown revision";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown revision";
    }
  }

  private static void usageRow(StringBuilder s, String name, Usage u) {
    if (u == null) {
      return;
    }
    s.append(String.format("| %s | %.2f | %.2f | %.2f | %d MB | %d MB | %s |%n", name, u.hearthCores, u.pgCores, u.benchCores,
        u.maxRssMb(), u.pgPssMb(), String.join(", ", u.busiestThreads)));
  }

  /** CPU time per operation: "Hearth 0.24 ms + PostgreSQL 0.28 ms CPU per operation". */
  private static String perOp(Usage u, double perSecond) {
    if (u == null || perSecond <= 0) {
      return "";
    }
    return String.format("Hearth %.2f ms + PostgreSQL %.2f ms CPU each", 1000 * u.hearthCores / perSecond,
        1000 * u.pgCores / perSecond);
  }

  private static String joinSeconds(double[] ms) {
    List<String> parts = new ArrayList<>();
    for (double m : ms) {
      parts.add(String.format("%.2f", m / 1000));
    }
    return String.join(", ", parts);
  }

  private static String opName(String op) {
    return switch (op) {
      case "rsaSign" -> "RSA-2048 sign (JDK SHA256withRSA)";
      case "rsaVerify" -> "RSA-2048 verify (JDK SHA256withRSA)";
      case "ed25519Sign" -> "Ed25519 sign (Bouncy Castle)";
      case "ed25519Verify" -> "Ed25519 verify (Bouncy Castle)";
      default -> op;
    };
  }

  private static String pct(double value, double ceiling) {
    if (Double.isNaN(ceiling) || ceiling <= 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f %%", 100 * value / ceiling);
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
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
