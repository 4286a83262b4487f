package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SignatureException.Reason;

/** RFC 9421 signing and verifying round trips, and one test per way a forged or broken request is refused. */
class Rfc9421Test {

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final String KEY_ID = "https://remote.example/users/alice#main-key";
  static final String INBOX = "https://hearth.example/c/books/inbox";
  static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
  static final KeyPair RSA = Keys.generateRsa2048();
  static final KeyPair ED = Keys.generateEd25519();

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final Rfc9421 rfc = new Rfc9421(clock, Duration.ofHours(1));
  final SigningKey rsaKey = new SigningKey(KEY_ID, RSA.getPrivate());
  final SigningKey edKey = new SigningKey(KEY_ID, ED.getPrivate());

  /** A request signed by our own signer, as the receiving server sees it. */
  TestRequest signedPost(SigningKey key, String url) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    rfc.sign(key, "POST", URI.create(url), headers, BODY);
    URI u = URI.create(url);
    return TestRequest.from("POST", u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()), headers);
  }

  /** A POST to our inbox signed by hand over any components and parameters, with any algorithm. */
  TestRequest handSigned(SigningKey key, SignatureAlgorithm alg, List<String> components, Map<String, Object> params)
      throws SignatureException {
    TestRequest r = new TestRequest("POST", "/c/books/inbox")
        .header("Host", "hearth.example")
        .header("Content-Type", "application/activity+json")
        .header("Content-Digest", ContentDigest.header(BODY));
    return signOver(r, "https", key, alg, components, params);
  }

  static TestRequest signOver(TestRequest r, String scheme, SigningKey key, SignatureAlgorithm alg,
                              List<String> components, Map<String, Object> params) throws SignatureException {
    String input = StructuredFields.serializeInnerList(components, params);
    String base = SignatureBase.build(SignatureBase.Target.of(r.method, scheme, r.header("host"), r.target), r,
        components, input);
    byte[] sig = alg.sign(key, base.getBytes(StandardCharsets.US_ASCII));
    return r.header("Signature-Input", "sig1=" + input)
        .header("Signature", "sig1=:" + Base64.getEncoder().encodeToString(sig) + ":");
  }

  static Map<String, Object> params(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  static final List<String> FULL = List.of("@method", "@target-uri", "@authority", "content-digest");

  Map<String, Object> standard() {
    return params("created", NOW.getEpochSecond(), "keyid", KEY_ID);
  }

  void verify(TestRequest request, byte[] body, PublicKey key) throws SignatureException {
    rfc.prepare(request, body).verify(key);
  }

  Reason reasonFor(TestRequest request, byte[] body, PublicKey key) {
    return assertThrows(SignatureException.class, () -> verify(request, body, key)).reason();
  }

  // ---------------------------------------------------------------- what we send

  @Test
  void aSignedPostCarriesTheHeadersFedifyAndMastodonExpect() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    rfc.sign(rsaKey, "POST", URI.create("https://Hearth.Example:443/c/books/inbox"), headers, BODY);
    assertEquals("hearth.example", headers.get("Host"));
    assertEquals("Sat, 21 Nov 2026 12:00:00 GMT", headers.get("Date"));
    assertEquals("sha-256=:GYwYnH3BiO6aICFt0ThC5bUIJ4byvqdpWtR8m5fNkww=:", headers.get("Content-Digest"));
    assertEquals("sig1=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\");created=" + NOW.getEpochSecond()
        + ";keyid=\"" + KEY_ID + "\";alg=\"rsa-v1_5-sha256\"", headers.get("Signature-Input"));
    assertTrue(headers.get("Signature").matches("sig1=:[A-Za-z0-9+/]+=*:"));
  }

  @Test
  void aSignedGetCoversNoDigestAndVerifies() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/activity+json");
    rfc.sign(rsaKey, "GET", URI.create("http://127.0.0.1:8080/c/books?page=2"), headers, null);
    assertEquals("127.0.0.1:8080", headers.get("Host"));
    assertFalse(headers.containsKey("Content-Digest"));
    assertTrue(headers.get("Signature-Input").startsWith("sig1=(\"@method\" \"@target-uri\" \"@authority\");"));
    assertDoesNotThrow(() -> verify(TestRequest.from("GET", "/c/books?page=2", headers), null, RSA.getPublic()));
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void anRsaSignedPostVerifies() {
    assertDoesNotThrow(() -> verify(signedPost(rsaKey, INBOX), BODY, RSA.getPublic()));
  }

  @Test
  void anEd25519SignedPostVerifies() {
    TestRequest r = signedPost(edKey, INBOX);
    assertTrue(r.header("signature-input").contains("alg=\"ed25519\""));
    assertDoesNotThrow(() -> verify(r, BODY, ED.getPublic()));
  }

  @Test
  void anRsaPssSignedPostVerifies() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_PSS_SHA512, FULL,
        params("created", NOW.getEpochSecond(), "keyid", KEY_ID, "alg", "rsa-pss-sha512"));
    assertDoesNotThrow(() -> verify(r, BODY, RSA.getPublic()));
  }

  @Test
  void withoutAlgTheKeyTypeDecides() throws SignatureException {
    TestRequest pss = handSigned(rsaKey, SignatureAlgorithm.RSA_PSS_SHA512, FULL, standard());
    assertDoesNotThrow(() -> verify(pss, BODY, RSA.getPublic()));
    TestRequest pkcs1 = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL, standard());
    assertDoesNotThrow(() -> verify(pkcs1, BODY, RSA.getPublic()));
    TestRequest ed = handSigned(edKey, SignatureAlgorithm.ED25519, FULL, standard());
    assertDoesNotThrow(() -> verify(ed, BODY, ED.getPublic()));
  }

  @Test
  void aTargetWithAQueryStringVerifies() {
    assertDoesNotThrow(() -> verify(signedPost(rsaKey, INBOX + "?x=1&y=%20"), BODY, RSA.getPublic()));
  }

  @Test
  void anExplicitDefaultPortInTheHostHeaderStillVerifies() {
    TestRequest r = signedPost(rsaKey, INBOX).replace("Host", "Hearth.Example:443");
    assertDoesNotThrow(() -> verify(r, BODY, RSA.getPublic()));
  }

  @Test
  void authorityAndPathMayReplaceTargetUri() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@method", "@authority", "@path", "content-digest", "content-type"), standard());
    assertDoesNotThrow(() -> verify(r, BODY, RSA.getPublic()));
  }

  @Test
  void whenTheSchemeIsUnknownAnHttpTargetUriIsAccepted() throws SignatureException {
    TestRequest r = signOver(new TestRequest("POST", "/c/books/inbox").header("Host", "hearth.example")
        .header("Content-Digest", ContentDigest.header(BODY)), "http", rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        FULL, standard());
    assertDoesNotThrow(() -> verify(r, BODY, RSA.getPublic()));
  }

  @Test
  void whenTheSchemeIsKnownATargetUriWithAnotherSchemeIsRejected() throws SignatureException {
    TestRequest r = signOver(new TestRequest("POST", "/c/books/inbox").header("Host", "hearth.example")
        .header("Content-Digest", ContentDigest.header(BODY)), "http", rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        FULL, standard());
    r.scheme = "https";
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void extraSignatureParametersAreCoveredAndAccepted() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL,
        params("created", NOW.getEpochSecond(), "keyid", KEY_ID, "nonce", "abc", "tag", "fedi",
            "expires", NOW.plusSeconds(300).getEpochSecond()));
    assertDoesNotThrow(() -> verify(r, BODY, RSA.getPublic()));
  }

  // ---------------------------------------------------------------- time

  @Test
  void aSignatureWithoutCreatedIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL, params("keyid", KEY_ID));
    assertEquals(Reason.CREATED_MISSING, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aReplayedSignatureCreatedOverAnHourAgoIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL,
        params("created", NOW.minusSeconds(3601).getEpochSecond(), "keyid", KEY_ID));
    assertEquals(Reason.CREATED_OUT_OF_WINDOW, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aSignatureCreatedInTheFutureIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL,
        params("created", NOW.plusSeconds(3601).getEpochSecond(), "keyid", KEY_ID));
    assertEquals(Reason.CREATED_OUT_OF_WINDOW, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void anExpiredSignatureIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL,
        params("created", NOW.minusSeconds(60).getEpochSecond(), "keyid", KEY_ID,
            "expires", NOW.minusSeconds(1).getEpochSecond()));
    assertEquals(Reason.SIGNATURE_EXPIRED, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aCreatedTimeThatIsNotAnIntegerIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL,
        params("created", String.valueOf(NOW.getEpochSecond()), "keyid", KEY_ID));
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  // ---------------------------------------------------------------- body binding

  @Test
  void aBodySwappedUnderAValidSignatureIsRejected() {
    assertEquals(Reason.DIGEST_MISMATCH,
        reasonFor(signedPost(rsaKey, INBOX), "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8), RSA.getPublic()));
  }

  @Test
  void aContentDigestRewrittenToMatchASwappedBodyBreaksTheSignature() {
    byte[] evil = "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8);
    TestRequest r = signedPost(rsaKey, INBOX).replace("Content-Digest", ContentDigest.header(evil));
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(r, evil, RSA.getPublic()));
  }

  @Test
  void aCoveredContentDigestHeaderThatIsMissingIsRejected() {
    assertEquals(Reason.DIGEST_MISSING, reasonFor(signedPost(rsaKey, INBOX).without("Content-Digest"), BODY, RSA.getPublic()));
  }

  @Test
  void aPostWhoseSignatureDoesNotCoverTheContentDigestIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@method", "@target-uri", "@authority"), standard());
    assertEquals(Reason.DIGEST_NOT_COVERED, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aPostWithAnEmptyBodyMustStillCoverTheContentDigest() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@method", "@target-uri", "@authority"), standard());
    assertEquals(Reason.DIGEST_NOT_COVERED, reasonFor(r, null, RSA.getPublic()));
  }

  // ---------------------------------------------------------------- request binding

  @Test
  void aSignatureThatDoesNotCoverTheMethodIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@target-uri", "@authority", "content-digest"), standard());
    assertEquals(Reason.COMPONENT_NOT_COVERED, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aSignatureThatDoesNotCoverTheTargetUriIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@method", "@authority", "content-digest"), standard());
    assertEquals(Reason.COMPONENT_NOT_COVERED, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aPathWithoutTheQueryDoesNotBindARequestWithAQuery() throws SignatureException {
    TestRequest r = new TestRequest("POST", "/c/books/inbox?x=1").header("Host", "hearth.example")
        .header("Content-Digest", ContentDigest.header(BODY));
    signOver(r, "https", rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@method", "@authority", "@path", "content-digest"), standard());
    assertEquals(Reason.COMPONENT_NOT_COVERED, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aSignatureForAnotherHostIsRejected() {
    TestRequest r = signedPost(rsaKey, "https://other.example/c/books/inbox").replace("Host", "hearth.example");
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aSignatureForAnotherPathIsRejected() {
    TestRequest signed = signedPost(rsaKey, INBOX);
    TestRequest moved = new TestRequest("POST", "/c/other/inbox");
    signed.headers.forEach((k, v) -> v.forEach(x -> moved.header(k, x)));
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(moved, BODY, RSA.getPublic()));
  }

  @Test
  void aSignatureForAnotherQueryIsRejected() {
    TestRequest signed = signedPost(rsaKey, INBOX + "?a=1");
    TestRequest moved = new TestRequest("POST", "/c/books/inbox?a=2");
    signed.headers.forEach((k, v) -> v.forEach(x -> moved.header(k, x)));
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(moved, BODY, RSA.getPublic()));
  }

  @Test
  void aSignatureReplayedWithAnotherMethodIsRejected() {
    TestRequest signed = signedPost(rsaKey, INBOX);
    TestRequest put = new TestRequest("PUT", "/c/books/inbox");
    signed.headers.forEach((k, v) -> v.forEach(x -> put.header(k, x)));
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(put, BODY, RSA.getPublic()));
  }

  @Test
  void aCoveredHeaderMissingFromTheRequestIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@method", "@target-uri", "content-digest", "content-type"), standard()).without("Content-Type");
    assertEquals(Reason.MISSING_HEADER, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aRequestWithoutAHostHeaderIsRejected() {
    assertEquals(Reason.MISSING_HEADER, reasonFor(signedPost(rsaKey, INBOX).without("Host"), BODY, RSA.getPublic()));
  }

  @Test
  void aCoveredHeaderWithNonAsciiCharactersIsRejected() throws SignatureException {
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256,
        List.of("@method", "@target-uri", "content-digest", "content-type"), standard())
        .replace("Content-Type", "application/activity+json; x=\u00e9");
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  // ---------------------------------------------------------------- components

  @Test
  void unsupportedDerivedComponentsAreRejected() {
    for (String component : List.of("\"@status\"", "\"@query-param\";name=\"a\"", "\"@signature-params\"", "\"@x\"")) {
      TestRequest r = signedPost(rsaKey, INBOX);
      r.replace("Signature-Input", r.header("signature-input").replace("\"@authority\"", component));
      assertEquals(Reason.UNSUPPORTED_COMPONENT, reasonFor(r, BODY, RSA.getPublic()), component);
    }
  }

  @Test
  void componentParametersAreRejected() {
    TestRequest r = signedPost(rsaKey, INBOX);
    r.replace("Signature-Input", r.header("signature-input").replace("\"content-digest\"", "\"content-digest\";sf"));
    assertEquals(Reason.UNSUPPORTED_COMPONENT, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aComponentCoveredTwiceIsRejected() {
    TestRequest r = signedPost(rsaKey, INBOX);
    r.replace("Signature-Input", r.header("signature-input").replace("\"@authority\"", "\"@method\""));
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void anUppercaseFieldNameIsRejected() {
    TestRequest r = signedPost(rsaKey, INBOX);
    r.replace("Signature-Input", r.header("signature-input").replace("\"content-digest\"", "\"Content-Digest\""));
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  // ---------------------------------------------------------------- algorithms and keys

  @Test
  void anUnknownAlgorithmIsRejected() {
    for (String alg : List.of("hmac-sha256", "ecdsa-p256-sha256", "rsa-sha256", "none")) {
      TestRequest r = signedPost(rsaKey, INBOX);
      r.replace("Signature-Input", r.header("signature-input").replace("rsa-v1_5-sha256", alg));
      assertEquals(Reason.UNSUPPORTED_ALGORITHM, reasonFor(r, BODY, RSA.getPublic()), alg);
    }
  }

  @Test
  void aSignatureFromAnotherKeyIsRejected() {
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(signedPost(rsaKey, INBOX), BODY, Keys.generateRsa2048().getPublic()));
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(signedPost(edKey, INBOX), BODY, Keys.generateEd25519().getPublic()));
  }

  @Test
  void anAlgorithmThatDoesNotFitTheKeyIsRejected() {
    assertEquals(Reason.KEY_ALGORITHM_MISMATCH, reasonFor(signedPost(edKey, INBOX), BODY, RSA.getPublic()));
    assertEquals(Reason.KEY_ALGORITHM_MISMATCH, reasonFor(signedPost(rsaKey, INBOX), BODY, ED.getPublic()));
  }

  @Test
  void aDeclaredAlgorithmIsNotSwappedForAnother() throws SignatureException {
    // signed with PKCS#1 v1.5 but claiming PSS: only the declared algorithm is tried
    TestRequest r = handSigned(rsaKey, SignatureAlgorithm.RSA_V1_5_SHA256, FULL,
        params("created", NOW.getEpochSecond(), "keyid", KEY_ID, "alg", "rsa-pss-sha512"));
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void aTruncatedSignatureIsRejected() {
    TestRequest r = signedPost(edKey, INBOX);
    r.replace("Signature", "sig1=:" + Base64.getEncoder().encodeToString(new byte[63]) + ":");
    assertEquals(Reason.INVALID_SIGNATURE, reasonFor(r, BODY, ED.getPublic()));
  }

  // ---------------------------------------------------------------- malformed headers

  @Test
  void malformedSignatureInputDictionariesAreRejected() {
    for (String input : List.of("sig1", "sig1=", "sig1=(\"@method\"", "sig1=(\"@method\");created=", "Sig1=()",
        "sig1=(\"@method\"),", "sig1=(@method)", "sig1=(\"@method\";)", "sig1=\"@method\"", "sig1=();keyid=\"a",
        "sig1=(\"@method\" \"@target-uri\")created=1", "sig1=();created=1;created=2", "sig1=(), sig1=()",
        "sig1=();keyid=tok;created=" + NOW.getEpochSecond(), "sig1=();created=99999999999999999999")) {
      TestRequest r = signedPost(rsaKey, INBOX).replace("Signature-Input", input);
      assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()), input);
    }
  }

  @Test
  void malformedSignatureDictionariesAreRejected() {
    for (String signature : List.of("sig1=:not base64!:", "sig1=:abc", "sig1=abc", "sig1=\"abc\"", "sig2=:AAAA:",
        "sig1=::", "sig1=:" + Base64.getEncoder().encodeToString(new byte[1025]) + ":", "sig1=?1")) {
      TestRequest r = signedPost(rsaKey, INBOX).replace("Signature", signature);
      assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()), signature);
    }
  }

  @Test
  void aSignatureInputWithoutSignatureIsRejected() {
    assertEquals(Reason.MISSING_SIGNATURE, reasonFor(signedPost(rsaKey, INBOX).without("Signature"), BODY, RSA.getPublic()));
  }

  @Test
  void anEmptySignatureInputIsRejected() {
    assertEquals(Reason.MISSING_SIGNATURE, reasonFor(signedPost(rsaKey, INBOX).replace("Signature-Input", " "),
        BODY, RSA.getPublic()));
  }

  @Test
  void oversizedHeadersAreRejected() {
    TestRequest r = signedPost(rsaKey, INBOX);
    r.replace("Signature-Input", r.header("signature-input") + ";tag=\"" + "a".repeat(Rfc9421.MAX_INPUT_LENGTH) + "\"");
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
    TestRequest s = signedPost(rsaKey, INBOX);
    s.replace("Signature", s.header("signature") + ", x=\"" + "a".repeat(Rfc9421.MAX_SIGNATURE_LENGTH) + "\"");
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(s, BODY, RSA.getPublic()));
  }

  @Test
  void tooManyLabelsAreRejected() {
    TestRequest r = signedPost(rsaKey, INBOX);
    StringBuilder inputs = new StringBuilder(r.header("signature-input"));
    for (int i = 0; i < Rfc9421.MAX_LABELS; i++) {
      inputs.append(", x").append(i).append("=()");
    }
    r.replace("Signature-Input", inputs.toString());
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }

  @Test
  void tooManyComponentsAreRejected() {
    TestRequest r = signedPost(rsaKey, INBOX);
    StringBuilder many = new StringBuilder("\"@method\"");
    for (int i = 0; i < 40; i++) {
      many.append(" \"x-").append(i).append('"');
    }
    r.replace("Signature-Input", r.header("signature-input").replace("\"@method\"", many.toString()));
    assertEquals(Reason.MALFORMED_SIGNATURE, reasonFor(r, BODY, RSA.getPublic()));
  }
}
