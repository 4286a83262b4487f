package social.hearth.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options. */
final class Options {
  boolean quick;
  Set<String> phases = new LinkedHashSet<>(List.of("ceilings", "pages", "fanout", "inbound", "processing", "flood", "bare"));
  int followers = 10_000;
  int hosts = 1_000;
  int inboundActors = 1_000;
  int inboundHosts = 50;
  int inboundMax = 40_000;
  int concurrency = 64;
  int rate = 1_000;
  int rateSeconds = 15;
  int pageRate = 500;
  int pageSeconds = 15;
  int pageCacheMs = 1_000;
  int seedPosts = 5_000;
  int fanoutRounds = 3;
  int processingSeconds = 15;
  /** Creates a fresh worker takes end to end (processed and every delivery sent) after the window; 0: none. */
  int drainCreates;
  int floodPosts = 20_000;
  boolean floodAnalyze;
  /** The dashboard phase (--phases=dashboard, not in the default run): posts of its year, renders measured. */
  int dashboardPosts = 100_000;
  int dashboardRenders = 300;
  int dashboardWarmup = 200;
  boolean inboundHttpOnly = true;
  boolean allFollow;
  /** How the fan-out community signs its deliveries: "rsa" (what every peer gets by default) or "ed25519". */
  String fanoutSigning = "rsa";
  String synchronousCommit = "on";
  /** The JVM options of ./hearth run and the Dockerfile, so the bench measures what users run. */
  List<String> hearthJvm = new ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:+IgnoreUnrecognizedVMOptions",
      "-XX:TrimNativeHeapInterval=5000"));
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
          o.inboundHosts = 10;
          o.inboundMax = 10_000;
          o.rateSeconds = 5;
          o.pageSeconds = 5;
    o.seedPosts = 1_000;
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
        case "--page-cache-ms" -> o.pageCacheMs = Integer.parseInt(value);
        case "--seed-posts" -> o.seedPosts = Integer.parseInt(value);
        case "--fanout-rounds" -> o.fanoutRounds = Integer.parseInt(value);
        case "--processing-seconds" -> o.processingSeconds = Integer.parseInt(value);
        case "--drain-creates" -> o.drainCreates = Integer.parseInt(value);
        case "--flood-posts" -> o.floodPosts = Integer.parseInt(value);
        case "--flood-analyze" -> o.floodAnalyze = true;
        case "--dashboard-posts" -> o.dashboardPosts = Integer.parseInt(value);
        case "--dashboard-renders" -> o.dashboardRenders = Integer.parseInt(value);
        case "--inbound-node" -> o.inboundHttpOnly = switch (value) {
          case "http-only" -> true;
          case "full" -> false;
          default -> throw new IllegalArgumentException("--inbound-node is http-only or full");
        };
        case "--synchronous-commit" -> o.synchronousCommit = value;
        case "--hearth-jvm" -> o.hearthJvm = value.isBlank() ? new ArrayList<>() : new ArrayList<>(List.of(value.trim().split("\\s+")));
        case "--profile" -> o.profile = true;
        case "--all-follow" -> o.allFollow = true;
        case "--fanout-signing" -> o.fanoutSigning = switch (value) {
          case "rsa", "ed25519" -> value;
          default -> throw new IllegalArgumentException("--fanout-signing is rsa or ed25519");
        };
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
          --phases=a,b,...         of ceilings,pages,fanout,inbound,processing,flood,bare (default: all) and dashboard
                                   (only when named: a year of history, the staff dashboard's render time)
          --followers=N --hosts=N  fan-out community: N followers spread over N fake servers (10000, 1000)
          --inbound-actors=N --inbound-hosts=N   senders of the inbound Creates (1000 on 50 servers)
          --inbound-max=N          Creates sent back to back for the maximum rate (40000)
          --concurrency=N          connections for the maximum-rate runs (64)
          --rate=N --rate-seconds=N          fixed inbound rate and its duration (1000/s for 15 s)
          --page-rate=N --page-seconds=N     fixed page rate and its duration (500/s for 15 s)
          --page-cache-ms=N        HEARTH_PAGE_CACHE_MS of the nodes (1000, Hearth's default; the page is also measured
                                     with a query string, which the cache never answers: every view rendered)
          --seed-posts=N           posts written to bench-fanout in SQL before the pages are measured (5000; 1000 quick)
          --fanout-rounds=N        posts fanned out one after the other (3)
          --processing-seconds=N   how long the received Creates are processed (15)
          --drain-creates=N        after the window, a fresh worker takes N Creates end to end (processed and every
                                   delivery sent), so CPU per Create includes all their deliveries (0: not run)
          --flood-posts=N          refused posts in the flood's measured backlog (20000; a first 4000 warm up)
          --flood-analyze          ANALYZE the inbox once the flood is stored, before the drain (as autovacuum would)
          --dashboard-posts=N      posts in the dashboard phase's year (100000)
          --dashboard-renders=N    dashboard renders measured (300, after 200 to warm up)
          --inbound-node=http-only|full      node that receives the inbound load (http-only: HEARTH_WORKERS=false)
          --synchronous-commit=on|off        PostgreSQL durability (on)
          --hearth-jvm="OPTS"      JVM options of the Hearth nodes (those of ./hearth run: -Xmx128m -XX:+UseSerialGC
                                   -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=5000)
          --all-follow             every fan-out follower joins by a signed Follow (default: one per host does,
                                   the others are copied from those in SQL, to save minutes of setup)
          --fanout-signing=rsa|ed25519       what the community signs its deliveries with: RSA (default), or Ed25519
                                   (RFC 9421) with every fake server marked in SQL as accepting it, as Hearth
                                   learns it from a peer that signs with Ed25519 itself
          --profile                JFR recording of the Hearth node per phase, summarised (files in bench/target/bench-run)
          --no-append              print only; do not append to docs/benchmarks.md
          --report=PATH            the Markdown file to append to (default: docs/benchmarks.md of the checkout)
          --max-minutes=N          hard time limit; everything is stopped after it (20)
          --note=TEXT              a line added to the report (e.g. what was measured, which commit)
        """;
  }
}
