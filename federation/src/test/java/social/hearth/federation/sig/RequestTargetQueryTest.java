package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * draft-cavage {@code (request-target)} carries the query string when the request has one, when signing and when
 * verifying; a signature over the path alone (older peers, see docs/federation.md) still verifies.
 */
class RequestTargetQueryTest {

  static final KeyPair PAIR = Keys.generateRsa2048();
  final DraftCavage cavage = new DraftCavage(Clock.systemUTC(), Duration.ofHours(1));
  final SigningKey key = new SigningKey("https://a.example/actor#main-key", PAIR.getPrivate());

  Map<String, String> signedPost(String url, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    cavage.sign(key, "POST", URI.create(url), headers, body);
    return headers;
  }

  void verify(String target, Map<String, String> headers, byte[] body) throws SignatureException {
    cavage.prepare(TestRequest.from("POST", target, headers), body).verify(PAIR.getPublic());
  }

  @Test
  void theSignatureCoversTheQueryString() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = signedPost("https://hearth.example/inbox?x=1&y=%20", body);
    assertDoesNotThrow(() -> verify("/inbox?x=1&y=%20", headers, body));
    SignatureException other = assertThrows(SignatureException.class, () -> verify("/inbox?x=2&y=%20", headers, body));
    assertEquals(SignatureException.Reason.INVALID_SIGNATURE, other.reason(), "another query is another request");
    assertThrows(SignatureException.class, () -> verify("/inbox", headers, body),
        "the signed request-target held the query, so the bare path does not match it");
    assertTrue(headers.get("Signature").contains("(request-target)"));
  }

  @Test
  void aSignatureOverThePathAloneStillVerifiesForOlderPeers() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = signedPost("https://hearth.example/inbox", body);
    assertDoesNotThrow(() -> verify("/inbox?x=1", headers, body));
  }
}
