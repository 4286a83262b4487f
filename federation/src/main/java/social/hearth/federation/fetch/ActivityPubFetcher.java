package social.hearth.federation.fetch;

import social.hearth.federation.vocab.Iris;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import social.hearth.federation.sig.DoubleKnock;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.spi.InMemorySignatureSchemes;
import social.hearth.federation.spi.SignatureSchemes;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.InboundShape;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * Fetches ActivityPub documents with a signed GET from the instance actor. A document counts only if the
 * answer is 2xx, its Content-Type is ActivityStreams JSON, no redirect left the requested origin, and its
 * {@code id} equals the URL finally fetched.
 *
 * <p>The GET is signed on the worker pool (never on the event loop). {@code bto} and {@code bcc} are removed from
 * every document fetched ({@link InboundShape#stripPrivateAddressees}).
 *
 * <p>The GET is signed with RFC 9421 first (or the scheme remembered for the host) and, when the peer refuses
 * the signature (400, 401, or a 4xx with {@code Accept-Signature}), sent once more with the other scheme; the
 * scheme that got a 2xx is remembered (see {@link DoubleKnock}).
 */
public final class ActivityPubFetcher {

  private static final String ACCEPT = As.ACTIVITY_JSON + ", " + As.LD_JSON_PROFILE;

  private final GuardedHttpClient http;
  private final HttpSignatures signatures;
  private final Supplier<SigningKey> instanceKey;
  private final DoubleKnock knock;

  /** Remembers schemes in {@code schemes} (the server's persistent table, or an in-memory one). */
  public ActivityPubFetcher(GuardedHttpClient http, HttpSignatures signatures, Supplier<SigningKey> instanceKey,
                            SignatureSchemes schemes) {
    this.http = http;
    this.signatures = signatures;
    this.instanceKey = instanceKey;
    this.knock = new DoubleKnock(schemes);
  }

  /** Remembers schemes in memory only ({@link InMemorySignatureSchemes}). */
  public ActivityPubFetcher(GuardedHttpClient http, DraftCavage signatures, Supplier<SigningKey> instanceKey) {
    this(http, new HttpSignatures(signatures), instanceKey, new InMemorySignatureSchemes());
  }

  public Future<JsonNode> fetch(String iri) {
    URI url;
    try {
      URI parsed = new URI(iri);
      url = new URI(parsed.getScheme(), parsed.getRawAuthority() == null ? null : parsed.getAuthority(),
          parsed.getPath(), parsed.getQuery(), null);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Future.failedFuture(new FetchException(FetchException.Kind.BAD_URL, "not a valid URL: " + iri));
    }
    URI requested = url;
    // the instance key signs on the worker pool, never on the event loop; each hop of a redirect is signed anew
    return knock.send(url, scheme -> http.sendAsync(HttpMethod.GET, url, target ->
      http.vertx().executeBlocking(() -> {
        SigningKey key = instanceKey.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        signatures.sign(scheme, key, "GET", target, headers, null);
        return headers;
      }, false), null, GuardedHttpClient.DEFAULT_BODY_CAP), result -> DoubleKnock.judge(result.status(),
        result.headers().contains("accept-signature"))).compose(outcome -> {
      HttpResult result = outcome.response();
      String where = requested.getHost();
      if (result.status() / 100 != 2) {
        return Future.failedFuture(new FetchException(FetchException.Kind.HTTP_STATUS, result.status(),
            "GET " + requested + " answered " + result.status(), null));
      }
      if (!Iris.sameOrigin(result.finalUri().toString(), requested.toString())) {
        return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT,
            "a redirect from " + where + " left its origin"));
      }
      if (!As.isActivityJson(result.headers().get("content-type"))) {
        return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT,
            "GET " + requested + " did not answer with ActivityStreams JSON"));
      }
      JsonNode json;
      try {
        json = JsonLimits.parse(result.body().getBytes());
      } catch (JsonLimits.InvalidJsonException e) {
        return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT,
            "document at " + requested + " rejected: " + e.getMessage()));
      }
      String id = Normalizer.firstText(json.get("id"));
      if (id == null || !stripFragment(id).equals(result.finalUri().toString())) {
        return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT,
            "document at " + result.finalUri() + " claims another id"));
      }
      // private addressees never travel further than this: a hostile origin may serve them
      InboundShape.stripPrivateAddressees(json);
      return Future.succeededFuture(json);
    });
  }

  public static String stripFragment(String iri) {
    int hash = iri.indexOf('#');
    return hash < 0 ? iri : iri.substring(0, hash);
  }
}
