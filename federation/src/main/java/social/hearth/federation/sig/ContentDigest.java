package social.hearth.federation.sig;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * The RFC 9530 {@code Content-Digest} header: a structured-field dictionary such as
 * {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}.
 *
 * <p>Verification binds a signature to the exact bytes received: every {@code sha-256} and {@code sha-512}
 * member must match the body, at least one of them must be present, and members with other algorithms
 * (including the insecure {@code md5} and {@code sha}) are ignored and never count.
 */
public final class ContentDigest {

  /** Most members accepted in one Content-Digest header. */
  static final int MAX_MEMBERS = 8;
  /** Longest Content-Digest header accepted. */
  static final int MAX_LENGTH = 2048;

  private ContentDigest() {}

  /** The header value we send: {@code sha-256=:<base64>:}. */
  public static String header(byte[] body) {
    return "sha-256=:" + Base64.getEncoder().encodeToString(Digests.hash("SHA-256", body)) + ":";
  }

  /** Checks a Content-Digest header against the body. */
  public static void verify(String header, byte[] body) throws SignatureException {
    if (header == null || header.isBlank()) {
      throw new SignatureException(SignatureException.Reason.DIGEST_MISSING, "the request has no Content-Digest header");
    }
    if (header.length() > MAX_LENGTH) {
      throw new SignatureException(SignatureException.Reason.DIGEST_MISMATCH, "the Content-Digest header is too long");
    }
    Map<String, StructuredFields.Member> members;
    try {
      members = StructuredFields.parseDictionary(header, MAX_MEMBERS);
    } catch (StructuredFields.Malformed e) {
      throw new SignatureException(SignatureException.Reason.DIGEST_MISMATCH,
          "the Content-Digest header is not a structured-field dictionary: " + e.getMessage());
    }
    byte[] bytes = body == null ? new byte[0] : body;
    boolean checked = false;
    for (Map.Entry<String, StructuredFields.Member> m : members.entrySet()) {
      String jca = switch (m.getKey()) {
        case "sha-256" -> "SHA-256";
        case "sha-512" -> "SHA-512";
        default -> null;
      };
      if (jca == null) {
        continue;
      }
      if (!(m.getValue() instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] expected)) {
        throw new SignatureException(SignatureException.Reason.DIGEST_MISMATCH,
            "the Content-Digest " + m.getKey() + " value is not a byte sequence");
      }
      if (!MessageDigest.isEqual(expected, Digests.hash(jca, bytes))) {
        throw new SignatureException(SignatureException.Reason.DIGEST_MISMATCH,
            "the Content-Digest header does not match the body");
      }
      checked = true;
    }
    if (!checked) {
      throw new SignatureException(SignatureException.Reason.DIGEST_MISSING,
          "the Content-Digest header has no sha-256 or sha-512 value");
    }
  }
}
