package social.hearth.federation.delivery;

import java.time.Duration;

/**
 * What happened to one delivery attempt. {@code retryAfter} is the peer's Retry-After (429/503), if any.
 */
public record DeliveryOutcome(Result result, int status, String detail, Duration retryAfter) {

  public enum Result {
    /** 2xx: done. */
    DELIVERED,
    /** Network error, timeout, 5xx, 401, 408, 429: try again later. */
    RETRY,
    /** Other 4xx, 501, a refused address or URL: never retried. */
    PERMANENT
  }

  /** Classifies an HTTP status the way Mastodon does (401/408/429 and 5xx but 501 are temporary). */
  public static Result classify(int status) {
    if (status >= 200 && status < 300) {
      return Result.DELIVERED;
    }
    if (status == 401 || status == 408 || status == 429 || (status >= 500 && status != 501)) {
      return Result.RETRY;
    }
    return Result.PERMANENT;
  }
}
