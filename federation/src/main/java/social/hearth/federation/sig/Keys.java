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
import java.security.SecureRandom;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Key generation, PEM parsing and encoding for the two key types Hearth signs and verifies with: RSA and
 * Ed25519.
 *
 * <p><b>Representation.</b> Keys are plain JCA {@link PublicKey} / {@link PrivateKey} objects (the JDK's own
 * RSA and EdDSA classes), so they can travel through {@link social.hearth.federation.spi.ResolvedKey} and
 * {@link SigningKey} unchanged. The arithmetic does not use them directly: RSA goes through the JDK provider
 * (faster than Bouncy Castle's for RSA) and Ed25519 through Bouncy Castle's lightweight API (faster than the
 * JDK's), see {@link SignatureAlgorithm}.
 *
 * <p><b>Storage format.</b> A key pair is stored as two PEM texts made by {@link #toPem(PrivateKey)} and
 * {@link #toPem(PublicKey)}: for RSA a PKCS#1 {@code RSA PRIVATE KEY} and an SPKI {@code PUBLIC KEY}; for
 * Ed25519 a PKCS#8 {@code PRIVATE KEY} (RFC 8410, the 32-byte seed) and an SPKI {@code PUBLIC KEY}.
 * {@link #parsePrivatePem} and {@link #parsePublicPem} read both back. To publish an Ed25519 key in an actor's
 * {@code assertionMethod} (FEP-521a), encode the public key with {@link Multikey#encode}.
 *
 * <p><b>Remote keys.</b> {@link #parsePublicPem} accepts SPKI ({@code PUBLIC KEY}) RSA and Ed25519 keys and
 * PKCS#1 ({@code RSA PUBLIC KEY}, still sent by a few old peers); RSA keys must have between
 * {@link #MIN_RSA_BITS} and {@link #MAX_RSA_BITS} bits.
 */
public final class Keys {

  /** Keys below this are refused: they can be factored. */
  public static final int MIN_RSA_BITS = 1024;
  /** Keys above this are refused: verifying with them is a cheap way to burn our CPU. */
  public static final int MAX_RSA_BITS = 8192;
  /** Length of a raw Ed25519 public key and of an Ed25519 private seed. */
  public static final int ED25519_KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

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

  /** A new Ed25519 key pair (JCA objects; store them with {@link #toPem}, publish with {@link Multikey}). */
  public static KeyPair generateEd25519() {
    Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(RANDOM);
    return new KeyPair(ed25519PublicKey(secret.generatePublicKey().getEncoded()), ed25519PrivateKey(secret.getEncoded()));
  }

  /** Builds an Ed25519 public key from its 32 raw bytes (RFC 8032 encoding). */
  public static PublicKey ed25519PublicKey(byte[] raw) {
    if (raw == null || raw.length != ED25519_KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key has " + ED25519_KEY_BYTES + " bytes");
    }
    try {
      SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw);
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JVM", e);
    }
  }

  /** Builds an Ed25519 private key from its 32-byte seed. */
  public static PrivateKey ed25519PrivateKey(byte[] seed) {
    if (seed == null || seed.length != ED25519_KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 private key has " + ED25519_KEY_BYTES + " bytes");
    }
    try {
      PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
          new DEROctetString(seed));
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JVM", e);
    }
  }

  public static boolean isRsa(java.security.Key key) {
    return key instanceof RSAKey;
  }

  public static boolean isEd25519(java.security.Key key) {
    if (key instanceof EdECKey ed) {
      return "Ed25519".equalsIgnoreCase(ed.getParams().getName());
    }
    return key != null && "Ed25519".equalsIgnoreCase(key.getAlgorithm());
  }

  /** The 32 raw bytes of an Ed25519 public key; fails with KEY_REJECTED for any other key. */
  public static byte[] ed25519Raw(PublicKey key) throws SignatureException {
    byte[] encoded = key == null ? null : key.getEncoded();
    if (encoded == null) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "not an Ed25519 key");
    }
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(encoded);
      byte[] raw = spki.getPublicKeyData().getOctets();
      if (!EdECObjectIdentifiers.id_Ed25519.equals(spki.getAlgorithm().getAlgorithm()) || raw.length != ED25519_KEY_BYTES) {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "not an Ed25519 key");
      }
      return raw;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "not an Ed25519 key", e);
    }
  }

  /** The 32-byte seed of an Ed25519 private key (a programming error for any other key). */
  static byte[] ed25519Seed(PrivateKey key) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
        throw new IllegalArgumentException("not an Ed25519 private key");
      }
      byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
      if (seed.length != ED25519_KEY_BYTES) {
        throw new IllegalArgumentException("an Ed25519 private key has " + ED25519_KEY_BYTES + " bytes");
      }
      return seed;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 private key", e);
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
   * Parses a remote public key: RSA (SPKI or PKCS#1) between {@link #MIN_RSA_BITS} and {@link #MAX_RSA_BITS}
   * bits, or Ed25519 (SPKI). Anything else fails with KEY_REJECTED.
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
      return fromSpki(info);
    } catch (SignatureException e) {
      throw e;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "publicKeyPem cannot be parsed", e);
    }
  }

  static PublicKey fromSpki(SubjectPublicKeyInfo info) throws SignatureException, IOException, GeneralSecurityException {
    if (PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
      checkRsaSize(key);
      return key;
    }
    if (EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
      byte[] raw = info.getPublicKeyData().getOctets();
      if (raw.length != ED25519_KEY_BYTES || info.getAlgorithm().getParameters() != null) {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "malformed Ed25519 public key");
      }
      return ed25519PublicKey(raw);
    }
    throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "only RSA and Ed25519 keys are supported");
  }

  /** Parses one of our own stored private keys: RSA (PKCS#8 or PKCS#1 PEM) or Ed25519 (PKCS#8 PEM). */
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
      if (EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
        return ed25519PrivateKey(ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets());
      }
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("stored private key cannot be parsed", e);
    }
  }

  /** Fails with KEY_REJECTED unless {@code key} is RSA with between MIN_RSA_BITS and MAX_RSA_BITS bits. */
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
