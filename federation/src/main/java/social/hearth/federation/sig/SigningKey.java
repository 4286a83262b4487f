package social.hearth.federation.sig;

import java.security.PrivateKey;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A local actor's private key and the IRI of its public half ({@code actor#main-key} for the RSA key that
 * peers find in {@code publicKey}, or the id of an Ed25519 {@code Multikey} in {@code assertionMethod}).
 *
 * <p>Holds an RSA or an Ed25519 JCA private key. For Ed25519 the Bouncy Castle parameters are derived once
 * here, so that signing does not parse the key again.
 */
public final class SigningKey {

  private final String keyId;
  private final PrivateKey privateKey;
  private final Ed25519PrivateKeyParameters ed25519;

  /** Fails with IllegalArgumentException for keys that are neither RSA nor Ed25519. */
  public SigningKey(String keyId, PrivateKey privateKey) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    if (Keys.isRsa(privateKey)) {
      this.ed25519 = null;
    } else if (Keys.isEd25519(privateKey)) {
      this.ed25519 = new Ed25519PrivateKeyParameters(Keys.ed25519Seed(privateKey));
    } else {
      throw new IllegalArgumentException(
          "only RSA and Ed25519 signing keys are supported, not " + privateKey.getAlgorithm());
    }
  }

  public String keyId() {
    return keyId;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** True for an Ed25519 key, false for RSA. */
  public boolean isEd25519() {
    return ed25519 != null;
  }

  /** The algorithm this key signs with: {@code rsa-v1_5-sha256} for RSA, {@code ed25519} for Ed25519. */
  public SignatureAlgorithm algorithm() {
    return ed25519 != null ? SignatureAlgorithm.ED25519 : SignatureAlgorithm.RSA_V1_5_SHA256;
  }

  Ed25519PrivateKeyParameters ed25519() {
    return ed25519;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey other && keyId.equals(other.keyId) && privateKey.equals(other.privateKey);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId + "]";
  }
}
