package social.hearth.federation.sig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 9421 HTTP Message Signatures for requests, with RFC 9530 {@code Content-Digest}.
 *
 * <p><b>Signing</b> covers {@code @method @target-uri @authority} and, for a request with a body,
 * {@code content-digest} (which it adds as {@code sha-256}), with the parameters {@code created},
 * {@code keyid} and {@code alg} ({@code rsa-v1_5-sha256} for an RSA key, {@code ed25519} for an Ed25519 key),
 * under the label {@code sig1}. It also sets {@code Host} and {@code Date}. This is what Fedify sends and what
 * Mastodon 4.5 requires. Signing is a pure function of the key, the request and the clock.
 *
 * <p><b>Verification</b> is split like {@link DraftCavage}: {@link #prepare} runs every check that needs no
 * key, {@link Prepared#verify} the cryptographic one. {@code prepare} parses the {@code Signature-Input} and
 * {@code Signature} dictionaries (bounded: {@link #MAX_INPUT_LENGTH} / {@link #MAX_SIGNATURE_LENGTH}
 * characters, {@link #MAX_LABELS} labels, 32 components) and considers the labels in header order. It picks
 * the <em>first label that passes every check</em> below and verifies only that one; if none passes, the
 * first label's failure is reported. A request therefore verifies only through a signature that on its own
 * meets the whole policy:
 * <ul>
 *   <li>{@code keyid} is present (a string) and the label has a byte-sequence value in {@code Signature};</li>
 *   <li>{@code created} is present and within the window of our clock (CREATED_MISSING,
 *       CREATED_OUT_OF_WINDOW); {@code expires}, if present, has not passed (SIGNATURE_EXPIRED);</li>
 *   <li>{@code alg}, if present, is {@code rsa-v1_5-sha256}, {@code rsa-pss-sha512} or {@code ed25519}
 *       (UNSUPPORTED_ALGORITHM); when absent the key type decides (RSA: PKCS#1 v1.5 SHA-256, then PSS
 *       SHA-512; Ed25519: Ed25519);</li>
 *   <li>every covered component can be derived (see {@link SignatureBase}; UNSUPPORTED_COMPONENT);</li>
 *   <li>{@code @method} is covered, and the target is bound: {@code @target-uri}, or {@code @authority} with
 *       {@code @request-target}, or {@code @authority} with {@code @path} (plus {@code @query} when the
 *       request has a query) (COMPONENT_NOT_COVERED);</li>
 *   <li>a request with a body, and every POST, covers {@code content-digest} (DIGEST_NOT_COVERED); whenever
 *       {@code content-digest} is covered it must match the exact body bytes (DIGEST_MISSING,
 *       DIGEST_MISMATCH).</li>
 * </ul>
 * The {@code @target-uri} is rebuilt from the scheme the request arrived with ({@link RequestView#scheme()};
 * https or http when unknown), the {@code Host} header and the request target as received. Bad input never
 * causes anything but a {@link SignatureException}.
 */
public final class Rfc9421 {

  /** The label of the signatures we create. */
  public static final String LABEL = "sig1";
  public static final int MAX_INPUT_LENGTH = 8192;
  public static final int MAX_SIGNATURE_LENGTH = 16_384;
  public static final int MAX_LABELS = 8;
  static final int MAX_KEYID_LENGTH = 2048;

  /** How much of the request a signature must cover. */
  enum Coverage {
    /** The policy above: method, target and body digest must be covered. Used for all real traffic. */
    FEDIVERSE,
    /** Only what RFC 9421 itself demands; used to check the RFC's Appendix B vectors, which cover less. */
    RFC_MINIMUM
  }

  private final Clock clock;
  private final Duration window;
  private final Coverage coverage;

  /** {@code window}: how far {@code created} may be from our clock, either way. */
  public Rfc9421(Clock clock, Duration window) {
    this(clock, window, Coverage.FEDIVERSE);
  }

  Rfc9421(Clock clock, Duration window, Coverage coverage) {
    this.clock = clock;
    this.window = window;
    this.coverage = coverage;
  }

  // ---------------------------------------------------------------- signing

  /**
   * Signs a request to {@code target}. {@code headers} receives Host, Date, Content-Digest (when {@code body}
   * is not null), Signature-Input and Signature.
   */
  public void sign(SigningKey key, String method, URI target, Map<String, String> headers, byte[] body) {
    SignatureBase.Target t = SignatureBase.Target.of(method, target);
    headers.put("Host", t.authority());
    Instant now = clock.instant();
    headers.put("Date", DraftCavage.HTTP_DATE.format(now));
    List<String> covered = new ArrayList<>(List.of("@method", "@target-uri", "@authority"));
    Map<String, String> fields = new LinkedHashMap<>();
    if (body != null) {
      String digest = ContentDigest.header(body);
      headers.put("Content-Digest", digest);
      fields.put("content-digest", digest);
      covered.add("content-digest");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", now.getEpochSecond());
    params.put("keyid", key.keyId());
    params.put("alg", key.algorithm().rfc9421Name());
    String input = StructuredFields.serializeInnerList(covered, params);
    String base;
    try {
      base = SignatureBase.build(t, mapView(fields), covered, input);
    } catch (SignatureException e) {
      throw new IllegalArgumentException("cannot sign a request to " + target + ": " + e.getMessage(), e);
    }
    byte[] signature = key.algorithm().sign(key, base.getBytes(StandardCharsets.US_ASCII));
    headers.put("Signature-Input", LABEL + "=" + input);
    headers.put("Signature", LABEL + "=:" + Base64.getEncoder().encodeToString(signature) + ":");
  }

  private static RequestView mapView(Map<String, String> lowercaseFields) {
    return new RequestView() {
      @Override
      public String method() {
        return "";
      }

      @Override
      public String pathAndQuery() {
        return "/";
      }

      @Override
      public List<String> headers(String name) {
        String v = lowercaseFields.get(name.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : List.of(v);
      }
    };
  }

  // ---------------------------------------------------------------- verification

  /** One signature of a request that passed every check but the cryptographic one. */
  public static final class Prepared implements PreparedSignature {
    private final String label;
    private final String keyId;
    private final SignatureAlgorithm algorithm;
    private final long created;
    private final byte[] signature;
    private final List<byte[]> bases;

    Prepared(String label, String keyId, SignatureAlgorithm algorithm, long created, byte[] signature,
             List<byte[]> bases) {
      this.label = label;
      this.keyId = keyId;
      this.algorithm = algorithm;
      this.created = created;
      this.signature = signature;
      this.bases = bases;
    }

    /** The label of the signature chosen in the Signature-Input dictionary. */
    public String label() {
      return label;
    }

    @Override
    public String keyId() {
      return keyId;
    }

    @Override
    public SignatureScheme scheme() {
      return SignatureScheme.RFC9421;
    }

    /** The declared {@code alg}, empty when the key type decides. */
    public Optional<SignatureAlgorithm> algorithm() {
      return Optional.ofNullable(algorithm);
    }

    /** The {@code created} parameter (seconds since the epoch). */
    public long created() {
      return created;
    }

    @Override
    public void verify(PublicKey key) throws SignatureException {
      List<SignatureAlgorithm> candidates;
      if (algorithm != null) {
        candidates = List.of(algorithm);
      } else if (Keys.isEd25519(key)) {
        candidates = List.of(SignatureAlgorithm.ED25519);
      } else if (Keys.isRsa(key)) {
        candidates = List.of(SignatureAlgorithm.RSA_V1_5_SHA256, SignatureAlgorithm.RSA_PSS_SHA512);
      } else {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "only RSA and Ed25519 keys are supported");
      }
      for (SignatureAlgorithm alg : candidates) {
        for (byte[] base : bases) {
          if (alg.verify(key, base, signature)) {
            return;
          }
        }
      }
      throw new SignatureException(SignatureException.Reason.INVALID_SIGNATURE, "the signature does not match the request");
    }
  }

  /**
   * Runs every check that needs no key. {@code body} is the exact bytes received ({@code null} or empty for
   * none).
   */
  public Prepared prepare(RequestView request, byte[] body) throws SignatureException {
    String inputHeader = request.header("signature-input");
    String signatureHeader = request.header("signature");
    if (inputHeader == null || signatureHeader == null) {
      throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE,
          "an RFC 9421 signature needs both Signature-Input and Signature headers");
    }
    if (inputHeader.length() > MAX_INPUT_LENGTH || signatureHeader.length() > MAX_SIGNATURE_LENGTH) {
      throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "the signature headers are too long");
    }
    Map<String, StructuredFields.Member> inputs = dictionary("Signature-Input", inputHeader);
    Map<String, StructuredFields.Member> signatures = dictionary("Signature", signatureHeader);
    if (inputs.isEmpty()) {
      throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE, "Signature-Input names no signature");
    }
    DigestCheck digest = new DigestCheck(request, body);
    SignatureException first = null;
    for (Map.Entry<String, StructuredFields.Member> entry : inputs.entrySet()) {
      try {
        return prepareLabel(entry.getKey(), entry.getValue(), signatures.get(entry.getKey()), request, body, digest);
      } catch (SignatureException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    throw first;
  }

  private static Map<String, StructuredFields.Member> dictionary(String name, String value) throws SignatureException {
    try {
      return StructuredFields.parseDictionary(value, MAX_LABELS);
    } catch (StructuredFields.Malformed e) {
      throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE,
          "the " + name + " header is not a valid structured-field dictionary: " + e.getMessage());
    }
  }

  /** Verifies Content-Digest against the body at most once per request, however many labels cover it. */
  private static final class DigestCheck {
    private final RequestView request;
    private final byte[] body;
    private SignatureException failure;
    private boolean done;

    DigestCheck(RequestView request, byte[] body) {
      this.request = request;
      this.body = body;
    }

    void run() throws SignatureException {
      if (!done) {
        done = true;
        try {
          ContentDigest.verify(request.header("content-digest"), body);
        } catch (SignatureException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private Prepared prepareLabel(String label, StructuredFields.Member input, StructuredFields.Member sigMember,
                                RequestView request, byte[] body, DigestCheck digest) throws SignatureException {
    if (!(input instanceof StructuredFields.InnerList list)) {
      throw malformed("Signature-Input " + label + " is not an inner list of components");
    }
    if (!(sigMember instanceof StructuredFields.Item sigItem) || !(sigItem.value() instanceof byte[] signature)) {
      throw malformed("the Signature header has no byte sequence for label " + label);
    }
    if (signature.length == 0 || signature.length > SignatureAlgorithm.MAX_SIGNATURE_BYTES) {
      throw malformed("the signature " + label + " has an impossible length");
    }
    Map<String, Object> params = list.params();
    Object keyId = params.get("keyid");
    if (!(keyId instanceof String keyIdText) || keyIdText.isBlank() || keyIdText.length() > MAX_KEYID_LENGTH) {
      throw malformed("the signature " + label + " needs a keyid string");
    }
    Object created = params.get("created");
    if (created == null) {
      throw new SignatureException(SignatureException.Reason.CREATED_MISSING,
          "the signature " + label + " has no created time");
    }
    if (!(created instanceof Long createdSeconds)) {
      throw malformed("created must be an integer");
    }
    Instant now = clock.instant();
    Instant createdAt = Instant.ofEpochSecond(createdSeconds);
    if (createdAt.isBefore(now.minus(window)) || createdAt.isAfter(now.plus(window))) {
      throw new SignatureException(SignatureException.Reason.CREATED_OUT_OF_WINDOW,
          "the signature was created more than " + window.toMinutes() + " minutes from our clock");
    }
    Object expires = params.get("expires");
    if (expires != null) {
      if (!(expires instanceof Long expiresSeconds)) {
        throw malformed("expires must be an integer");
      }
      if (now.isAfter(Instant.ofEpochSecond(expiresSeconds))) {
        throw new SignatureException(SignatureException.Reason.SIGNATURE_EXPIRED, "the signature has expired");
      }
    }
    SignatureAlgorithm algorithm = null;
    Object alg = params.get("alg");
    if (alg != null) {
      if (!(alg instanceof String algName)) {
        throw malformed("alg must be a string");
      }
      algorithm = SignatureAlgorithm.fromRfc9421(algName).orElseThrow(() -> new SignatureException(
          SignatureException.Reason.UNSUPPORTED_ALGORITHM,
          "signature algorithm " + algName + " is not supported; use rsa-v1_5-sha256, rsa-pss-sha512 or ed25519"));
    }

    List<String> components = new ArrayList<>(list.items().size());
    Set<String> seen = new HashSet<>();
    for (StructuredFields.Item item : list.items()) {
      if (!(item.value() instanceof String name)) {
        throw malformed("covered components must be strings");
      }
      SignatureBase.checkSupported(name, !item.params().isEmpty());
      if (!seen.add(name)) {
        throw malformed("the component " + name + " is covered twice");
      }
      components.add(name);
    }

    String pathAndQuery = request.pathAndQuery();
    boolean hasQuery = pathAndQuery != null && pathAndQuery.indexOf('?') >= 0;
    boolean hasBody = body != null && body.length > 0;
    if (coverage == Coverage.FEDIVERSE) {
      requireCoverage(seen, hasQuery);
      if ((hasBody || "POST".equalsIgnoreCase(request.method())) && !seen.contains("content-digest")) {
        throw new SignatureException(SignatureException.Reason.DIGEST_NOT_COVERED,
            "a request with a body must sign content-digest");
      }
    }
    if (seen.contains("content-digest")) {
      digest.run();
    }

    String serializedParams = StructuredFields.serializeInnerList(components, params);
    List<byte[]> bases = new ArrayList<>(2);
    List<String> texts = new ArrayList<>(2);
    for (String scheme : schemes(request)) {
      SignatureBase.Target target =
          SignatureBase.Target.of(request.method(), scheme, request.header("host"), pathAndQuery);
      String base = SignatureBase.build(target, request, components, serializedParams);
      if (!texts.contains(base)) {
        texts.add(base);
        bases.add(base.getBytes(StandardCharsets.US_ASCII));
      }
    }
    return new Prepared(label, keyIdText, algorithm, createdSeconds, signature, List.copyOf(bases));
  }

  private static void requireCoverage(Set<String> seen, boolean hasQuery) throws SignatureException {
    if (!seen.contains("@method")) {
      throw new SignatureException(SignatureException.Reason.COMPONENT_NOT_COVERED, "the signature must cover @method");
    }
    boolean targetBound = seen.contains("@target-uri")
        || (seen.contains("@authority") && seen.contains("@request-target"))
        || (seen.contains("@authority") && seen.contains("@path") && (!hasQuery || seen.contains("@query")));
    if (!targetBound) {
      throw new SignatureException(SignatureException.Reason.COMPONENT_NOT_COVERED,
          "the signature must cover @target-uri (or @authority with @path and @query)");
    }
  }

  private static List<String> schemes(RequestView request) {
    String scheme = request.scheme();
    if (scheme != null) {
      return List.of(scheme.toLowerCase(Locale.ROOT));
    }
    return List.of("https", "http");
  }

  private static SignatureException malformed(String message) {
    return new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, message);
  }
}
