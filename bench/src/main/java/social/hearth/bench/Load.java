package social.hearth.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The load generator: a Vert.x HTTP client on one event loop of the bench JVM, sending prepared requests to one
 * server. Closed loop ({@link #closed}: N connections, each sends its next request when the previous one is
 * answered) finds the maximum rate; open loop ({@link #open}: requests start on a fixed schedule whatever the
 * answers) measures latency at a given rate, each latency counted from the moment the request was due, so a
 * stall is not hidden by the generator waiting for it (no coordinated omission).
 */
final class Load implements AutoCloseable {

  /** A prepared request. Headers must not contain Host: the client sends host:port of the target. */
  record Request(HttpMethod method, String path, MultiMap headers, Buffer body) {}

  /** What a run measured. */
  static final class Result {
    final String name;
    final Latencies latencies = new Latencies();
    final Map<String, Long> outcomes = new TreeMap<>();
    long startNanos;
    long endNanos;
    long sent;
    long ok;
    long delayedByInFlightCap;
    private long[] perSecond = new long[64];
    private final List<long[]> timeline = new ArrayList<>();

    Result(String name) {
      this.name = name;
    }

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }

    double okPerSecond() {
      return ok / seconds();
    }

    void record(long now, long latencyNanos, String outcome, boolean success) {
      latencies.add(latencyNanos);
      timeline.add(new long[] {(now - startNanos) / 1_000_000_000L, latencyNanos});
      outcomes.merge(outcome, 1L, Long::sum);
      if (success) {
        ok++;
        int s = (int) ((now - startNanos) / 1_000_000_000L);
        if (s >= perSecond.length) {
          perSecond = Arrays.copyOf(perSecond, Math.max(s + 1, perSecond.length * 2));
        }
        perSecond[s]++;
      }
    }

    /** Successful answers per whole second of the run, without the last (partial) second. */
    long[] perSecond() {
      int full = (int) ((endNanos - startNanos) / 1_000_000_000L);
      return Arrays.copyOf(perSecond, Math.max(0, Math.min(full, perSecond.length)));
    }

    /** For each second of the run: answers, and the median and largest latency (ms) of those answered in it. */
    String timelineText() {
      java.util.Map<Long, List<Long>> bySecond = new java.util.TreeMap<>();
      for (long[] t : timeline) {
        bySecond.computeIfAbsent(t[0], k -> new ArrayList<>()).add(t[1]);
      }
      List<String> parts = new ArrayList<>();
      bySecond.forEach((sec, l) -> {
        l.sort(Long::compare);
        parts.add(String.format("%d:%d/%.0f/%.0f", sec, l.size(), l.get(l.size() / 2) / 1e6, l.get(l.size() - 1) / 1e6));
      });
      return String.join(" ", parts);
    }

    String outcomesText() {
      List<String> parts = new ArrayList<>();
      outcomes.forEach((k, v) -> parts.add(k + " × " + String.format("%,d", v)));
      return String.join(", ", parts);
    }

    /** min / median / max of the per-second rates, e.g. "3,900 / 4,100 / 4,300". */
    String spread() {
      long[] s = perSecond();
      if (s.length == 0) {
        return "n/a";
      }
      long[] sorted = s.clone();
      Arrays.sort(sorted);
      return String.format("%,d / %,d / %,d", sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final String host;
  private final int port;

  Load(Vertx vertx, String host, int port, int maxConnections) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(60)
        .setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  private Future<Integer> send(Request q) {
    RequestOptions o = new RequestOptions().setMethod(q.method()).setHost(host).setPort(port).setURI(q.path())
        .setIdleTimeout(30_000);
    if (q.headers() != null) {
      o.setHeaders(q.headers());
    }
    return client.request(o)
        .compose(req -> q.body() == null ? req.send() : req.send(q.body()))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  private static String outcome(io.vertx.core.AsyncResult<Integer> ar) {
    if (ar.succeeded()) {
      return String.valueOf(ar.result());
    }
    return "error " + ar.cause().getClass().getSimpleName();
  }

  private static boolean success(io.vertx.core.AsyncResult<Integer> ar) {
    return ar.succeeded() && ar.result() >= 200 && ar.result() < 300;
  }

  /** {@code concurrency} connections send requests 0..count-1 back to back, for at most {@code maxMillis}. */
  Result closed(String name, IntFunction<Request> source, int count, int concurrency, long maxMillis) {
    Result r = new Result(name);
    CompletableFuture<Result> done = new CompletableFuture<>();
    Context ctx = vertx.getOrCreateContext();
    ctx.runOnContext(v -> new Object() {
      long next;
      int active = concurrency;
      final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);

      void start() {
        r.startNanos = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
          sendNext();
        }
      }

      void sendNext() {
        long i = next++;
        if (i >= count || System.nanoTime() > deadline) {
          if (--active == 0) {
            r.endNanos = System.nanoTime();
            done.complete(r);
          }
          return;
        }
        Request q = source.apply((int) i);
        r.sent++;
        long t0 = System.nanoTime();
        send(q).onComplete(ar -> {
          long now = System.nanoTime();
          r.record(now, now - t0, outcome(ar), success(ar));
          sendNext();
        });
      }
    }.start());
    return join(done, maxMillis);
  }

  /**
   * Requests 0..count-1 start at {@code rate} per second for {@code millis}; at most {@code maxInFlight} are open
   * at once (requests beyond wait, and their wait counts in their latency).
   */
  Result open(String name, IntFunction<Request> source, int count, double rate, long millis, int maxInFlight) {
    Result r = new Result(name);
    CompletableFuture<Result> done = new CompletableFuture<>();
    Context ctx = vertx.getOrCreateContext();
    ctx.runOnContext(v -> new Object() {
      long sent;
      int inFlight;
      boolean stopped;
      long timer;
      long limit;

      void start() {
        r.startNanos = System.nanoTime();
        limit = Math.min(count, (long) (rate * millis / 1000.0));
        timer = vertx.setPeriodic(1, t -> tick());
        tick();
      }

      void tick() {
        long now = System.nanoTime();
        long due = Math.min(limit, (long) ((now - r.startNanos) / 1e9 * rate) + 1);
        while (sent < due) {
          if (inFlight >= maxInFlight) {
            r.delayedByInFlightCap++;
            break;
          }
          long intended = r.startNanos + (long) (sent * 1e9 / rate);
          Request q = source.apply((int) sent);
          sent++;
          r.sent++;
          inFlight++;
          send(q).onComplete(ar -> {
            long end = System.nanoTime();
            inFlight--;
            r.record(end, end - intended, outcome(ar), success(ar));
            maybeFinish();
          });
        }
        if (sent >= limit && !stopped) {
          stopped = true;
          vertx.cancelTimer(timer);
          maybeFinish();
        }
      }

      void maybeFinish() {
        if (stopped && inFlight == 0 && !done.isDone()) {
          r.endNanos = System.nanoTime();
          done.complete(r);
        }
      }
    }.start());
    return join(done, millis);
  }

  private static Result join(CompletableFuture<Result> done, long millis) {
    try {
      return done.get(millis + 60_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("load run did not finish: " + e, e);
    }
  }

  @Override
  public void close() {
    client.close().await();
  }
}
