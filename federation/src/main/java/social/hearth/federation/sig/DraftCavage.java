package social.hearth.federation.sig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
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

/**
 * HTTP Signatures as deployed on the fediverse (draft-cavage-http-signatures-12), with {@code rsa-sha256}
 * and {@code hs2019} over RSA keys.
 *
 * <p>Signing adds {@code Host}, {@code Date} and, for a body, {@code Digest}, then signs
 * {@code (request-target) host date digest content-type} for POST and {@code (request-target) host date accept}
 * for GET.
 *
 * <p>Verification is split in two: {@link #prepare} does every check that needs no key (required headers,
 * date window, digest) so a request can be refused before any key is fetched; {@link Prepared#verify} checks
 * the cryptographic signature once the caller has resolved the key.
 */
public final class DraftCavage {

  public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Duration window;

  public DraftCavage(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
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
    byte[] signature = rsaSign(key, signingString.toString());
    headers.put("Signature", "keyId=\"" + key.keyId() + "\",algorithm=\"rsa-sha256\",headers=\""
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

  private static byte[] rsaSign(SigningKey key, String signingString) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key.privateKey());
      s.update(signingString.getBytes(StandardCharsets.UTF_8));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + key.keyId(), e);
    }
  }

  // ---------------------------------------------------------------- verification

  /** A request whose signature passed every check but the cryptographic one. */
  public static final class Prepared {
    private final SignatureParams params;
    private final List<String> signingStrings;

    Prepared(SignatureParams params, List<String> signingStrings) {
      this.params = params;
      this.signingStrings = signingStrings;
    }

    public String keyId() {
      return params.keyId();
    }

    public SignatureParams params() {
      return params;
    }

    /** Checks the signature with the resolved key; throws INVALID_SIGNATURE if it does not match. */
    public void verify(PublicKey key) throws SignatureException {
      Keys.checkRsaSize(key);
      for (String candidate : signingStrings) {
        try {
          Signature s = Signature.getInstance("SHA256withRSA");
          s.initVerify(key);
          s.update(candidate.getBytes(StandardCharsets.UTF_8));
          if (s.verify(params.signature())) {
            return;
          }
        } catch (java.security.SignatureException e) {
          // a malformed signature value: try the next candidate, then fail below
        } catch (GeneralSecurityException e) {
          throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "the key cannot verify RSA signatures", e);
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
    if (header == null && request.header("signature-input") != null) {
      throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM,
          "RFC 9421 signatures are not accepted yet; sign with draft-cavage HTTP signatures");
    }
    SignatureParams params = SignatureParams.parse(header);
    String alg = params.algorithm() == null ? "hs2019" : params.algorithm().toLowerCase(Locale.ROOT);
    if (!alg.equals("rsa-sha256") && !alg.equals("hs2019")) {
      throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM,
          "signature algorithm " + params.algorithm() + " is not supported; use rsa-sha256 or hs2019");
    }
    List<String> covered = params.headers();
    require(covered, "(request-target)");
    require(covered, "host");
    boolean hasBody = body != null && body.length > 0;
    if (covered.contains("date")) {
      checkDate(request.header("date"));
    } else if (covered.contains("(created)") && params.created() != null) {
      checkInstant(Instant.ofEpochSecond(params.created()));
    } else {
      throw new SignatureException(SignatureException.Reason.MISSING_SIGNED_HEADER, "the signature must cover date");
    }
    if (params.expires() != null && clock.instant().isAfter(Instant.ofEpochSecond(params.expires()))) {
      throw new SignatureException(SignatureException.Reason.DATE_OUT_OF_WINDOW, "the signature has expired");
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
    return new Prepared(params, candidates);
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
    Instant when;
    try {
      when = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new SignatureException(SignatureException.Reason.BAD_DATE, "the Date header is not an HTTP date");
    }
    checkInstant(when);
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
