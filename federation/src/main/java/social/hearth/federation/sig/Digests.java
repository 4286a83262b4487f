package social.hearth.federation.sig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** The draft-cavage {@code Digest} header (RFC 3230 style): {@code SHA-256=<base64>}. */
public final class Digests {

  private Digests() {}

  public static String digestHeader(byte[] body) {
    return "SHA-256=" + Base64.getEncoder().encodeToString(hash("SHA-256", body));
  }

  /**
   * Checks a Digest header against the body. The header may carry several comma-separated values; every
   * value with an algorithm we know must match, and at least one must be SHA-256 or SHA-512.
   */
  public static void verifyDigestHeader(String header, byte[] body) throws SignatureException {
    if (header == null || header.isBlank()) {
      throw new SignatureException(SignatureException.Reason.DIGEST_MISSING, "the request has a body but no Digest header");
    }
    boolean checked = false;
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new SignatureException(SignatureException.Reason.DIGEST_MISMATCH, "the Digest header is malformed");
      }
      String alg = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
      String value = part.substring(eq + 1).trim();
      String jca = switch (alg) {
        case "SHA-256" -> "SHA-256";
        case "SHA-512" -> "SHA-512";
        default -> null;
      };
      if (jca == null) {
        continue;
      }
      byte[] expected;
      try {
        expected = Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        throw new SignatureException(SignatureException.Reason.DIGEST_MISMATCH, "the Digest value is not base64");
      }
      if (!MessageDigest.isEqual(expected, hash(jca, body))) {
        throw new SignatureException(SignatureException.Reason.DIGEST_MISMATCH, "the Digest header does not match the body");
      }
      checked = true;
    }
    if (!checked) {
      throw new SignatureException(SignatureException.Reason.DIGEST_MISSING, "the Digest header has no SHA-256 or SHA-512 value");
    }
  }

  static byte[] hash(String algorithm, byte[] body) {
    try {
      return MessageDigest.getInstance(algorithm).digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
