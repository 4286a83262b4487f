package social.hearth.bench;

import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link CryptoBench} with JMH (one fork) on one thread and on every core. */
final class Ceilings {

  /** Operations per second: mean over the measurement iterations, with the slowest and fastest iteration. */
  record Rate(double mean, double min, double max) {
    String format() {
      return String.format("%,.0f/s (%,.0f–%,.0f)", mean, min, max);
    }
  }

  /** op name (rsaSign, rsaVerify, ed25519Sign, ed25519Verify) → rate, for 1 thread and for all cores. */
  final Map<String, Rate> oneThread = new LinkedHashMap<>();
  final Map<String, Rate> allCores = new LinkedHashMap<>();
  final int threads;

  private Ceilings(int threads) {
    this.threads = threads;
  }

  static Ceilings measure(boolean quick) throws RunnerException {
    Ceilings c = new Ceilings(Machine.cores());
    c.run(1, quick, c.oneThread);
    c.run(c.threads, quick, c.allCores);
    return c;
  }

  private void run(int threads, boolean quick, Map<String, Rate> into) throws RunnerException {
    Options opts = new OptionsBuilder()
        .include(CryptoBench.class.getName() + "\\.")
        .forks(1)
        .threads(threads)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.seconds(quick ? 1 : 2))
        .timeUnit(TimeUnit.SECONDS)
        .mode(org.openjdk.jmh.annotations.Mode.Throughput)
        .jvmArgsAppend("-Xmx256m")
        .verbosity(VerboseMode.SILENT)
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(opts).run();
    List<RunResult> sorted = new java.util.ArrayList<>(results);
    List<String> order = List.of("rsaSign", "rsaVerify", "ed25519Sign", "ed25519Verify");
    sorted.sort(java.util.Comparator.comparingInt(r -> order.indexOf(
        r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1))));
    for (RunResult r : sorted) {
      String label = r.getParams().getBenchmark();
      String op = label.substring(label.lastIndexOf('.') + 1);
      Result<?> primary = r.getPrimaryResult();
      into.put(op, new Rate(primary.getScore(), primary.getStatistics().getMin(), primary.getStatistics().getMax()));
    }
  }

  double all(String op) {
    Rate r = allCores.get(op);
    return r == null ? Double.NaN : r.mean();
  }

  double one(String op) {
    Rate r = oneThread.get(op);
    return r == null ? Double.NaN : r.mean();
  }
}
