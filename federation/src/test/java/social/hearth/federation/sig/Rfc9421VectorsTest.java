package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
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

/**
 * The example signatures of RFC 9421 Appendix B.2, made with the keys of Appendix B.1 over the request of
 * Appendix B.2, checked at the RFC's {@code created} time. The published signatures must verify through the
 * same parser, signature-base builder and algorithms as real traffic; the strict fediverse policy then decides
 * which of them it would accept.
 */
class Rfc9421VectorsTest {

  static final long CREATED = 1618884473L;
  static final Clock AT_CREATED = Clock.fixed(Instant.ofEpochSecond(CREATED + 30), ZoneOffset.UTC);
  static final String BODY = "{\"hello\": \"world\"}";

  /** RFC-minimum coverage: only what RFC 9421 itself requires, to check the vectors. */
  final Rfc9421 conformance = new Rfc9421(AT_CREATED, Duration.ofHours(1), Rfc9421.Coverage.RFC_MINIMUM);
  /** What Hearth runs. */
  final Rfc9421 strict = new Rfc9421(AT_CREATED, Duration.ofHours(1));

  final PublicKey rsaPss = DraftCavageTest.parsePublic(DraftCavageTest.resource("rfc9421/test-key-rsa-pss.pub.pem"));
  final PublicKey ed25519 = DraftCavageTest.parsePublic(DraftCavageTest.resource("rfc9421/test-key-ed25519.pub.pem"));

  /** The request of RFC 9421 Appendix B.2 (the test-request of B.2). */
  static TestRequest rfcRequest() {
    return new TestRequest("POST", "/foo?param=Value&Pet=dog")
        .header("Host", "example.com")
        .header("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
        .header("Content-Type", "application/json")
        .header("Content-Digest",
            "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:")
        .header("Content-Length", "18");
  }

  static byte[] body() {
    return BODY.getBytes(StandardCharsets.UTF_8);
  }

  static final String B21_INPUT = "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";
  static final String B21_SIGNATURE = "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq"
      + "786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2Vj"
      + "BqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gC"
      + "w1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:";

  static final String B22_INPUT = "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\")"
      + ";created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"";
  static final String B22_SIGNATURE = "sig-b22=:LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJj"
      + "tq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SARYhpTl"
      + "aqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQo"
      + "sMTAoxk//0RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==:";

  static final String B23_INPUT = "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" "
      + "\"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"";
  static final String B23_SIGNATURE = "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIR"
      + "ASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aY"
      + "A2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJ"
      + "pvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:";

  static final String B26_INPUT = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
      + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
  static final String B26_SIGNATURE_VALUE =
      "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";
  static final String B26_SIGNATURE = "sig-b26=:" + B26_SIGNATURE_VALUE + ":";

  static TestRequest signed(String input, String signature) {
    return rfcRequest().header("Signature-Input", input).header("Signature", signature);
  }

  @Test
  void theB26Ed25519SignatureVerifies() {
    assertDoesNotThrow(() -> conformance.prepare(signed(B26_INPUT, B26_SIGNATURE), body()).verify(ed25519));
  }

  @Test
  void theB23FullCoverageRsaPssSignatureVerifiesEvenUnderTheStrictPolicy() throws SignatureException {
    Rfc9421.Prepared prepared = strict.prepare(signed(B23_INPUT, B23_SIGNATURE), body());
    assertEquals("test-key-rsa-pss", prepared.keyId());
    assertEquals("sig-b23", prepared.label());
    assertEquals(CREATED, prepared.created());
    assertDoesNotThrow(() -> prepared.verify(rsaPss));
  }

  @Test
  void theB21MinimalRsaPssSignatureVerifies() {
    assertDoesNotThrow(() -> conformance.prepare(signed(B21_INPUT, B21_SIGNATURE), body()).verify(rsaPss));
  }

  @Test
  void theB26SignatureBaseIsRebuiltExactlyAndOurSignerReproducesTheRfcSignature() throws SignatureException {
    String expectedBase = """
        "date": Tue, 20 Apr 2021 02:07:55 GMT
        "@method": POST
        "@path": /foo
        "@authority": example.com
        "content-type": application/json
        "content-length": 18
        "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length")\
        ;created=1618884473;keyid="test-key-ed25519\"""";
    SignatureBase.Target target = SignatureBase.Target.of("POST", "https", "example.com", "/foo?param=Value&Pet=dog");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", CREATED);
    params.put("keyid", "test-key-ed25519");
    List<String> components = List.of("date", "@method", "@path", "@authority", "content-type", "content-length");
    String base = SignatureBase.build(target, rfcRequest(), components,
        StructuredFields.serializeInnerList(components, params));
    assertEquals(expectedBase, base);

    SigningKey key = new SigningKey("test-key-ed25519",
        Keys.parsePrivatePem(DraftCavageTest.resource("rfc9421/test-key-ed25519.pem")));
    byte[] signature = SignatureAlgorithm.ED25519.sign(key, base.getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(Base64.getDecoder().decode(B26_SIGNATURE_VALUE), signature);
  }

  @Test
  void theB23SignatureBaseIsRebuiltExactly() throws SignatureException {
    String expectedBase = """
        "date": Tue, 20 Apr 2021 02:07:55 GMT
        "@method": POST
        "@path": /foo
        "@query": ?param=Value&Pet=dog
        "@authority": example.com
        "content-type": application/json
        "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
        "content-length": 18
        "@signature-params": ("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" \
        "content-length");created=1618884473;keyid="test-key-rsa-pss\"""";
    SignatureBase.Target target = SignatureBase.Target.of("POST", "https", "example.com", "/foo?param=Value&Pet=dog");
    List<String> components = List.of("date", "@method", "@path", "@query", "@authority", "content-type",
        "content-digest", "content-length");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", CREATED);
    params.put("keyid", "test-key-rsa-pss");
    assertEquals(expectedBase, SignatureBase.build(target, rfcRequest(), components,
        StructuredFields.serializeInnerList(components, params)));
  }

  @Test
  void theRfcSha512ContentDigestMatchesTheBody() {
    assertDoesNotThrow(() -> ContentDigest.verify(rfcRequest().header("content-digest"), body()));
  }

  @Test
  void theB22SignatureIsRefusedBecauseQueryParamIsNotSupported() {
    SignatureException e = assertThrows(SignatureException.class,
        () -> conformance.prepare(signed(B22_INPUT, B22_SIGNATURE), body()));
    assertEquals(Reason.UNSUPPORTED_COMPONENT, e.reason());
  }

  @Test
  void theStrictPolicyRefusesTheVectorsThatDoNotBindMethodTargetAndBody() {
    assertEquals(Reason.COMPONENT_NOT_COVERED, assertThrows(SignatureException.class,
        () -> strict.prepare(signed(B21_INPUT, B21_SIGNATURE), body())).reason());
    // B.2.6 covers @path but not @query, although the request has a query
    assertEquals(Reason.COMPONENT_NOT_COVERED, assertThrows(SignatureException.class,
        () -> strict.prepare(signed(B26_INPUT, B26_SIGNATURE), body())).reason());
  }

  @Test
  void aTamperedVectorDoesNotVerify() throws SignatureException {
    TestRequest r = signed(B26_INPUT, B26_SIGNATURE).replace("Content-Length", "19");
    Rfc9421.Prepared prepared = conformance.prepare(r, body());
    assertEquals(Reason.INVALID_SIGNATURE, assertThrows(SignatureException.class, () -> prepared.verify(ed25519)).reason());
  }

  @Test
  void theVectorsAreOutOfWindowAtAnyRealTime() {
    Rfc9421 now = new Rfc9421(Clock.systemUTC(), Duration.ofHours(1), Rfc9421.Coverage.RFC_MINIMUM);
    assertEquals(Reason.CREATED_OUT_OF_WINDOW, assertThrows(SignatureException.class,
        () -> now.prepare(signed(B26_INPUT, B26_SIGNATURE), body())).reason());
  }

  @Test
  void withSeveralLabelsTheFirstAcceptableOneIsVerified() throws SignatureException {
    // B.2.2 (unsupported @query-param) comes first, B.2.3 passes every check and is the one chosen
    TestRequest r = rfcRequest()
        .header("Signature-Input", B22_INPUT + ", " + B23_INPUT)
        .header("Signature", B22_SIGNATURE + ", " + B23_SIGNATURE);
    Rfc9421.Prepared prepared = strict.prepare(r, body());
    assertEquals("sig-b23", prepared.label());
    assertDoesNotThrow(() -> prepared.verify(rsaPss));
  }

  @Test
  void whenNoLabelIsAcceptableTheFirstLabelsReasonIsReported() {
    TestRequest r = rfcRequest()
        .header("Signature-Input", B22_INPUT + ", " + B21_INPUT)
        .header("Signature", B22_SIGNATURE + ", " + B21_SIGNATURE);
    assertEquals(Reason.UNSUPPORTED_COMPONENT, assertThrows(SignatureException.class, () -> strict.prepare(r, body())).reason());
  }
}
