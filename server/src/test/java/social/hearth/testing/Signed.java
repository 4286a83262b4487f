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
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.SigningKey;

/** Sends POSTs signed like a remote server would, for tests. */
public final class Signed {

  private Signed() {}

  public static HttpResponse<String> post(HttpClient http, SigningKey key, String url, String body) throws Exception {
    URI uri = URI.create(url);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    new DraftCavage(Clock.systemUTC(), Duration.ofHours(1)).sign(key, "POST", uri, headers, bytes);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Host")) {
        b.header(k, v);
      }
    });
    return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
