package social.hearth.federation.sig;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The signature algorithms Hearth verifies, named as in the RFC 9421 registry (§6.2.2). draft-cavage maps onto
 * them: {@code rsa-sha256} and {@code hs2019} with an RSA key are {@link #RSA_V1_5_SHA256}; {@code hs2019} or
 * {@code ed25519} with an Ed25519 key are {@link #ED25519}.
 *
 * <p>RSA uses the JDK provider; Ed25519 uses Bouncy Castle's lightweight implementation, which is several times
 * faster than the JDK's. Verifying costs tens of microseconds (RSA-2048, Ed25519), cheap enough for an event
 * loop. Verification never throws for a wrong or malformed signature, only for a key that cannot be used.
 */
public enum SignatureAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256: what Mastodon, Fedify and nearly all fediverse servers use. */
  RSA_V1_5_SHA256("rsa-v1_5-sha256"),
  /** RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt (RFC 9421 §3.3.1). */
  RSA_PSS_SHA512("rsa-pss-sha512"),
  /** EdDSA over Curve25519 (RFC 8032). */
  ED25519("ed25519");

  /** The largest signature accepted: an RSA-8192 signature. */
  static final int MAX_SIGNATURE_BYTES = Keys.MAX_RSA_BITS / 8;

  private final String rfc9421Name;

  SignatureAlgorithm(String rfc9421Name) {
    this.rfc9421Name = rfc9421Name;
  }

  /** The {@code alg} parameter value of RFC 9421. */
  public String rfc9421Name() {
    return rfc9421Name;
  }

  /** The algorithm with this RFC 9421 {@code alg} name (case-insensitive), if supported. */
  public static Optional<SignatureAlgorithm> fromRfc9421(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (SignatureAlgorithm a : values()) {
      if (a.rfc9421Name.equals(lower)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Whether this algorithm can be used with {@code key} (by type; RSA size is checked on verification). */
  public boolean fits(java.security.Key key) {
    return this == ED25519 ? Keys.isEd25519(key) : Keys.isRsa(key);
  }

  /**
   * Signs {@code message}. Fails with IllegalArgumentException when the key does not fit the algorithm (a
   * programming error: our own keys are known).
   */
  public byte[] sign(SigningKey key, byte[] message) {
    if (this == ED25519) {
      if (!key.isEd25519()) {
        throw new IllegalArgumentException(key + " is not an Ed25519 key");
      }
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, key.ed25519());
      signer.update(message, 0, message.length);
      return signer.generateSignature();
    }
    if (key.isEd25519()) {
      throw new IllegalArgumentException(key + " is not an RSA key");
    }
    try {
      Signature s = jca();
      s.initSign(key.privateKey());
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + key, e);
    }
  }

  /**
   * Checks {@code signature} over {@code message}. Returns false when it does not match (including a
   * signature of the wrong length or shape); fails with KEY_ALGORITHM_MISMATCH when the key type does not fit
   * and KEY_REJECTED for an RSA key outside the allowed sizes.
   */
  public boolean verify(PublicKey key, byte[] message, byte[] signature) throws SignatureException {
    if (!fits(key)) {
      throw new SignatureException(SignatureException.Reason.KEY_ALGORITHM_MISMATCH,
          "a " + (key == null ? "missing" : key.getAlgorithm()) + " key cannot verify " + rfc9421Name + " signatures");
    }
    if (this != ED25519) {
      Keys.checkRsaSize(key);
    }
    if (signature == null || signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
      return false;
    }
    if (this == ED25519) {
      if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
        return false;
      }
      Ed25519PublicKeyParameters publicKey;
      try {
        publicKey = new Ed25519PublicKeyParameters(Keys.ed25519Raw(key), 0);
      } catch (RuntimeException e) {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "the Ed25519 key is not a valid point", e);
      }
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, publicKey);
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    }
    try {
      Signature s = jca();
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (java.security.SignatureException | RuntimeException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "the key cannot verify RSA signatures", e);
    }
  }

  private Signature jca() throws GeneralSecurityException {
    if (this == RSA_PSS_SHA512) {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
      return s;
    }
    return Signature.getInstance("SHA256withRSA");
  }
}
