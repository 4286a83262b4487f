package social.hearth.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.sig.SigningKey;

/** Sends POSTs signed like a remote server would, for tests. */
public final class Signed {

  private Signed() {}

  public static HttpResponse<String> post(HttpClient http, SigningKey key, String url, String body) throws Exception {
    return post(http, SignatureScheme.DRAFT_CAVAGE, key, url, body);
  }

  /** A POST signed with the given scheme (RFC 9421 or draft-cavage). */
  public static HttpResponse<String> post(HttpClient http, SignatureScheme scheme, SigningKey key, String url, String body)
      throws Exception {
    URI uri = URI.create(url);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    new HttpSignatures(Clock.systemUTC(), Duration.ofHours(1)).sign(scheme, key, "POST", uri, headers, bytes);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Host")) {
        b.header(k, v);
      }
    });
    return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET signed with draft-cavage by the key. */
  public static HttpResponse<String> get(HttpClient http, SigningKey key, String url) throws Exception {
    URI uri = URI.create(url);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/activity+json");
    new HttpSignatures(Clock.systemUTC(), Duration.ofHours(1)).sign(SignatureScheme.DRAFT_CAVAGE, key, "GET", uri, headers, null);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Host")) {
        b.header(k, v);
      }
    });
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
