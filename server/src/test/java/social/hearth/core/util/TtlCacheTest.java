package social.hearth.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The short-lived caches behind the public pages: values expire, the cache stays bounded, changes win over loads. */
class TtlCacheTest {

  final AtomicLong now = new AtomicLong(1_000);

  TtlCache<String, String> cache(Duration ttl, int max) {
    return new TtlCache<>(ttl, max, now::get);
  }

  @Test
  void aValueIsReusedUntilItsTimeIsUp() {
    TtlCache<String, String> c = cache(Duration.ofNanos(100), 10);
    c.put("a", "one");
    now.addAndGet(99);
    assertEquals("one", c.get("a"));
    now.addAndGet(1);
    assertNull(c.get("a"), "expired");
    assertEquals(0, c.size(), "and dropped");
  }

  @Test
  void aFullCacheDropsExpiredValuesAndOtherwiseKeepsWhatItHas() {
    TtlCache<String, String> c = cache(Duration.ofNanos(100), 2);
    c.put("a", "1");
    now.addAndGet(50);
    c.put("b", "2");
    c.put("c", "3");
    assertNull(c.get("c"), "no room: not kept");
    assertEquals("1", c.get("a"));
    now.addAndGet(60);
    c.put("c", "3");
    assertEquals("3", c.get("c"), "the expired a made room");
    assertEquals(2, c.size());
  }

  @Test
  void expiredValuesAreReleasedByTheNextWriteEvenWhenTheCacheIsNotFull() {
    TtlCache<String, String> c = cache(Duration.ofNanos(100), 512);
    for (int i = 0; i < 300; i++) {
      c.put("page " + i, "a rendered page");
    }
    now.addAndGet(150);
    c.put("hot", "fresh");
    assertEquals(1, c.size(), "the 300 expired pages are not kept until the cache fills");
    assertEquals("fresh", c.get("hot"));
    now.addAndGet(50);
    c.put("other", "fresh too");
    assertEquals(2, c.size(), "values still within their time stay");
  }

  @Test
  void loadsAreKeptOnlyWhenNothingChangedMeanwhile() {
    TtlCache<String, String> c = cache(Duration.ofSeconds(5), 10);
    AtomicInteger loads = new AtomicInteger();
    assertEquals("v1", c.get("k", () -> {
      loads.incrementAndGet();
      return io.vertx.core.Future.succeededFuture("v1");
    }).result());
    assertEquals("v1", c.get("k", () -> io.vertx.core.Future.succeededFuture("other")).result());
    assertEquals(1, loads.get(), "the second read came from the cache");

    c.remove("k");
    Promise<String> slow = Promise.promise();
    c.get("k", slow::future);
    c.removeIf(key -> key.equals("k")); // a change commits while the old value is being read
    slow.complete("old");
    assertNull(c.get("k"), "what was read before the change is not kept");
  }

  @Test
  void aZeroTimeToLiveKeepsNothing() {
    TtlCache<String, String> c = cache(Duration.ZERO, 10);
    c.put("a", "1");
    assertFalse(c.enabled());
    assertNull(c.get("a"));
  }
}
