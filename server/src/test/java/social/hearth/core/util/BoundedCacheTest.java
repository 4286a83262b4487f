package social.hearth.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded cache keeps what is in use, forgets what is not, and never grows past its capacity. */
class BoundedCacheTest {

  @Test
  void itNeverHoldsMoreThanItsCapacity() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(100);
    for (int i = 0; i < 10_000; i++) {
      cache.put(i, "v" + i);
      assertTrue(cache.size() <= 100, "size " + cache.size());
    }
    assertEquals("v9999", cache.get(9999));
    assertNull(cache.get(0), "an entry unused for a whole generation is gone");
  }

  @Test
  void anEntryInUseSurvivesAnyNumberOfNewOnes() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(100);
    cache.put(-1, "hot");
    for (int i = 0; i < 10_000; i++) {
      cache.put(i, "v" + i);
      if (i % 40 == 0) {
        assertEquals("hot", cache.get(-1), "after " + i + " new entries");
      }
    }
  }

  @Test
  void manyThreadsAtOnceKeepItBounded() throws Exception {
    BoundedCache<Integer, Integer> cache = new BoundedCache<>(1_000);
    List<Thread> threads = new ArrayList<>();
    AtomicInteger wrong = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      int base = t * 1_000_000;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 50_000; i++) {
          cache.put(base + i, i);
          Integer v = cache.get(base + i - 10);
          if (v != null && v != i - 10) {
            wrong.incrementAndGet();
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(0, wrong.get(), "values read back under another key");
    assertTrue(cache.size() <= 1_000 + 2 * 8, "size " + cache.size());
  }
}
