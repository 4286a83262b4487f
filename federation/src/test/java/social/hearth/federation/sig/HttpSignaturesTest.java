package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SignatureException.Reason;

/** The single entry point: the scheme is chosen by the request's headers, never by falling back. */
class HttpSignaturesTest {

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final KeyPair RSA = Keys.generateRsa2048();
  static final byte[] BODY = "{\"type\":\"Like\"}".getBytes(StandardCharsets.UTF_8);

  final HttpSignatures signatures = new HttpSignatures(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
  final SigningKey key = new SigningKey("https://remote.example/users/alice#main-key", RSA.getPrivate());

  TestRequest signed(SignatureScheme scheme) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    signatures.sign(scheme, key, "POST", URI.create("https://hearth.example/inbox"), headers, BODY);
    return TestRequest.from("POST", "/inbox", headers);
  }

  @Test
  void eachSchemeIsVerifiedByItsOwnRules() throws SignatureException {
    for (SignatureScheme scheme : SignatureScheme.values()) {
      PreparedSignature prepared = signatures.prepare(signed(scheme), BODY);
      assertEquals(scheme, prepared.scheme());
      assertEquals(key.keyId(), prepared.keyId());
      assertDoesNotThrow(() -> prepared.verify(RSA.getPublic()));
    }
    assertInstanceOf(Rfc9421.Prepared.class, signatures.prepare(signed(SignatureScheme.RFC9421), BODY));
    assertInstanceOf(DraftCavage.Prepared.class, signatures.prepare(signed(SignatureScheme.DRAFT_CAVAGE), BODY));
  }

  @Test
  void aSignatureInputHeaderMakesTheRequestRfc9421() {
    assertEquals(SignatureScheme.RFC9421, HttpSignatures.schemeOf(signed(SignatureScheme.RFC9421)));
    assertEquals(SignatureScheme.DRAFT_CAVAGE, HttpSignatures.schemeOf(signed(SignatureScheme.DRAFT_CAVAGE)));
  }

  @Test
  void aValidDraftCavageSignatureNextToABrokenRfc9421OneDoesNotSlipThrough() {
    TestRequest r = signed(SignatureScheme.DRAFT_CAVAGE).header("Signature-Input", "sig1=(\"@method\");created=1");
    SignatureException e = assertThrows(SignatureException.class, () -> signatures.prepare(r, BODY));
    assertEquals(Reason.MALFORMED_SIGNATURE, e.reason());
  }

  @Test
  void bothSchemesShareOneClockAndWindow() {
    HttpSignatures later = new HttpSignatures(Clock.fixed(NOW.plus(Duration.ofMinutes(61)), ZoneOffset.UTC),
        Duration.ofHours(1));
    assertEquals(Reason.CREATED_OUT_OF_WINDOW, assertThrows(SignatureException.class,
        () -> later.prepare(signed(SignatureScheme.RFC9421), BODY)).reason());
    assertEquals(Reason.DATE_OUT_OF_WINDOW, assertThrows(SignatureException.class,
        () -> later.prepare(signed(SignatureScheme.DRAFT_CAVAGE), BODY)).reason());
  }

  @Test
  void anUnsignedRequestIsReportedAsUnsigned() {
    TestRequest r = new TestRequest("POST", "/inbox").header("Host", "hearth.example");
    assertEquals(Reason.MISSING_SIGNATURE, assertThrows(SignatureException.class, () -> signatures.prepare(r, BODY)).reason());
  }

  @Test
  void signingTwiceIntoFreshHeadersIsDeterministicForEd25519() {
    SigningKey ed = new SigningKey("k", Keys.generateEd25519().getPrivate());
    Map<String, String> a = new LinkedHashMap<>();
    Map<String, String> b = new LinkedHashMap<>();
    signatures.sign(SignatureScheme.RFC9421, ed, "POST", URI.create("https://x.example/i"), a, BODY);
    signatures.sign(SignatureScheme.RFC9421, ed, "POST", URI.create("https://x.example/i"), b, BODY);
    assertEquals(a, b);
    assertTrue(a.get("Signature-Input").contains("alg=\"ed25519\""));
  }
}
