package social.hearth.core.port;

import io.vertx.core.Future;

/**
 * Failed sign-in and password-change attempts, for rate limits: counted per client address (the caller groups
 * addresses, e.g. IPv6 per /64) and per account name, whichever address they came from. Bounded: attempts older
 * than a day are forgotten, and at most {@link #MAX_KEPT} are kept at all.
 */
public interface LoginAttemptStore {

  /** The most attempts kept; the oldest go first. */
  int MAX_KEPT = 100_000;

  /** Failures of one kind in the window: from the client's address (group), and for the account name. */
  record Failures(long byAddress, long byAccount) {}

  /**
   * Failures of this kind within the last {@code windowSeconds} from {@code clientAddress}, and for
   * {@code username} (none counted for a null username).
   */
  Future<Failures> failures(String clientAddress, String username, String kind, long windowSeconds);

  /** Records a failure (and forgets those older than a day, and any beyond {@link #MAX_KEPT}). */
  Future<Void> fail(String clientAddress, String kind, String username);
}
