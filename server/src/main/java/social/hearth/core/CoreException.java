package social.hearth.core;

/**
 * The one error the core throws: what went wrong ({@link Kind}), a stable machine code and a message that is
 * safe to show whoever asked. It knows nothing of HTTP or pages: each adapter maps the kind to its own answer
 * (the admin API to a status and JSON, the web pages to a status and a page). Anything else that fails is an
 * internal error whose cause is only logged.
 */
public final class CoreException extends RuntimeException {

  /** What kind of failure this is, as the caller should understand it. */
  public enum Kind {
    /** The input is malformed or breaks a rule. */
    INVALID,
    /** The caller is not known (no or a wrong credential). */
    UNAUTHORIZED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** The thing asked for does not exist here. */
    NOT_FOUND,
    /** The request conflicts with the current state (a duplicate, something already decided, a limit reached). */
    CONFLICT,
    /** The input is well formed, but what it names cannot be found or used (an account that does not resolve). */
    UNPROCESSABLE,
    /** The request's content type is not one this accepts. */
    UNSUPPORTED_TYPE,
    /** The caller asked too often. */
    RATE_LIMITED,
    /** The thing asked for was here and has been deleted for good. */
    GONE
  }

  private final Kind kind;
  private final String code;

  public CoreException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /** A stable, machine-readable code such as {@code bad_request} or {@code blocked_domain}. */
  public String code() {
    return code;
  }

  public static CoreException badRequest(String message) {
    return new CoreException(Kind.INVALID, "bad_request", message);
  }

  public static CoreException notFound(String message) {
    return new CoreException(Kind.NOT_FOUND, "not_found", message);
  }

  public static CoreException unauthorized(String message) {
    return new CoreException(Kind.UNAUTHORIZED, "unauthorized", message);
  }

  public static CoreException forbidden(String code, String message) {
    return new CoreException(Kind.FORBIDDEN, code, message);
  }

  public static CoreException gone(String message) {
    return new CoreException(Kind.GONE, "gone", message);
  }

  public static CoreException conflict(String message) {
    return new CoreException(Kind.CONFLICT, "conflict", message);
  }
}
