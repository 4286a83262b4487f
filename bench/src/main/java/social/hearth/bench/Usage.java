package social.hearth.bench;

/**
 * CPU and memory during one phase: how many cores Hearth, PostgreSQL and the bench itself (load generator and
 * fake servers) used on average, Hearth's largest resident set (sampled every 100 ms) and PostgreSQL's PSS.
 */
final class Usage {

  private final Node node;
  private final Postgres pg;
  private final long t0;
  private final long hearth0;
  private final long pg0;
  private final java.util.Map<String, Long> pgKinds0;
  /** PostgreSQL's CPU during the phase by kind of process ({@link Postgres#cpuNanosByKind}), in cores. */
  final java.util.Map<String, Double> pgCoresByKind = new java.util.LinkedHashMap<>();
  private final long self0;
  private final Thread sampler;
  private final java.util.Map<Long, Long> threads0;
  /** The busiest threads of the Hearth process: "name cores", busiest first. */
  final java.util.List<String> busiestThreads = new java.util.ArrayList<>();
  private volatile boolean running = true;
  private volatile long maxRssKb;
  private volatile long maxPgPssKb;

  double seconds;
  double hearthCores;
  double pgCores;
  double benchCores;
  double loadAverage;

  private Usage(Node node, Postgres pg) {
    this.node = node;
    this.pg = pg;
    this.t0 = System.nanoTime();
    this.hearth0 = node == null ? 0 : node.cpuNanos();
    this.threads0 = node == null ? java.util.Map.of() : threadTimes(node.pid());
    this.pg0 = pg.cpuNanos();
    this.pgKinds0 = pg.cpuNanosByKind();
    this.self0 = Machine.cpuNanos(ProcessHandle.current().pid());
    this.sampler = new Thread(this::sample, "bench-usage");
    this.sampler.setDaemon(true);
    this.sampler.start();
  }

  static Usage begin(Node node, Postgres pg) {
    return new Usage(node, pg);
  }

  private void sample() {
    int n = 0;
    while (running) {
      if (node != null) {
        maxRssKb = Math.max(maxRssKb, node.rssKb());
      }
      if (n++ % 10 == 0) {
        maxPgPssKb = Math.max(maxPgPssKb, pg.pssKb());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  Usage end() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long wall = System.nanoTime() - t0;
    seconds = wall / 1e9;
    hearthCores = node == null ? 0 : (node.cpuNanos() - hearth0) / (double) wall;
    pgCores = (pg.cpuNanos() - pg0) / (double) wall;
    pg.cpuNanosByKind().forEach((kind, n) -> {
      long used = n - pgKinds0.getOrDefault(kind, 0L);
      if (used > 0) {
        pgCoresByKind.put(kind, used / (double) wall);
      }
    });
    benchCores = (Machine.cpuNanos(ProcessHandle.current().pid()) - self0) / (double) wall;
    loadAverage = Machine.loadAverage();
    if (node != null) {
      maxRssKb = Math.max(maxRssKb, node.rssKb());
      java.util.Map<Long, Long> threads1 = threadTimes(node.pid());
      threads1.entrySet().stream()
          .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0)
          .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
          .limit(4)
          .forEach(e -> busiestThreads.add(String.format("%s %.2f", threadName(node.pid(), e.getKey()),
              e.getValue() / (double) wall)));
    }
    return this;
  }

  /** CPU nanoseconds of every thread of a process, by thread id. */
  static java.util.Map<Long, Long> threadTimes(long pid) {
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
      tasks.forEach(t -> {
        long tid = Long.parseLong(t.getFileName().toString());
        java.util.List<String> l = Machine.lines(t.resolve("stat"));
        if (!l.isEmpty()) {
          String st = l.get(0);
          String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
          out.put(tid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L);
        }
      });
    } catch (java.io.IOException | RuntimeException e) {
      // the process is gone
    }
    return out;
  }

  static String threadName(long pid, long tid) {
    java.util.List<String> l = Machine.lines(java.nio.file.Path.of("/proc/" + pid + "/task/" + tid + "/comm"));
    return l.isEmpty() ? "tid " + tid : l.get(0).trim();
  }

  long maxRssMb() {
    return maxRssKb / 1024;
  }

  long pgPssMb() {
    return maxPgPssKb / 1024;
  }

  String text() {
    StringBuilder kinds = new StringBuilder();
    pgCoresByKind.forEach((kind, cores) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(kind)
        .append(String.format(" %.3f", cores)));
    return String.format("CPU (cores busy on average over %.0f s): Hearth %.2f, PostgreSQL %.2f (%s), bench (generator + fake servers) "
            + "%.2f; Hearth RSS max %d MB; PostgreSQL PSS %d MB; load average %.1f; Hearth's busiest threads: %s",
        seconds, hearthCores, pgCores, kinds, benchCores, maxRssMb(), pgPssMb(), loadAverage, String.join(", ", busiestThreads));
  }
}
