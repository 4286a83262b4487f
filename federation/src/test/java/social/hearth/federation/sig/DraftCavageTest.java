package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SignatureException.Reason;

/**
 * draft-cavage signatures against a fixed vector made with OpenSSL (test resources sig/), at a fixed clock,
 * and every way a request can fail verification.
 */
class DraftCavageTest {

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final String BODY = "{\"type\":\"Follow\"}";
  static final String DIGEST = "SHA-256=GYwYnH3BiO6aICFt0ThC5bUIJ4byvqdpWtR8m5fNkww=";
  static final String KEY_ID = "https://remote.example/users/alice#main-key";

  final DraftCavage cavage = new DraftCavage(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
  final PrivateKey privateKey = Keys.parsePrivatePem(resource("test-key.pem"));
  final PublicKey publicKey = parsePublic(resource("test-key.pub.pem"));
  final String vector = resource("signature.b64").trim();

  static String resource(String name) {
    try (InputStream in = DraftCavageTest.class.getResourceAsStream("/sig/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static PublicKey parsePublic(String pem) {
    try {
      return Keys.parsePublicPem(pem);
    } catch (SignatureException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request OpenSSL signed: POST /c/books/inbox to hearth.example at NOW. */
  TestRequest vectorRequest() {
    return new TestRequest("POST", "/c/books/inbox")
        .header("Host", "hearth.example")
        .header("Date", "Sat, 21 Nov 2026 12:00:00 GMT")
        .header("Digest", DIGEST)
        .header("Content-Type", "application/activity+json")
        .header("Signature", "keyId=\"" + KEY_ID + "\",algorithm=\"rsa-sha256\","
            + "headers=\"(request-target) host date digest content-type\",signature=\"" + vector + "\"");
  }

  void verify(TestRequest request, String body, PublicKey key) throws SignatureException {
    cavage.prepare(request, body == null ? null : body.getBytes(StandardCharsets.UTF_8)).verify(key);
  }

  @Test
  void aSignatureMadeByOpenSslVerifies() {
    assertDoesNotThrow(() -> verify(vectorRequest(), BODY, publicKey));
  }

  @Test
  void hs2019IsAcceptedForRsaKeys() {
    TestRequest r = vectorRequest().replace("Signature", vectorRequest().header("signature").replace("rsa-sha256", "hs2019"));
    assertDoesNotThrow(() -> verify(r, BODY, publicKey));
  }

  @Test
  void ourSignerProducesExactlyTheOpenSslSignature() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    cavage.sign(new SigningKey(KEY_ID, privateKey), "POST", URI.create("https://hearth.example/c/books/inbox"), headers,
        BODY.getBytes(StandardCharsets.UTF_8));
    assertEquals("hearth.example", headers.get("Host"));
    assertEquals("Sat, 21 Nov 2026 12:00:00 GMT", headers.get("Date"));
    assertEquals(DIGEST, headers.get("Digest"));
    assertEquals("keyId=\"" + KEY_ID + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest content-type\","
        + "signature=\"" + vector + "\"", headers.get("Signature"));
  }

  @Test
  void aSignedGetCoversAcceptAndVerifies() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/activity+json");
    cavage.sign(new SigningKey(KEY_ID, privateKey), "GET", URI.create("http://127.0.0.1:8080/c/books?page=2"), headers, null);
    assertEquals("127.0.0.1:8080", headers.get("Host"));
    assertDoesNotThrow(() -> verify(TestRequest.from("GET", "/c/books?page=2", headers), null, publicKey));
  }

  @Test
  void aSignatureOverThePathWithoutTheQueryStillVerifies() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/activity+json");
    cavage.sign(new SigningKey(KEY_ID, privateKey), "GET", URI.create("https://hearth.example/c/books"), headers, null);
    assertDoesNotThrow(() -> verify(TestRequest.from("GET", "/c/books?page=2", headers), null, publicKey));
  }

  Reason reasonFor(TestRequest request, String body, PublicKey key) {
    return assertThrows(SignatureException.class, () -> verify(request, body, key)).reason();
  }

  @Test
  void anUnsignedRequestIsRejected() {
    assertEquals(Reason.MISSING_SIGNATURE, reasonFor(vectorRequest().without("Signature"), BODY, publicKey));
  }

  @Test
  void aMalformedSignatureHeaderIsRejected() {
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(vectorRequest().replace("Signature", "keyId=\"x"), BODY, publicKey));
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(vectorRequest().replace("Signature", "algorithm=\"rsa-sha256\""), BODY, publicKey));
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(vectorRequest().replace("Signature",
        "keyId=\"a\",keyId=\"b\",signature=\"" + vector + "\""), BODY, publicKey));
  }

  @Test
  void anUnknownAlgorithmIsRejected() {
    TestRequest r = vectorRequest().replace("Signature", vectorRequest().header("signature").replace("rsa-sha256", "hmac-sha256"));
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, reasonFor(r, BODY, publicKey));
  }

  @Test
  void anRfc9421SignatureHeaderIsNotMistakenForADraftCavageOne() {
    TestRequest r = vectorRequest().replace("Signature", "sig1=:" + vector + ":")
        .header("Signature-Input", "sig1=(\"@method\");created=1");
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, publicKey));
  }

  @Test
  void anExpiredSignatureIsRejected() {
    TestRequest r = vectorRequest().replace("Signature", vectorRequest().header("signature") + ",expires=\""
        + NOW.minusSeconds(1).getEpochSecond() + "\"");
    assertEquals(Reason.SIGNATURE_EXPIRED, reasonFor(r, BODY, publicKey));
  }

  @Test
  void anAbsurdCreatedOrExpiresTimeIsRejectedCleanly() {
    String base = "keyId=\"" + KEY_ID + "\",algorithm=\"hs2019\",signature=\"" + vector + "\",";
    TestRequest created = vectorRequest().replace("Signature", base
        + "headers=\"(request-target) host (created) digest\",created=\"100000000000000000\"");
    assertEquals(Reason.BAD_DATE, reasonFor(created, BODY, publicKey));
    TestRequest expires = vectorRequest().replace("Signature", vectorRequest().header("signature")
        + ",expires=\"-100000000000000000\"");
    assertEquals(Reason.BAD_DATE, reasonFor(expires, BODY, publicKey));
  }

  // ---------------------------------------------------------------- Ed25519 keys

  final java.security.KeyPair ed = Keys.generateEd25519();
  final SigningKey edKey = new SigningKey(KEY_ID, ed.getPrivate());

  TestRequest signedWithEd25519(String algorithm) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    cavage.sign(edKey, "POST", URI.create("https://hearth.example/c/books/inbox"), headers,
        BODY.getBytes(StandardCharsets.UTF_8));
    assertEquals(true, headers.get("Signature").contains("algorithm=\"hs2019\""));
    TestRequest r = TestRequest.from("POST", "/c/books/inbox", headers);
    return algorithm == null ? r : r.replace("Signature", headers.get("Signature").replace("hs2019", algorithm));
  }

  @Test
  void hs2019WithAnEd25519KeyVerifies() {
    assertDoesNotThrow(() -> verify(signedWithEd25519(null), BODY, ed.getPublic()));
  }

  @Test
  void theEd25519AlgorithmNameVerifiesWithAnEd25519Key() {
    assertDoesNotThrow(() -> verify(signedWithEd25519("ed25519"), BODY, ed.getPublic()));
  }

  @Test
  void anEd25519SignatureClaimingRsaSha256IsRejected() {
    assertEquals(Reason.KEY_ALGORITHM_MISMATCH, reasonFor(signedWithEd25519("rsa-sha256"), BODY, ed.getPublic()));
  }

  @Test
  void anEd25519AlgorithmWithAnRsaKeyIsRejected() {
    TestRequest r = vectorRequest().replace("Signature", vectorRequest().header("signature").replace("rsa-sha256", "ed25519"));
    assertEquals(Reason.KEY_ALGORITHM_MISMATCH, reasonFor(r, BODY, publicKey));
  }

  @Test
  void anEd25519SignatureDoesNotVerifyWithAnotherEd25519Key() {
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(signedWithEd25519(null), BODY, Keys.generateEd25519().getPublic()));
  }

  @Test
  void anEd25519SignatureOverAnotherBodyIsRejected() {
    assertEquals(Reason.DIGEST_MISMATCH, reasonFor(signedWithEd25519(null), "{}", ed.getPublic()));
  }

  TestRequest signedOver(String headerList) {
    return vectorRequest().replace("Signature", "keyId=\"" + KEY_ID + "\",algorithm=\"rsa-sha256\",headers=\""
        + headerList + "\",signature=\"" + vector + "\"");
  }

  @Test
  void aSignatureThatDoesNotCoverTheRequestTargetIsRejected() {
    assertEquals(Reason.MISSING_SIGNED_HEADER, reasonFor(signedOver("host date digest content-type"), BODY, publicKey));
  }

  @Test
  void aSignatureThatDoesNotCoverHostIsRejected() {
    assertEquals(Reason.MISSING_SIGNED_HEADER, reasonFor(signedOver("(request-target) date digest content-type"), BODY, publicKey));
  }

  @Test
  void aSignatureThatDoesNotCoverDateIsRejected() {
    assertEquals(Reason.MISSING_SIGNED_HEADER, reasonFor(signedOver("(request-target) host digest content-type"), BODY, publicKey));
  }

  @Test
  void aPostWhoseSignatureDoesNotCoverTheDigestIsRejected() {
    assertEquals(Reason.MISSING_SIGNED_HEADER, reasonFor(signedOver("(request-target) host date content-type"), BODY, publicKey));
  }

  @Test
  void aSignedHeaderMissingFromTheRequestIsRejected() {
    assertEquals(Reason.MISSING_HEADER, reasonFor(vectorRequest().without("Content-Type"), BODY, publicKey));
  }

  @Test
  void aRequestWithoutTheSignedDateIsRejected() {
    assertEquals(Reason.MISSING_HEADER, reasonFor(vectorRequest().without("Date"), BODY, publicKey));
  }

  @Test
  void aBodyThatDoesNotMatchTheDigestIsRejected() {
    assertEquals(Reason.DIGEST_MISMATCH, reasonFor(vectorRequest(), "{\"type\":\"Delete\"}", publicKey));
  }

  @Test
  void aPostWithoutADigestHeaderIsRejected() {
    assertEquals(Reason.DIGEST_MISSING, reasonFor(vectorRequest().without("Digest"), BODY, publicKey));
  }

  @Test
  void anOldDateIsRejected() {
    DraftCavage later = new DraftCavage(Clock.fixed(NOW.plus(Duration.ofMinutes(61)), ZoneOffset.UTC), Duration.ofHours(1));
    SignatureException e = assertThrows(SignatureException.class,
        () -> later.prepare(vectorRequest(), BODY.getBytes(StandardCharsets.UTF_8)));
    assertEquals(Reason.DATE_OUT_OF_WINDOW, e.reason());
  }

  @Test
  void aDateInTheFutureIsRejected() {
    DraftCavage earlier = new DraftCavage(Clock.fixed(NOW.minus(Duration.ofMinutes(61)), ZoneOffset.UTC), Duration.ofHours(1));
    SignatureException e = assertThrows(SignatureException.class,
        () -> earlier.prepare(vectorRequest(), BODY.getBytes(StandardCharsets.UTF_8)));
    assertEquals(Reason.DATE_OUT_OF_WINDOW, e.reason());
  }

  @Test
  void aDateThatIsNotAnHttpDateIsRejected() {
    assertEquals(Reason.BAD_DATE, reasonFor(vectorRequest().replace("Date", "yesterday"), BODY, publicKey));
  }

  @Test
  void aSignatureReplayedToAnotherPathIsRejected() {
    TestRequest r = vectorRequest();
    TestRequest moved = new TestRequest("POST", "/c/other/inbox");
    r.headers.forEach((k, v) -> v.forEach(x -> moved.header(k, x)));
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(moved, BODY, publicKey));
  }

  @Test
  void aSignatureReplayedToAnotherHostIsRejected() {
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(vectorRequest().replace("Host", "evil.example"), BODY, publicKey));
  }

  @Test
  void headersSignedInAnotherOrderDoNotVerify() {
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(signedOver("(request-target) date host digest content-type"), BODY, publicKey));
  }

  @Test
  void aSignatureFromAnotherKeyIsRejected() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(vectorRequest(), BODY, gen.generateKeyPair().getPublic()));
  }

  @Test
  void aKeyTooSmallToTrustIsRejected() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(512);
    String pem = Keys.toPem(gen.generateKeyPair().getPublic());
    assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class, () -> Keys.parsePublicPem(pem)).reason());
  }

  @Test
  void aPkcs1PublicKeyFromAnOldPeerIsAccepted() throws Exception {
    // the same key in PKCS#1 form ("RSA PUBLIC KEY"), as a few older servers publish it
    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
    String pem = "-----BEGIN RSA PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(spki.parsePublicKey().getEncoded())
        + "\n-----END RSA PUBLIC KEY-----\n";
    assertEquals(publicKey, Keys.parsePublicPem(pem));
  }
}
