package social.hearth.federation.sig;

/**
 * A request signature could not be verified. {@link #reason()} is a stable machine code; the message is
 * safe to show to the remote server (it never contains key material or stack traces).
 */
public final class SignatureException extends Exception {

  /** Why verification failed. */
  public enum Reason {
    MISSING_SIGNATURE,
    MALFORMED_SIGNATURE,
    UNSUPPORTED_ALGORITHM,
    MISSING_SIGNED_HEADER,
    MISSING_HEADER,
    BAD_DATE,
    DATE_OUT_OF_WINDOW,
    DIGEST_MISSING,
    DIGEST_MISMATCH,
    KEY_UNAVAILABLE,
    KEY_REJECTED,
    KEY_OWNER_MISMATCH,
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
