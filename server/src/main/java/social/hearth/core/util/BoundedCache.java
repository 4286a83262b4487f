package social.hearth.core.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map of at most {@code capacity} entries that keeps the ones in use, safe from any number of threads without a
 * lock on reads. Two generations: new entries go to the young one; when it holds half the capacity it becomes the
 * old one and the previous old one is dropped. An entry read from the old generation moves back to the young one,
 * so entries in steady use survive every turn, and an entry unused for a whole generation is gone. For values that
 * are costly to compute and cheap to compute again (a lost entry is only a miss). Values must be immutable.
 */
public final class BoundedCache<K, V> {

  private final int generation;
  private volatile Map<K, V> young = new ConcurrentHashMap<>();
  private volatile Map<K, V> old = new ConcurrentHashMap<>();

  public BoundedCache(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("a cache needs room for two entries at least");
    }
    this.generation = capacity / 2;
  }

  /** The value, or null. */
  public V get(K key) {
    V v = young.get(key);
    if (v == null) {
      v = old.get(key);
      if (v != null) {
        put(key, v);
      }
    }
    return v;
  }

  public void put(K key, V value) {
    Map<K, V> y = young;
    y.put(key, value);
    if (y.size() >= generation) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = new ConcurrentHashMap<>();
        }
      }
    }
  }

  /** How many entries are held (at most the capacity, and two more for each thread writing at that moment). */
  public int size() {
    Map<K, V> y = young;
    Map<K, V> o = old;
    return y == o ? y.size() : y.size() + o.size();
  }
}
