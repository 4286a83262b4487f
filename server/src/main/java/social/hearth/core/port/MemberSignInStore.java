package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Members' sign-in to a private community's pages (issue 17 item 5): one-time codes and links (stored as SHA-256
 * hashes only), the reading sessions they start, and the attempts the rate limits count.
 */
public interface MemberSignInStore {

  /** A pending code: its row, who it is for, its hashes and the wrong codes tried. */
  record Code(long id, long communityId, String handle, String actorId, String codeHash, int attempts) {}

  /** A live reading session: the community and the member, its CSRF token. */
  record Session(String tokenHash, long communityId, String actorId, String csrf) {}

  /** Stores a new code for the member, valid {@code seconds}. */
  Future<Void> insertCode(Tx tx, long communityId, String handle, String actorId, String codeHash, String linkHash,
                          long seconds);

  /** The latest unused, unexpired code for {@code handle} in the community, with fewer than {@code maxAttempts} wrong tries. */
  Future<Optional<Code>> pending(long communityId, String handle, int maxAttempts);

  /** The unused, unexpired code whose link has this hash, with fewer than {@code maxAttempts} wrong tries. */
  Future<Optional<Code>> byLink(long communityId, String linkHash, int maxAttempts);

  /**
   * Counts a try against the code's row before the typed code is compared, so concurrent guesses cannot pass the
   * limit: false when it already had {@code maxAttempts} tries (locked).
   */
  Future<Boolean> tryOnce(long codeId, int maxAttempts);

  /** Marks the code used, if it still was unused: true when this call used it (single use under races). */
  Future<Boolean> use(long codeId);

  /** Starts a session for the member, lasting {@code seconds}. */
  Future<Void> startSession(String tokenHash, long communityId, String actorId, String csrf, long seconds);

  /**
   * The session, only while it has not expired and its member is an accepted, unexpired member of the community who
   * joined before it began (a member removed and back needs a new sign-in).
   */
  Future<Optional<Session>> session(String tokenHash);

  Future<Void> endSession(String tokenHash);

  /** Attempts of {@code kind} ("request" or "code") within the window: from the address group, and for the handle. */
  Future<LoginAttemptStore.Failures> attempts(String clientAddress, String handle, String kind, long windowSeconds);

  /** Records an attempt, forgetting those (and codes and sessions) long past. */
  Future<Void> attempt(String clientAddress, String handle, String kind);
}
