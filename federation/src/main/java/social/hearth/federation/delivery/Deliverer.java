package social.hearth.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import social.hearth.federation.fetch.FetchException;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.vocab.As;

/** Sends one activity to one inbox with a signed POST and classifies the answer. Never fails its Future. */
public final class Deliverer {

  private static final int RESPONSE_CAP = 64 * 1024;

  private final GuardedHttpClient http;
  private final DraftCavage signatures;

  public Deliverer(GuardedHttpClient http, DraftCavage signatures) {
    this.http = http;
    this.signatures = signatures;
  }

  public Future<DeliveryOutcome> post(URI inbox, byte[] body, SigningKey key) {
    Buffer payload = Buffer.buffer(body);
    return http.send(HttpMethod.POST, inbox, target -> {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", As.ACTIVITY_JSON);
      headers.put("Accept", As.ACTIVITY_JSON);
      signatures.sign(key, "POST", target, headers, body);
      return headers;
    }, payload, RESPONSE_CAP).map(result -> {
      DeliveryOutcome.Result r = DeliveryOutcome.classify(result.status());
      return new DeliveryOutcome(r, result.status(), "HTTP " + result.status(), retryAfter(result.headers().get("retry-after")));
    }).otherwise(e -> {
      if (e instanceof FetchException fe && (fe.kind() == FetchException.Kind.REFUSED_ADDRESS
          || fe.kind() == FetchException.Kind.BAD_URL)) {
        return new DeliveryOutcome(DeliveryOutcome.Result.PERMANENT, 0, fe.getMessage(), null);
      }
      return new DeliveryOutcome(DeliveryOutcome.Result.RETRY, 0, String.valueOf(e.getMessage()), null);
    });
  }

  static Duration retryAfter(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      try {
        java.time.Instant when = java.time.ZonedDateTime.parse(value.trim(), DraftCavage.HTTP_DATE).toInstant();
        return Duration.between(java.time.Instant.now(), when).isNegative() ? Duration.ZERO
            : Duration.between(java.time.Instant.now(), when);
      } catch (RuntimeException ignored) {
        return null;
      }
    }
  }
}
