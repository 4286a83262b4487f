package social.hearth.federation.sig;

/**
 * A request signature could not be verified. {@link #reason()} is a stable machine code; the message is
 * safe to show to the remote server (it never contains key material or stack traces).
 */
public final class SignatureException extends Exception {

  /** Why verification failed. */
  public enum Reason {
    /** No Signature (or Signature-Input) header at all. */
    MISSING_SIGNATURE,
    /** A signature header that cannot be parsed, or exceeds a size bound. */
    MALFORMED_SIGNATURE,
    /** An algorithm we do not verify (only RSA PKCS#1 v1.5 SHA-256, RSA-PSS SHA-512 and Ed25519 are). */
    UNSUPPORTED_ALGORITHM,
    /** draft-cavage: a header that must be signed ((request-target), host, date, digest) is not. */
    MISSING_SIGNED_HEADER,
    /** A header the signature covers is absent from the request. */
    MISSING_HEADER,
    /** The Date header is not an HTTP date. */
    BAD_DATE,
    /** draft-cavage: the Date header or (created) is too far from our clock. */
    DATE_OUT_OF_WINDOW,
    /** RFC 9421: the signature has no {@code created} parameter. */
    CREATED_MISSING,
    /** RFC 9421: {@code created} is too far from our clock. */
    CREATED_OUT_OF_WINDOW,
    /** The signature's {@code expires} time has passed. */
    SIGNATURE_EXPIRED,
    /** RFC 9421: a component that must be covered (@method, @target-uri) is not. */
    COMPONENT_NOT_COVERED,
    /** RFC 9421: the signature covers a component we cannot derive (@query-param, @status, parameters). */
    UNSUPPORTED_COMPONENT,
    /** A request with a body has no Digest / Content-Digest header, or none with SHA-256 or SHA-512. */
    DIGEST_MISSING,
    /** RFC 9421: a request with a body whose signature does not cover content-digest. */
    DIGEST_NOT_COVERED,
    /** The digest header does not match the body (or cannot be parsed). */
    DIGEST_MISMATCH,
    /** The signing key could not be fetched. */
    KEY_UNAVAILABLE,
    /** The key is unusable: not RSA or Ed25519, RSA outside the allowed sizes, or not parseable. */
    KEY_REJECTED,
    /** The signature's algorithm does not fit the type of the signer's key. */
    KEY_ALGORITHM_MISMATCH,
    /** The key's actor is gone (it deleted itself, or its document answers 410): nothing it signs is accepted. */
    ACTOR_GONE,
    /** The key belongs to another actor than the one the activity claims. */
    KEY_OWNER_MISMATCH,
    /** The key was not fetched: its origin asked for too many key fetches lately, or this key failed recently. */
    KEY_FETCH_LIMITED,
    /** The signature does not match the request. */
    INVALID_SIGNATURE
  }

  private final Reason reason;

  public SignatureException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public SignatureException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
