package social.hearth.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import social.hearth.federation.fetch.FetchException;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.fetch.HttpResult;
import social.hearth.federation.sig.DoubleKnock;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.spi.InMemorySignatureSchemes;
import social.hearth.federation.spi.SignatureSchemes;
import social.hearth.federation.vocab.As;

/**
 * Sends one activity to one inbox with a signed POST and classifies the answer. Never fails its Future.
 *
 * <p>The POST is signed with RFC 9421 first, or with the scheme remembered for the inbox's host; when the peer
 * refuses the signature (400, 401, or a 4xx with {@code Accept-Signature}) it is sent once more signed with the
 * other scheme, and the scheme that got a 2xx is remembered through {@link SignatureSchemes} (see
 * {@link DoubleKnock}). The outcome is that of the last attempt.
 *
 * <p>Given an Ed25519 key as well, it signs with that one (RFC 9421) where the host is known to accept it
 * ({@link SignatureSchemes#ed25519}), and falls back to the RSA knock when the host refuses it.
 */
public final class Deliverer {

  private static final int RESPONSE_CAP = 64 * 1024;

  private final GuardedHttpClient http;
  private final HttpSignatures signatures;
  private final DoubleKnock knock;

  /** Remembers schemes in {@code schemes} (the server's persistent table, or an in-memory one). */
  public Deliverer(GuardedHttpClient http, HttpSignatures signatures, SignatureSchemes schemes) {
    this.http = http;
    this.signatures = signatures;
    this.knock = new DoubleKnock(schemes);
  }

  /** Remembers schemes in memory only ({@link InMemorySignatureSchemes}). */
  public Deliverer(GuardedHttpClient http, DraftCavage signatures) {
    this(http, new HttpSignatures(signatures), new InMemorySignatureSchemes());
  }

  /** Signs with {@code key} (RSA, or whatever it is) only. */
  public Future<DeliveryOutcome> post(URI inbox, byte[] body, SigningKey key) {
    return post(inbox, body, key, null);
  }

  /**
   * Signs with the RSA {@code key}, or with {@code ed25519} (RFC 9421, keyid the Multikey's id) when it is given
   * and the inbox's host is known to accept Ed25519 signatures (see {@link DoubleKnock#send(URI, boolean,
   * DoubleKnock.Attempt, java.util.function.Function)}: a refusal falls back to RSA and is remembered).
   */
  public Future<DeliveryOutcome> post(URI inbox, byte[] body, SigningKey key, SigningKey ed25519) {
    // RSA signing costs about a millisecond: a fan-out signs on the worker pool, never on the event loop.
    // POSTs follow no redirects, so the request is signed once, for the inbox itself.
    return knock.send(inbox, ed25519 != null, (scheme, useEd25519) -> http.vertx().executeBlocking(() -> {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", As.ACTIVITY_JSON);
      headers.put("Accept", As.ACTIVITY_JSON);
      signatures.sign(scheme, useEd25519 ? ed25519 : key, "POST", inbox, headers, body);
      return headers;
    }, false).compose(headers -> http.send(HttpMethod.POST, inbox, target -> headers, Buffer.buffer(body), RESPONSE_CAP)),
        Deliverer::judge).map(outcome -> {
      HttpResult result = outcome.response();
      DeliveryOutcome.Result r = DeliveryOutcome.classify(result.status());
      String detail = "HTTP " + result.status() + " (" + outcome.scheme().name().toLowerCase(Locale.ROOT).replace('_', '-')
          + (outcome.ed25519() ? " ed25519" : "")
          + (outcome.retried() ? " after the other " + (ed25519 != null && !outcome.ed25519() ? "key or " : "")
              + "scheme was refused)" : ")");
      return new DeliveryOutcome(r, result.status(), detail, retryAfter(result.headers().get("retry-after")));
    }).otherwise(e -> {
      if (e instanceof FetchException fe && (fe.kind() == FetchException.Kind.REFUSED_ADDRESS
          || fe.kind() == FetchException.Kind.BAD_URL)) {
        return new DeliveryOutcome(DeliveryOutcome.Result.PERMANENT, 0, fe.getMessage(), null);
      }
      return new DeliveryOutcome(DeliveryOutcome.Result.RETRY, 0, String.valueOf(e.getMessage()), null);
    });
  }

  static DoubleKnock.Verdict judge(HttpResult result) {
    return DoubleKnock.judge(result.status(), result.headers().contains("accept-signature"));
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
