package social.hearth.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import social.hearth.apub.FederationMetrics;
import social.hearth.config.Config;
import social.hearth.federation.fetch.KeyFetchLimiter;

/**
 * The operator's metrics for one Hearth: a Prometheus registry that Vert.x reports HTTP and database-pool metrics to
 * (vertx-micrometer-metrics), the JVM's memory, GC, threads and CPU (Micrometer's binders), and Hearth's own counters
 * and gauges ({@link FederationCounters}, {@link Backlogs}). Off (no registry, nothing counted) unless
 * {@code HEARTH_METRICS_TOKEN} or {@code HEARTH_METRICS_PORT} is set.
 *
 * <p>Vert.x takes its metrics implementation when it is built, so the {@link Vertx} a Hearth runs on is made here
 * ({@link #newVertx()}), with this registry in it.
 *
 * <p>Labels are bounded: HTTP requests by route pattern ({@code /c/:slug/inbox}, never the path), method and status;
 * outgoing requests by method and status, never by host; the database and worker pools by type and name (the HTTP
 * client's per-host pools are left out); Hearth's counters by fixed codes.
 */
public final class Metrics implements AutoCloseable {

  /** Buckets of the HTTP latency histograms. */
  static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final Config.Metrics settings;
  private final PrometheusMeterRegistry registry;
  private final FederationMetrics federation;
  private final JvmGcMetrics gc;

  private Metrics(Config.Metrics settings) {
    this.settings = settings;
    if (!settings.enabled()) {
      registry = null;
      federation = FederationMetrics.NONE;
      gc = null;
      return;
    }
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // the HTTP client keeps a connection pool per remote host:port, named after it: one series per peer, unbounded
    registry.config().meterFilter(MeterFilter.deny(id -> id.getName().startsWith("vertx.pool")
        && "http".equals(id.getTag("pool_type"))));
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("vertx.http.server")) {
          return DistributionStatisticConfig.builder()
              .serviceLevelObjectives(java.util.Arrays.stream(LATENCY_BUCKETS).mapToDouble(Duration::toNanos).toArray())
              .build().merge(config);
        }
        return config;
      }
    });
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    federation = new FederationCounters(registry);
  }

  /** The metrics {@code config} asks for: none when neither a metrics token nor a metrics port is set. */
  public static Metrics create(Config config) {
    return new Metrics(config.metrics());
  }

  public boolean enabled() {
    return registry != null;
  }

  /** A Vert.x that reports its HTTP servers, HTTP clients and pools to this registry (a plain one when off). */
  public Vertx newVertx() {
    if (!enabled()) {
      return Vertx.vertx();
    }
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
        .setJvmMetricsEnabled(false)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .addDisabledMetricsCategory(MetricsDomain.VERTICLES);
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** What the ActivityPub adapter counts into ({@link FederationMetrics#NONE} when off). */
  public FederationMetrics federation() {
    return federation;
  }

  /** Told of the key-fetch limiter's refusals. */
  public KeyFetchLimiter.Listener keyFetchListener() {
    return federation instanceof FederationCounters counters ? counters : KeyFetchLimiter.Listener.NONE;
  }

  Config.Metrics settings() {
    return settings;
  }

  /** The registry, or null when metrics are off. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
  }
}
