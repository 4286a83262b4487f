package social.hearth.federation.spi;

import io.vertx.core.Future;

/**
 * Port the server implements: resolves a remote key id to its owner and public key, from a cache or by a
 * signed fetch. {@code refresh} bypasses the cache (used once after a signature fails with a cached key).
 */
public interface ActorKeys {

  Future<ResolvedKey> resolve(String keyId, boolean refresh);
}
