package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SignatureException.Reason;

/** RFC 9530 Content-Digest: the examples of RFC 9530 and every way a digest can fail. */
class ContentDigestTest {

  static final byte[] BODY = "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8);

  static String b64(String algorithm, byte[] body) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(body));
  }

  Reason reasonFor(String header, byte[] body) {
    return assertThrows(SignatureException.class, () -> ContentDigest.verify(header, body)).reason();
  }

  @Test
  void theRfc9530ExampleDigestsMatch() {
    // RFC 9530 §2 and Appendix B: the body {"hello": "world"} followed by a newline
    assertDoesNotThrow(() -> ContentDigest.verify("sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:", BODY));
    assertDoesNotThrow(() -> ContentDigest.verify(
        "sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:", BODY));
  }

  @Test
  void ourHeaderIsSha256AndVerifies() throws Exception {
    assertEquals("sha-256=:" + b64("SHA-256", BODY) + ":", ContentDigest.header(BODY));
    assertDoesNotThrow(() -> ContentDigest.verify(ContentDigest.header(BODY), BODY));
  }

  @Test
  void everyKnownAlgorithmMustMatch() throws Exception {
    String good256 = "sha-256=:" + b64("SHA-256", BODY) + ":";
    String bad512 = "sha-512=:" + b64("SHA-512", new byte[0]) + ":";
    assertEquals(Reason.DIGEST_MISMATCH, reasonFor(good256 + ", " + bad512, BODY));
    assertDoesNotThrow(() -> ContentDigest.verify(good256 + ", sha-512=:" + b64("SHA-512", BODY) + ":", BODY));
  }

  @Test
  void unknownAndInsecureAlgorithmsDoNotCount() throws Exception {
    assertEquals(Reason.DIGEST_MISSING, reasonFor("md5=:" + b64("MD5", BODY) + ":, sha=:" + b64("SHA-1", BODY) + ":", BODY));
    assertDoesNotThrow(() -> ContentDigest.verify("unixsum=:AA==:, sha-256=:" + b64("SHA-256", BODY) + ":", BODY));
  }

  @Test
  void aMissingHeaderIsReported() {
    assertEquals(Reason.DIGEST_MISSING, reasonFor(null, BODY));
    assertEquals(Reason.DIGEST_MISSING, reasonFor("  ", BODY));
  }

  @Test
  void aDigestOfAnotherBodyIsRejected() {
    assertEquals(Reason.DIGEST_MISMATCH, reasonFor(ContentDigest.header(BODY), "{}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anEmptyBodyHasItsOwnDigest() {
    assertDoesNotThrow(() -> ContentDigest.verify(ContentDigest.header(new byte[0]), null));
    assertEquals(Reason.DIGEST_MISMATCH, reasonFor(ContentDigest.header(BODY), null));
  }

  @Test
  void malformedHeadersAreRejected() throws Exception {
    String b = b64("SHA-256", BODY);
    for (String header : new String[] {"sha-256=" + b, "SHA-256=:" + b + ":", "sha-256=:" + b, "sha-256=\"" + b + "\"",
        "sha-256=:" + b + ":,", "sha-256=:" + b + ":, sha-256=:" + b + ":", "sha-256", "sha-256=:" + b + ":" + "x".repeat(3000)}) {
      assertEquals(Reason.DIGEST_MISMATCH, reasonFor(header, BODY), header);
    }
  }
}
