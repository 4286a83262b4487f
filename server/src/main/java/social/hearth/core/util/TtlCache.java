package social.hearth.core.util;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A small in-process cache whose entries live a fixed time, safe to use from several event loops at once. It holds
 * at most {@code maxEntries}: when full, expired entries are dropped, and if none has expired the new value is not
 * kept (every entry is gone within one time to live, so the hot ones come back). Expired entries are also dropped
 * by a write once per time to live, so a cache that never fills does not hold what expired (rendered pages,
 * documents) for good: in use, it holds about what was stored in the last two times to live. A time to live of zero
 * turns it off. Values must be immutable: every reader gets the same instance.
 */
public final class TtlCache<K, V> {

  private record Entry<V>(V value, long expiresAt) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoClock;
  /** Counts removals, so a load that started before one does not store what it read. */
  private final AtomicLong removals = new AtomicLong();
  /** When the next write drops the expired entries (nanoClock time). */
  private final AtomicLong nextSweep;

  public TtlCache(Duration ttl, int maxEntries) {
    this(ttl, maxEntries, System::nanoTime);
  }

  /** With the clock given (nanoseconds, like {@link System#nanoTime()}), for tests. */
  public TtlCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
    if (ttl.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("a cache needs a time to live of zero or more and room for an entry");
    }
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoClock = nanoClock;
    this.nextSweep = new AtomicLong(nanoClock.getAsLong() + ttlNanos);
  }

  public boolean enabled() {
    return ttlNanos > 0;
  }

  /** The value if present and not expired, else null. */
  public V get(K key) {
    Entry<V> e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (nanoClock.getAsLong() - e.expiresAt() >= 0) {
      entries.remove(key, e);
      return null;
    }
    return e.value();
  }

  public void put(K key, V value) {
    if (ttlNanos == 0 || value == null) {
      return;
    }
    long now = nanoClock.getAsLong();
    long sweep = nextSweep.get();
    if (now - sweep >= 0 && nextSweep.compareAndSet(sweep, now + ttlNanos)) {
      dropExpired(now);
    }
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      dropExpired(now);
      if (entries.size() >= maxEntries) {
        return;
      }
    }
    entries.put(key, new Entry<>(value, now + ttlNanos));
  }

  private void dropExpired(long now) {
    entries.values().removeIf(e -> now - e.expiresAt() >= 0);
  }

  /**
   * The cached value, or the loaded one. The loaded value is kept when {@code keep} accepts it and nothing was
   * removed from the cache while it loaded (it may have been read before the change that removed it).
   */
  public Future<V> get(K key, Supplier<Future<V>> load, Predicate<V> keep) {
    V cached = get(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long before = removals.get();
    return load.get().onSuccess(v -> {
      if (v != null && keep.test(v) && removals.get() == before) {
        put(key, v);
      }
    });
  }

  public Future<V> get(K key, Supplier<Future<V>> load) {
    return get(key, load, v -> true);
  }

  public void remove(K key) {
    removals.incrementAndGet();
    entries.remove(key);
  }

  /** Drops every entry whose key matches (for example every page of one community). */
  public void removeIf(Predicate<K> matches) {
    removals.incrementAndGet();
    entries.keySet().removeIf(matches);
  }

  public int size() {
    return entries.size();
  }
}
