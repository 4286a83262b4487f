package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.Optional;

/** Staff sign-in sessions, kept by the SHA-256 of their cookie's token. */
public interface SessionStore {

  /**
   * A live session with its account. {@code privileges}: what it had when last checked ({@code admin;} or
   * {@code staff;} and the roles); {@code roles}: the account's roles now ({@code communityId:role,...});
   * {@code passwordCurrent}: false when the password changed since the session began; {@code stale}: last seen
   * over five minutes ago; {@code mustChangePassword}: an instance admin reset the password. A disabled account's
   * sessions are not found.
   */
  record Found(long accountId, String username, boolean instanceAdmin, String csrf, String privileges,
               boolean passwordCurrent, boolean stale, String roles, boolean mustChangePassword) {}

  Future<Optional<Found>> find(String tokenHash);

  /** Marks the session seen now, with its privileges, and extends it (idle limit, never past its maximum age). */
  Future<Void> touch(String tokenHash, String privileges, long maxAgeSeconds, long idleSeconds);

  /**
   * Starts a session for the account (its privileges: {@code privilegePrefix} and its roles now), then forgets
   * the expired ones.
   */
  Future<Void> start(String tokenHash, long accountId, String csrf, String privilegePrefix, String clientAddress,
                     String userAgent, long idleSeconds);

  Future<Void> delete(String tokenHash);

  /** Ends every session of an account. */
  Future<Void> deleteAll(long accountId);
}
