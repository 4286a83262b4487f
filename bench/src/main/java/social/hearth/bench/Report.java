package social.hearth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown section a run appends to docs/benchmarks.md: targets, ceilings, every measurement, CPU and memory. */
final class Report {

  private final Options o;
  private final Ceilings ceilings;
  private final int filters;
  private final List<String> profiles;

  Report(Options o, Ceilings ceilings, int filters, List<String> profiles) {
    this.o = o;
    this.ceilings = ceilings;
    this.filters = filters;
    this.profiles = profiles;
  }

  String render(Instant started, double loadBefore, double loadAfter, Map<String, Object> setup,
                        Map<String, Object> pages, List<Map<String, Object>> fanout, Map<String, Object> inbound,
                        Map<String, Object> processing, Map<String, Object> flood, Map<String, Object> bare) {
    StringBuilder s = new StringBuilder();
    String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started);
    s.append("## Run of ").append(when).append(o.quick ? " (quick)" : "").append("\n\n");
    s.append("- Machine: ").append(Machine.cores()).append(" cores (").append(Machine.cpuModel()).append("), ")
        .append(Machine.memory()).append(", ").append(Machine.os()).append("; ").append(Machine.jvm()).append('\n');
    s.append(String.format("- Load average (1 min) before / after: %.1f / %.1f (other processes share these cores)%n",
        loadBefore, loadAfter));
    s.append("- Command: `").append(Bench.BUILD_COMMAND).append(" && java -jar bench/target/hearth-bench.jar")
        .append(o.args.isEmpty() ? "" : " " + String.join(" ", o.args)).append("`\n");
    s.append("- Hearth nodes: `java ").append(String.join(" ", o.hearthJvm))
        .append(" social.hearth.Main run` with HEARTH_PAGE_CACHE_MS=").append(o.pageCacheMs)
        .append(o.pageCacheMs == 0 ? " (every page view renders)" : "")
        .append(", one PostgreSQL 17 (synchronous_commit=").append(o.synchronousCommit)
        .append("), load generator and fake servers in the bench JVM (one event loop)\n");
    s.append(String.format("- Communities: bench-fanout (%,d followers on %,d fake servers, %,d posts), bench-inbound (%,d members on %d "
        + "fake servers, the senders of the inbound Creates); %d moderation filters in all (keywords, regex, links, mentions, "
        + "account age; none holds the bench's posts)%n", o.followers, o.hosts, o.seedPosts, o.inboundActors, o.inboundHosts, filters));
    s.append("- Hearth: ").append(revision()).append('\n');
    s.append("- Fan-out deliveries signed with: ").append(o.fanoutSigning.equals("ed25519")
        ? "Ed25519 (RFC 9421; every fake server marked as accepting it)" : "RSA-2048 (the default)").append('\n');
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
      s.append(String.format("| community page p99 ≤ 20 ms at %d/s (%,d members, %,d posts; %s) | %.1f ms | %s |%n",
          o.pageRate, o.followers, o.seedPosts, o.pageCacheMs > 0 ? "anonymous page cache " + o.pageCacheMs + " ms"
              : "no page cache", p99, o.pageRate >= 500 ? yes(p99 <= 20) : "n/a (rate below 500/s)"));
      Load.Result rendered = (Load.Result) pages.get("rendered.fixed");
      if (rendered != null && o.pageCacheMs > 0) {
        double r99 = rendered.latencies.percentileMs(99);
        s.append(String.format("| the same page, every view rendered (no cache) | %.1f ms | %s |%n", r99,
            o.pageRate >= 500 ? yes(r99 <= 20) : "n/a (rate below 500/s)"));
      }
    }
    if (flood != null) {
      double rate = (Double) flood.get("drainPerSecond");
      double followMs = (Double) flood.get("followMs");
      s.append(String.format("| a backlog of %,d refused posts drained at ≥ 3,000/s | %,.0f/s | %s |%n",
          (Long) flood.get("backlog"), rate, yes(rate >= 3000)));
      s.append(String.format("| a Follow sent during that flood answered by its Accept in < 2 s | %s | %s |%n",
          Double.isNaN(followMs) ? "no Accept" : String.format("%.0f ms", followMs), yes(followMs < 2000)));
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
      for (String k : List.of("html", "rendered", "json")) {
        Load.Result fixed = (Load.Result) pages.get(k + ".fixed");
        Load.Result max = (Load.Result) pages.get(k + ".max");
        String label = switch (k) {
          case "html" -> "community page (HTML" + (o.pageCacheMs > 0 ? ", anonymous page cache " + o.pageCacheMs + " ms)" : ")");
          case "rendered" -> "community page (HTML), every view rendered";
          default -> "community actor (JSON)";
        };
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
      if (processing.containsKey("drain.usage")) {
        double dsec = (Double) processing.get("drain.seconds");
        long dproc = (Long) processing.get("drain.processed");
        long ddel = (Long) processing.get("drain.delivered");
        s.append(String.format("| end to end: a fresh worker node processes %,d Creates and sends every delivery they cause "
                + "(JIT warm-up included) | %,.0f Creates/s, %,.0f Announces/s delivered (%,d and %,d in %.1f s) | %s of "
                + "RSA sign; %s |%n", dproc, dproc / dsec, ddel / dsec, dproc, ddel, dsec, pct(ddel / dsec, signAll),
            perOp((Usage) processing.get("drain.usage"), dproc / dsec)));
      }
    }
    if (flood != null) {
      double rate = (Double) flood.get("drainPerSecond");
      double followMs = (Double) flood.get("followMs");
      s.append(String.format("| flood: %,d refused posts queued (non-members posting to a members-only community), "
              + "drained by a worker node after %.1f s of warm-up on the same backlog | %,.0f posts/s (%,d in %.1f s); "
              + "a Follow sent during the flood answered by its Accept in %s; lanes meanwhile: content %,d processed, "
              + "control %,d | %s |%n", (Long) flood.get("backlog"), (Double) flood.get("warmSeconds"), rate,
          (Long) flood.get("drained"), (Double) flood.get("seconds"),
          Double.isNaN(followMs) ? "**no Accept**" : String.format("%.0f ms", followMs), (Long) flood.get("contentDone"),
          (Long) flood.get("controlDone"), perOp((Usage) flood.get("usage"), rate)));
    }
    s.append('\n');

    s.append("CPU and memory per phase (cores busy on average; Hearth's resident set):\n\n");
    s.append("| phase | Hearth | PostgreSQL | bench | Hearth RSS max | PostgreSQL PSS | Hearth's busiest threads (cores) |\n"
        + "|---|---|---|---|---|---|---|\n");
    usageRow(s, "join", setup == null ? null : (Usage) setup.get("usage"));
    if (pages != null) {
      usageRow(s, "HTML at " + o.pageRate + "/s", (Usage) pages.get("html.fixedUsage"));
      usageRow(s, "HTML maximum", (Usage) pages.get("html.maxUsage"));
      usageRow(s, "HTML rendered at " + o.pageRate + "/s", (Usage) pages.get("rendered.fixedUsage"));
      usageRow(s, "HTML rendered maximum", (Usage) pages.get("rendered.maxUsage"));
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
      if (processing.containsKey("drain.usage")) {
        usageRow(s, "processing end to end", (Usage) processing.get("drain.usage"));
      }
    }
    if (flood != null) {
      usageRow(s, "flood (draining refused posts)", (Usage) flood.get("usage"));
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
    Path root = checkout();
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

  /** The checkout this jar was built in (bench/target/hearth-bench.jar → the checkout), or the working directory. */
  static Path checkout() {
    List<Path> candidates = new ArrayList<>();
    try {
      Path jar = Path.of(Report.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
}
