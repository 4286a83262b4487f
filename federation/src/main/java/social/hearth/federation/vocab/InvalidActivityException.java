package social.hearth.federation.vocab;

/** A document that is JSON but not an acceptable ActivityStreams shape. The message is safe to send back. */
public final class InvalidActivityException extends Exception {
  public InvalidActivityException(String message) {
    super(message, null, false, false);
  }
}
