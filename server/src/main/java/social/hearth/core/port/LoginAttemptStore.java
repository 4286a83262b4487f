package social.hearth.core.port;

import io.vertx.core.Future;

/** Failed sign-in and password-change attempts per client address, for rate limits. */
public interface LoginAttemptStore {

  /** Failures of this kind from this address within the last {@code windowSeconds}. */
  Future<Long> failures(String clientAddress, String kind, long windowSeconds);

  /** Records a failure (and forgets those older than a day). */
  Future<Void> fail(String clientAddress, String kind, String username);
}
