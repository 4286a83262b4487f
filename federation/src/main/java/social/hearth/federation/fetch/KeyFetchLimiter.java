package social.hearth.federation.fetch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps signature-key fetches cheap whatever an attacker sends: a key id whose fetch failed is not fetched again for
 * {@code negativeTtl} (a negative cache), and each origin gets a token bucket of key fetches (a burst of
 * {@code burst}, then one per {@code refillEvery}). Both maps are bounded (least recently used entries go first), so
 * memory stays flat however many key ids or origins are tried. Thread-safe.
 */
public final class KeyFetchLimiter {

  /** The defaults: bursts of 30 fetches per origin, then one a second; failures remembered 5 minutes. */
  public static final int BURST = 30;
  public static final Duration REFILL_EVERY = Duration.ofSeconds(1);
  public static final Duration NEGATIVE_TTL = Duration.ofMinutes(5);
  public static final int MAX_ENTRIES = 10_000;

  /** Why a fetch was refused. */
  public enum Refusal { RECENTLY_FAILED, RATE_LIMITED }

  /** Told of every refusal (for metrics); called under the limiter's lock, so it must be quick and not call back. */
  @FunctionalInterface
  public interface Listener {
    void refused(Refusal why);

    Listener NONE = why -> { };
  }

  private record Bucket(double tokens, long at) {}

  private final int burst;
  private final long refillNanos;
  private final long negativeNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets;
  private final Map<String, Long> failures;
  private final Listener listener;

  public KeyFetchLimiter() {
    this(Listener.NONE);
  }

  /** The defaults, telling {@code listener} of each refusal. */
  public KeyFetchLimiter(Listener listener) {
    this(BURST, REFILL_EVERY, NEGATIVE_TTL, MAX_ENTRIES, System::nanoTime, listener);
  }

  public KeyFetchLimiter(int burst, Duration refillEvery, Duration negativeTtl, int maxEntries, LongSupplier nanoClock) {
    this(burst, refillEvery, negativeTtl, maxEntries, nanoClock, Listener.NONE);
  }

  public KeyFetchLimiter(int burst, Duration refillEvery, Duration negativeTtl, int maxEntries, LongSupplier nanoClock,
                         Listener listener) {
    if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero() || maxEntries < 1) {
      throw new IllegalArgumentException("a limiter needs a burst, a refill period and room for entries");
    }
    this.burst = burst;
    this.refillNanos = refillEvery.toNanos();
    this.negativeNanos = negativeTtl.toNanos();
    this.nanoClock = nanoClock;
    this.buckets = bounded(maxEntries);
    this.failures = bounded(maxEntries);
    this.listener = listener;
  }

  private static <V> Map<String, V> bounded(int max) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  /**
   * Null when {@code keyId} may be fetched now from {@code origin} (a token is taken), otherwise why not. A key id
   * that failed recently is refused without taking a token.
   */
  public synchronized String refusal(String keyId, String origin) {
    long now = nanoClock.getAsLong();
    Long failedAt = failures.get(keyId);
    if (failedAt != null) {
      if (now - failedAt < negativeNanos) {
        listener.refused(Refusal.RECENTLY_FAILED);
        return "fetching key " + keyId + " failed less than " + Duration.ofNanos(negativeNanos).toMinutes()
            + " minutes ago";
      }
      failures.remove(keyId);
    }
    Bucket b = buckets.get(origin);
    double tokens = b == null ? burst : Math.min(burst, b.tokens() + (double) (now - b.at()) / refillNanos);
    if (tokens < 1) {
      buckets.put(origin, new Bucket(tokens, now));
      listener.refused(Refusal.RATE_LIMITED);
      return "too many key fetches from " + origin + "; try again later";
    }
    buckets.put(origin, new Bucket(tokens - 1, now));
    return null;
  }

  /** Records a failed fetch of {@code keyId}: it is refused for the negative time to live. */
  public synchronized void failed(String keyId) {
    failures.put(keyId, nanoClock.getAsLong());
  }

  /** Records a successful fetch: a failure remembered for the key is forgotten. */
  public synchronized void succeeded(String keyId) {
    failures.remove(keyId);
  }

  /** Entries held, for tests: origins with a bucket plus key ids remembered as failed. */
  public synchronized int size() {
    return buckets.size() + failures.size();
  }
}
