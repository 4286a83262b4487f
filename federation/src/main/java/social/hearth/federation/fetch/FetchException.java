package social.hearth.federation.fetch;

/** An outbound request failed or was refused. The message is safe to log and to show to an admin. */
public final class FetchException extends RuntimeException {

  /** Why. {@code status} is set for HTTP errors. */
  public enum Kind { REFUSED_ADDRESS, BAD_URL, TOO_LARGE, TIMEOUT, NETWORK, HTTP_STATUS, BAD_DOCUMENT, TOO_MANY_REDIRECTS }

  private final Kind kind;
  private final int status;

  public FetchException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public FetchException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }
}
