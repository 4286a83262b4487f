package social.hearth.federation.sig;

import java.security.PublicKey;

/**
 * A request signature that passed every check that needs no key (syntax, time window, required coverage, body
 * digest), in either scheme. The caller resolves {@link #keyId()} to a key, then calls {@link #verify}.
 */
public interface PreparedSignature {

  /** The key the signer names: draft-cavage {@code keyId} or RFC 9421 {@code keyid}. */
  String keyId();

  /** Which standard the request was signed with. */
  SignatureScheme scheme();

  /**
   * Checks the cryptographic signature with the signer's key. Fails with INVALID_SIGNATURE when it does not
   * match, KEY_ALGORITHM_MISMATCH when the key's type does not fit the declared algorithm, KEY_REJECTED for an
   * unusable key.
   */
  void verify(PublicKey key) throws SignatureException;
}
