package social.hearth.core.port;

/** The delivery queue's wake-up: after a transaction that queued deliveries commits, the worker starts at once. */
public interface Deliveries {

  void wake();
}
