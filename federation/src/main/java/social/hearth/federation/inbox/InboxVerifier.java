package social.hearth.federation.inbox;

import io.vertx.core.Future;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.spi.ActorKeys;
import social.hearth.federation.spi.ResolvedKey;

/**
 * Verifies the HTTP signature of an incoming POST and binds it to the activity's actor. Fails with a
 * {@link SignatureException}; on a signature that does not match a cached key, the key is refetched once.
 */
public final class InboxVerifier {

  private final DraftCavage signatures;
  private final ActorKeys keys;

  public InboxVerifier(DraftCavage signatures, ActorKeys keys) {
    this.signatures = signatures;
    this.keys = keys;
  }

  /** Succeeds with the verified key when the request is signed by a key owned by {@code actorId}. */
  public Future<ResolvedKey> verify(RequestView request, byte[] body, String actorId) {
    DraftCavage.Prepared prepared;
    try {
      prepared = signatures.prepare(request, body);
    } catch (SignatureException e) {
      return Future.failedFuture(e);
    }
    return keys.resolve(prepared.keyId(), false)
        .compose(key -> check(prepared, key).recover(e -> {
          if (e instanceof SignatureException se && se.reason() == SignatureException.Reason.INVALID_SIGNATURE
              && key.fromCache()) {
            return keys.resolve(prepared.keyId(), true).compose(fresh -> check(prepared, fresh));
          }
          return Future.failedFuture(e);
        }))
        .compose(key -> {
          if (!key.ownerId().equals(actorId)) {
            return Future.failedFuture(new SignatureException(SignatureException.Reason.KEY_OWNER_MISMATCH,
                "the signing key belongs to " + key.ownerId() + ", not to the activity's actor"));
          }
          return Future.succeededFuture(key);
        });
  }

  private static Future<ResolvedKey> check(DraftCavage.Prepared prepared, ResolvedKey key) {
    try {
      prepared.verify(key.key());
      return Future.succeededFuture(key);
    } catch (SignatureException e) {
      return Future.failedFuture(e);
    }
  }
}
