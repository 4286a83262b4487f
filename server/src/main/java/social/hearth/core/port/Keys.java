package social.hearth.core.port;

import io.vertx.core.Future;

/** Key pairs for new local actors, generated off the event loop. */
public interface Keys {

  /** A key pair as PEM text. */
  record Pair(String privatePem, String publicPem) {}

  /** An RSA-2048 pair (the key every peer understands). */
  Future<Pair> rsa();

  /** An Ed25519 pair (published as a FEP-521a Multikey). */
  Pair ed25519();
}
