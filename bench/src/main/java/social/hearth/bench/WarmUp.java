package social.hearth.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Warming a Hearth node's JIT up on the path a phase is about to measure. */
final class WarmUp {

  private WarmUp() {}

  /**
   * Sends requests back to back in rounds of 4 s until the JIT is done with the path: the node's compiler threads
   * used less than 5 % of a core in the last round and its rate is less than 10 % above the round before (at least
   * three rounds; at most 90 s, 30 s with --quick). On a busy machine compilation takes long, and a phase measured
   * while C2 still compiles measures the compiler.
   */
  static void run(Node node, Load load, boolean quick, String what, java.util.function.IntFunction<Load.Request> source,
                      int connections) {
    long deadline = System.nanoTime() + Duration.ofSeconds(quick ? 30 : 90).toNanos();
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
        Bench.log("%s: warm-up rounds of 4 s: %s; %s", what, String.join(", ", rounds),
            stable ? "stable" : "time limit reached, the JIT may still be compiling");
        return;
      }
      previous = w.okPerSecond();
    }
  }

  /**
   * Waits while a node works (no requests are sent: it has work queued) until its JIT compiler threads used less
   * than 5 % of a core over 2 s, at least 4 s and at most 30 s (60 s without --quick).
   */
  static void whileCompiling(Node node, boolean quick, String what) throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + Duration.ofSeconds(quick ? 30 : 60).toNanos();
    List<String> rounds = new ArrayList<>();
    for (int round = 0; ; round++) {
      double jit0 = compilerNanos(node);
      long t0 = System.nanoTime();
      Thread.sleep(2_000);
      double jit = (compilerNanos(node) - jit0) / (double) (System.nanoTime() - t0);
      rounds.add(String.format("%.2f", jit));
      boolean stable = round >= 1 && jit < 0.05;
      if (stable || System.nanoTime() > deadline) {
        Bench.log("%s: JIT compiler threads (cores) in rounds of 2 s before measuring: %s; %s", what,
            String.join(", ", rounds), stable ? "stable" : "time limit reached, the JIT may still be compiling");
        return;
      }
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
}
