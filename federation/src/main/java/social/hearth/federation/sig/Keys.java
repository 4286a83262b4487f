package social.hearth.federation.sig;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;

/**
 * Key generation and PEM encoding. PEM parsing goes through Bouncy Castle's PEMParser, which accepts
 * SPKI ("PUBLIC KEY"), PKCS#1 ("RSA PUBLIC KEY", still sent by a few old peers) and PKCS#8 private keys.
 * RSA arithmetic itself uses the JDK provider, which is faster than BC's for RSA.
 */
public final class Keys {

  /** Keys below this are refused: they can be factored. */
  public static final int MIN_RSA_BITS = 1024;
  /** Keys above this are refused: verifying with them is a cheap way to burn our CPU. */
  public static final int MAX_RSA_BITS = 8192;

  private Keys() {}

  public static KeyPair generateRsa2048() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available in this JVM", e);
    }
  }

  public static String toPem(PublicKey key) {
    return writePem(key);
  }

  public static String toPem(PrivateKey key) {
    return writePem(key);
  }

  private static String writePem(Object key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode key", e);
    }
    return out.toString();
  }

  /**
   * Parses a remote public key. Only RSA keys between {@link #MIN_RSA_BITS} and {@link #MAX_RSA_BITS}
   * are accepted.
   */
  public static PublicKey parsePublicPem(String pem) throws SignatureException {
    if (pem == null || pem.isBlank()) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "the key document has no publicKeyPem");
    }
    if (pem.length() > 16_384) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "publicKeyPem is too long");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object parsed = parser.readObject();
      SubjectPublicKeyInfo info;
      if (parsed instanceof SubjectPublicKeyInfo spki) {
        info = spki;
      } else if (parsed instanceof RSAPublicKey pkcs1) {
        info = new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), pkcs1);
      } else {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "publicKeyPem is not a public key");
      }
      if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "only RSA keys are supported in publicKeyPem");
      }
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
      checkRsaSize(key);
      return key;
    } catch (SignatureException e) {
      throw e;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "publicKeyPem cannot be parsed", e);
    }
  }

  /** Parses one of our own stored private keys (PKCS#8 or PKCS#1 PEM). */
  public static PrivateKey parsePrivatePem(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object parsed = parser.readObject();
      PrivateKeyInfo info;
      if (parsed instanceof PrivateKeyInfo pki) {
        info = pki;
      } else if (parsed instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else {
        throw new IllegalArgumentException("not a private key");
      }
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("stored private key cannot be parsed", e);
    }
  }

  static void checkRsaSize(PublicKey key) throws SignatureException {
    if (!(key instanceof RSAKey rsa)) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "not an RSA key");
    }
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED,
          "RSA keys must have between " + MIN_RSA_BITS + " and " + MAX_RSA_BITS + " bits, this one has " + bits);
    }
  }
}
