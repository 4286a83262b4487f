package social.hearth.federation.sig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * HTTP Signatures as deployed on the fediverse (draft-cavage-http-signatures-12): {@code rsa-sha256} and
 * {@code hs2019} over RSA keys (RSASSA-PKCS1-v1_5 with SHA-256, as Mastodon does), and {@code hs2019} or
 * {@code ed25519} over Ed25519 keys.
 *
 * <p>Signing adds {@code Host}, {@code Date} and, for a body, {@code Digest}, then signs
 * {@code (request-target) host date digest content-type} for POST and {@code (request-target) host date accept}
 * for GET, with {@code algorithm="rsa-sha256"} for an RSA key ({@code hs2019} for an Ed25519 key).
 *
 * <p>Verification is split in two: {@link #prepare} does every check that needs no key (the signature must
 * cover {@code (request-target)}, {@code host}, {@code date} or {@code (created)} within the window, and, for
 * a body or a POST, a {@code digest} that matches the body) so a request can be refused before any key is
 * fetched; {@link Prepared#verify} checks the cryptographic signature once the caller has resolved the key,
 * with and without the query string in {@code (request-target)} (older Mastodon versions omit it). It reads
 * only the draft-cavage {@code Signature} (or {@code Authorization: Signature}) header; requests with
 * {@code Signature-Input} are RFC 9421 and go to {@link Rfc9421} (see {@link HttpSignatures#prepare}).
 */
public final class DraftCavage {

  public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Duration window;

  public DraftCavage(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  /** The clock that dates signatures and judges incoming ones. */
  public Clock clock() {
    return clock;
  }

  /** How far a signature's date may be from our clock, either way. */
  public Duration window() {
    return window;
  }

  // ---------------------------------------------------------------- signing

  /**
   * Signs a request. {@code headers} receives Host, Date, Digest (when {@code body} is not null) and
   * Signature; it must already hold Content-Type for a POST and Accept for a GET.
   */
  public void sign(SigningKey key, String method, URI target, Map<String, String> headers, byte[] body) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    String host = hostHeader(target);
    headers.put("Host", host);
    lower.put("host", host);
    String date = HTTP_DATE.format(clock.instant());
    headers.put("Date", date);
    lower.put("date", date);
    List<String> covered = new ArrayList<>(List.of("(request-target)", "host", "date"));
    if (body != null) {
      String digest = Digests.digestHeader(body);
      headers.put("Digest", digest);
      lower.put("digest", digest);
      covered.add("digest");
      if (lower.containsKey("content-type")) {
        covered.add("content-type");
      }
    } else if (lower.containsKey("accept")) {
      covered.add("accept");
    }
    String requestTarget = method.toLowerCase(Locale.ROOT) + " " + pathAndQuery(target);
    StringBuilder signingString = new StringBuilder();
    for (String name : covered) {
      if (signingString.length() > 0) {
        signingString.append('\n');
      }
      signingString.append(name).append(": ")
          .append(name.equals("(request-target)") ? requestTarget : lower.get(name));
    }
    byte[] signature = key.algorithm().sign(key, signingString.toString().getBytes(StandardCharsets.UTF_8));
    String algorithm = key.isEd25519() ? "hs2019" : "rsa-sha256";
    headers.put("Signature", "keyId=\"" + key.keyId() + "\",algorithm=\"" + algorithm + "\",headers=\""
        + String.join(" ", covered) + "\",signature=\"" + Base64.getEncoder().encodeToString(signature) + "\"");
  }

  public static String hostHeader(URI target) {
    int port = target.getPort();
    boolean defaultPort = port == -1
        || ("https".equalsIgnoreCase(target.getScheme()) && port == 443)
        || ("http".equalsIgnoreCase(target.getScheme()) && port == 80);
    return defaultPort ? target.getHost() : target.getHost() + ":" + port;
  }

  static String pathAndQuery(URI target) {
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
  }

  // ---------------------------------------------------------------- verification

  /** A request whose signature passed every check but the cryptographic one. */
  public static final class Prepared implements PreparedSignature {
    private final SignatureParams params;
    private final String algorithm;
    private final List<String> signingStrings;

    Prepared(SignatureParams params, String algorithm, List<String> signingStrings) {
      this.params = params;
      this.algorithm = algorithm;
      this.signingStrings = signingStrings;
    }

    @Override
    public String keyId() {
      return params.keyId();
    }

    @Override
    public SignatureScheme scheme() {
      return SignatureScheme.DRAFT_CAVAGE;
    }

    public SignatureParams params() {
      return params;
    }

    /**
     * Checks the signature with the resolved key: RSASSA-PKCS1-v1_5 SHA-256 for an RSA key ({@code rsa-sha256}
     * or {@code hs2019}), Ed25519 for an Ed25519 key ({@code ed25519} or {@code hs2019}). Throws
     * INVALID_SIGNATURE if it does not match, KEY_ALGORITHM_MISMATCH if the key does not fit the algorithm.
     */
    @Override
    public void verify(PublicKey key) throws SignatureException {
      SignatureAlgorithm alg;
      if (Keys.isEd25519(key)) {
        if (algorithm.equals("rsa-sha256")) {
          throw new SignatureException(SignatureException.Reason.KEY_ALGORITHM_MISMATCH,
              "an rsa-sha256 signature cannot be made with an Ed25519 key");
        }
        alg = SignatureAlgorithm.ED25519;
      } else if (Keys.isRsa(key)) {
        if (algorithm.equals("ed25519")) {
          throw new SignatureException(SignatureException.Reason.KEY_ALGORITHM_MISMATCH,
              "an ed25519 signature cannot be made with an RSA key");
        }
        alg = SignatureAlgorithm.RSA_V1_5_SHA256;
      } else {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "only RSA and Ed25519 keys are supported");
      }
      for (String candidate : signingStrings) {
        if (alg.verify(key, candidate.getBytes(StandardCharsets.UTF_8), params.signature())) {
          return;
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
    String header = request.header("signature");
    if (header == null) {
      String auth = request.header("authorization");
      if (auth != null && auth.regionMatches(true, 0, "Signature ", 0, 10)) {
        header = auth.substring(10);
      }
    }
    SignatureParams params = SignatureParams.parse(header);
    String alg = params.algorithm() == null ? "hs2019" : params.algorithm().toLowerCase(Locale.ROOT);
    if (!alg.equals("rsa-sha256") && !alg.equals("hs2019") && !alg.equals("ed25519")) {
      throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM,
          "signature algorithm " + params.algorithm() + " is not supported; use rsa-sha256, hs2019 or ed25519");
    }
    List<String> covered = params.headers();
    require(covered, "(request-target)");
    require(covered, "host");
    boolean hasBody = body != null && body.length > 0;
    if (covered.contains("date")) {
      checkDate(request.header("date"));
    } else if (covered.contains("(created)") && params.created() != null) {
      checkInstant(epochSecond(params.created()));
    } else {
      throw new SignatureException(SignatureException.Reason.MISSING_SIGNED_HEADER, "the signature must cover date");
    }
    if (params.expires() != null && clock.instant().isAfter(epochSecond(params.expires()))) {
      throw new SignatureException(SignatureException.Reason.SIGNATURE_EXPIRED, "the signature has expired");
    }
    if (hasBody || "post".equalsIgnoreCase(request.method())) {
      require(covered, "digest");
      Digests.verifyDigestHeader(request.header("digest"), body == null ? new byte[0] : body);
    }
    List<String> candidates = new ArrayList<>(2);
    String full = request.pathAndQuery();
    candidates.add(signingString(request, params, full));
    int q = full.indexOf('?');
    if (q >= 0) {
      candidates.add(signingString(request, params, full.substring(0, q)));
    }
    return new Prepared(params, alg, candidates);
  }

  private static void require(List<String> covered, String name) throws SignatureException {
    if (!covered.contains(name)) {
      throw new SignatureException(SignatureException.Reason.MISSING_SIGNED_HEADER, "the signature must cover " + name);
    }
  }

  private void checkDate(String date) throws SignatureException {
    if (date == null) {
      throw new SignatureException(SignatureException.Reason.MISSING_HEADER, "the signed Date header is missing");
    }
    checkInstant(parseHttpDate(date));
  }

  /** A Date header value and the instant it names. */
  private record ParsedDate(String value, Instant instant) {}

  /**
   * The last dates parsed, by a hash of their text: requests sent in the same second carry the same Date, so most
   * requests skip the parser. Entries are immutable and replaced whole, so any thread may read and write.
   */
  private static final AtomicReferenceArray<ParsedDate> RECENT_DATES = new AtomicReferenceArray<>(16);

  /** Parses an RFC 1123 date ({@code Sun, 06 Nov 1994 08:49:37 GMT}), leading and trailing whitespace ignored. */
  static Instant parseHttpDate(String date) throws SignatureException {
    int slot = date.hashCode() & (RECENT_DATES.length() - 1);
    ParsedDate recent = RECENT_DATES.get(slot);
    if (recent != null && recent.value().equals(date)) {
      return recent.instant();
    }
    Instant when;
    try {
      when = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new SignatureException(SignatureException.Reason.BAD_DATE, "the Date header is not an HTTP date");
    }
    RECENT_DATES.set(slot, new ParsedDate(date, when));
    return when;
  }

  private static Instant epochSecond(long seconds) throws SignatureException {
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw new SignatureException(SignatureException.Reason.BAD_DATE, "created/expires is out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private void checkInstant(Instant when) throws SignatureException {
    Instant now = clock.instant();
    if (when.isBefore(now.minus(window)) || when.isAfter(now.plus(window))) {
      throw new SignatureException(SignatureException.Reason.DATE_OUT_OF_WINDOW,
          "the request date is more than " + window.toMinutes() + " minutes from our clock");
    }
  }

  private static String signingString(RequestView request, SignatureParams params, String target)
      throws SignatureException {
    StringBuilder sb = new StringBuilder();
    for (String name : params.headers()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(name).append(": ");
      switch (name) {
        case "(request-target)" -> sb.append(request.method().toLowerCase(Locale.ROOT)).append(' ').append(target);
        case "(created)" -> sb.append(params.created());
        case "(expires)" -> {
          if (params.expires() == null) {
            throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "(expires) is covered but not given");
          }
          sb.append(params.expires());
        }
        default -> {
          List<String> values = request.headers(name);
          if (values.isEmpty()) {
            throw new SignatureException(SignatureException.Reason.MISSING_HEADER, "the signed header " + name + " is missing");
          }
          List<String> trimmed = new ArrayList<>(values.size());
          for (String v : values) {
            trimmed.add(v.trim());
          }
          sb.append(String.join(", ", trimmed));
        }
      }
    }
    return sb.toString();
  }
}
