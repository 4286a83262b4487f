package social.hearth.federation.inbox;

/** An activity refused by a listener's verify step: HTTP status and a reason safe to send back. */
public final class Rejection extends RuntimeException {

  private final int status;

  public Rejection(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
