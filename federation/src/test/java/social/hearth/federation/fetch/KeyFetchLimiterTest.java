package social.hearth.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyFetchLimiterTest {

  final AtomicLong now = new AtomicLong();
  final KeyFetchLimiter limiter = new KeyFetchLimiter(3, Duration.ofSeconds(10), Duration.ofMinutes(5), 100, now::get);

  @Test
  void anOriginGetsABurstThenOneFetchPerRefill() {
    for (int i = 0; i < 3; i++) {
      assertNull(limiter.refusal("https://a.example/k/" + i, "https://a.example"));
    }
    assertNotNull(limiter.refusal("https://a.example/k/x", "https://a.example"));
    assertNull(limiter.refusal("https://b.example/k/1", "https://b.example"), "other origins have their own bucket");
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertNull(limiter.refusal("https://a.example/k/y", "https://a.example"));
    assertNotNull(limiter.refusal("https://a.example/k/z", "https://a.example"));
  }

  @Test
  void aFailedKeyIsRefusedUntilTheNegativeEntryExpires() {
    assertNull(limiter.refusal("https://a.example/k", "https://a.example"));
    limiter.failed("https://a.example/k");
    now.addAndGet(Duration.ofMinutes(10).toNanos()); // bucket full again: only the negative entry refuses
    limiter.failed("https://a.example/k");
    assertTrue(limiter.refusal("https://a.example/k", "https://a.example").contains("failed"));
    now.addAndGet(Duration.ofMinutes(5).toNanos());
    assertNull(limiter.refusal("https://a.example/k", "https://a.example"));
    limiter.failed("https://a.example/k");
    limiter.succeeded("https://a.example/k");
    assertNull(limiter.refusal("https://a.example/k", "https://a.example"));
  }

  @Test
  void memoryIsBoundedWhateverIsTried() {
    for (int i = 0; i < 10_000; i++) {
      limiter.refusal("https://h" + i + ".example/k/" + i, "https://h" + i + ".example");
      limiter.failed("https://h" + i + ".example/k/" + i);
    }
    assertEquals(200, limiter.size(), "100 buckets and 100 failures at most");
  }

  @Test
  void everyRefusalIsToldToTheListenerWithItsReason() {
    java.util.List<KeyFetchLimiter.Refusal> told = new java.util.ArrayList<>();
    KeyFetchLimiter counted = new KeyFetchLimiter(1, Duration.ofSeconds(10), Duration.ofMinutes(5), 100, now::get,
        told::add);
    assertNull(counted.refusal("https://a.example/k/1", "https://a.example"));
    assertNotNull(counted.refusal("https://a.example/k/2", "https://a.example"));
    counted.failed("https://a.example/k/1");
    assertNotNull(counted.refusal("https://a.example/k/1", "https://a.example"));
    assertEquals(java.util.List.of(KeyFetchLimiter.Refusal.RATE_LIMITED, KeyFetchLimiter.Refusal.RECENTLY_FAILED), told);
  }
}
