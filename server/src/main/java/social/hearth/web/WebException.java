package social.hearth.web;

/** A failure of a web page with its status and, optionally, the message key to show. */
public final class WebException extends RuntimeException {

  private final int status;
  private final String messageKey;

  public WebException(int status, String messageKey) {
    super(messageKey == null ? "HTTP " + status : messageKey, null, false, false);
    this.status = status;
    this.messageKey = messageKey;
  }

  public int status() {
    return status;
  }

  public String messageKey() {
    return messageKey;
  }

  public static WebException notFound() {
    return new WebException(404, null);
  }

  public static WebException forbidden() {
    return new WebException(403, null);
  }

  public static WebException badRequest(String key) {
    return new WebException(400, key);
  }
}
