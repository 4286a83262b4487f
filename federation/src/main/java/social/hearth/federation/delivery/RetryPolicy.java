package social.hearth.federation.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: 30 s, 1 min, 2 min ... doubling to a 12 h cap, for about three days in all
 * (16 attempts). A peer's Retry-After is honoured up to the cap.
 */
public final class RetryPolicy {

  public static final Duration FIRST = Duration.ofSeconds(30);
  public static final Duration CAP = Duration.ofHours(12);
  public static final int MAX_ATTEMPTS = 16;

  private final RandomGenerator random;

  public RetryPolicy(RandomGenerator random) {
    this.random = random;
  }

  /** Delay before attempt {@code attempts + 1}, given that {@code attempts} have failed; null = give up. */
  public Duration nextDelay(int attempts, Duration retryAfter) {
    if (attempts >= MAX_ATTEMPTS) {
      return null;
    }
    long base = FIRST.toMillis() << Math.min(attempts - 1, 20);
    base = Math.min(base, CAP.toMillis());
    long jitter = (long) (base * 0.25 * (random.nextDouble() * 2 - 1));
    long delay = base + jitter;
    if (retryAfter != null) {
      delay = Math.max(delay, Math.min(retryAfter.toMillis(), CAP.toMillis()));
    }
    return Duration.ofMillis(Math.max(delay, 1_000));
  }
}
