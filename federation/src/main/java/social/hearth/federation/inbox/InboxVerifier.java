package social.hearth.federation.inbox;

import social.hearth.federation.vocab.Iris;
import io.vertx.core.Future;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.PreparedSignature;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.sig.DoubleKnock;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.spi.ActorKeys;
import social.hearth.federation.spi.SignatureSchemes;
import social.hearth.federation.spi.ResolvedKey;
import social.hearth.federation.vocab.Normalizer;

/**
 * Verifies the HTTP signature of an incoming request, in either scheme ({@link HttpSignatures#prepare}: RFC
 * 9421 when the request has {@code Signature-Input}, draft-cavage otherwise), and resolves the signer's key.
 *
 * <p>Every check that needs no key runs first, so a malformed, stale or digest-mismatched request is refused
 * before any key is fetched. When the signature does not match a <em>cached</em> key, the key is refetched once
 * (the actor may have rotated it, even to another key type) and checked again; a freshly fetched key is never
 * refetched. Failures are {@link SignatureException}s, which the server answers with 401 (so double-knocking
 * peers fall back to the other scheme).
 *
 * <p>{@link #verify} is for inbox POSTs and also binds the key to the activity's actor; {@link #verifyFetch}
 * is for signed GETs (authorized fetch), where there is no actor to bind and the caller decides what the
 * signer may see.
 */
public final class InboxVerifier {

  /** A verified signature: the signer's key (with its owner) and the scheme the request was signed with. */
  public record Verified(ResolvedKey key, SignatureScheme scheme) {

    /** The actor that owns the signing key. */
    public String ownerId() {
      return key.ownerId();
    }

    public String keyId() {
      return key.keyId();
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InboxVerifier.class);

  private final HttpSignatures signatures;
  private final ActorKeys keys;
  private final SignatureSchemes learned;

  public InboxVerifier(HttpSignatures signatures, ActorKeys keys) {
    this(signatures, keys, null);
  }

  /**
   * Also tells {@code learned} ({@link SignatureSchemes#advertisedEd25519}) about every host whose actors sign
   * with an Ed25519 key in RFC 9421 and verify: such a peer reads Multikeys, so our deliveries to it may be signed
   * with Ed25519 too (a refusal falls back to RSA, see {@link DoubleKnock}).
   */
  public InboxVerifier(HttpSignatures signatures, ActorKeys keys, SignatureSchemes learned) {
    this.signatures = signatures;
    this.keys = keys;
    this.learned = learned;
  }

  /** Verifies both schemes with the clock and window of {@code signatures}. */
  public InboxVerifier(DraftCavage signatures, ActorKeys keys) {
    this(new HttpSignatures(signatures), keys);
  }

  /**
   * Succeeds when the request (with exactly these body bytes) is signed by a key owned by {@code actorId};
   * fails with KEY_OWNER_MISMATCH when the key belongs to someone else.
   */
  public Future<Verified> verify(RequestView request, byte[] body, String actorId) {
    return verifySignature(request, body, actorId).compose(verified -> {
      if (!verified.ownerId().equals(actorId)) {
        return Future.failedFuture(new SignatureException(SignatureException.Reason.KEY_OWNER_MISMATCH,
            "the signing key belongs to " + verified.ownerId() + ", not to the activity's actor"));
      }
      return Future.succeededFuture(verified);
    });
  }

  /**
   * Verifies a signed GET (or HEAD) without a body, as authorized-fetch servers require, and tells who signed
   * it. The caller checks the signer ({@link Verified#ownerId()}) against blocks before answering.
   */
  public Future<Verified> verifyFetch(RequestView request) {
    return verifySignature(request, null, null);
  }

  /** {@code actorId}, when given, must share the key's origin: a key elsewhere is refused before it is fetched. */
  private Future<Verified> verifySignature(RequestView request, byte[] body, String actorId) {
    PreparedSignature prepared;
    try {
      prepared = signatures.prepare(request, body);
    } catch (SignatureException e) {
      return Future.failedFuture(e);
    }
    if (actorId != null && !Iris.sameOrigin(prepared.keyId(), actorId)) {
      // the actor document must list the key, and lists only keys on its own origin: nothing to fetch
      return Future.failedFuture(new SignatureException(SignatureException.Reason.KEY_OWNER_MISMATCH,
          "the signing key is not on the origin of the activity's actor"));
    }
    return keys.resolve(prepared.keyId(), false)
        .compose(key -> check(prepared, key).recover(e -> {
          if (e instanceof SignatureException se && key.fromCache()
              && (se.reason() == SignatureException.Reason.INVALID_SIGNATURE
                  || se.reason() == SignatureException.Reason.KEY_ALGORITHM_MISMATCH)) {
            return keys.resolve(prepared.keyId(), true).compose(fresh -> check(prepared, fresh));
          }
          return Future.failedFuture(e);
        }))
        .map(key -> {
          if (learned != null && prepared.scheme() == SignatureScheme.RFC9421 && Keys.isEd25519(key.key())) {
            advertised(key.keyId());
          }
          return new Verified(key, prepared.scheme());
        });
  }

  private void advertised(String keyId) {
    try {
      String host = DoubleKnock.hostKey(java.net.URI.create(keyId));
      learned.advertisedEd25519(host).onFailure(e ->
          LOG.debug("cannot remember that {} signs with Ed25519: {}", host, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.debug("cannot remember that the signer of {} signs with Ed25519: {}", keyId, e.getMessage());
    }
  }

  private static Future<ResolvedKey> check(PreparedSignature prepared, ResolvedKey key) {
    try {
      prepared.verify(key.key());
      return Future.succeededFuture(key);
    } catch (SignatureException e) {
      return Future.failedFuture(e);
    }
  }
}
