package social.hearth.federation.sig;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The {@code publicKeyMultibase} of a FEP-521a {@code Multikey}: the letter {@code z} (multibase base58btc)
 * followed by the base58btc encoding of a multicodec prefix and the key bytes.
 *
 * <ul>
 *   <li>Ed25519: prefix {@code 0xed 0x01} (varint of {@code ed25519-pub}, 0xed) and the 32 raw key bytes, so
 *       every Ed25519 multikey starts with {@code z6Mk}.</li>
 *   <li>RSA: prefix {@code 0x85 0x24} (varint of {@code rsa-pub}, 0x1205) and the DER of the PKCS#1
 *       {@code RSAPublicKey}, as Fedify publishes it.</li>
 * </ul>
 *
 * <p>Decoding is bounded ({@link #MAX_LENGTH} characters, enough for RSA-8192) and every failure is a
 * {@link SignatureException} with reason KEY_REJECTED. RSA keys obey the same size limits as in PEM.
 */
public final class Multikey {

  /** Longest publicKeyMultibase accepted (an RSA-8192 key is about 1,430 characters). */
  public static final int MAX_LENGTH = 2048;

  private static final byte[] ED25519_PREFIX = {(byte) 0xed, 0x01};
  private static final byte[] RSA_PREFIX = {(byte) 0x85, 0x24};
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);

  private Multikey() {}

  /** Encodes an Ed25519 or RSA public key as a publicKeyMultibase value. */
  public static String encode(PublicKey key) {
    byte[] prefix;
    byte[] body;
    if (Keys.isEd25519(key)) {
      prefix = ED25519_PREFIX;
      try {
        body = Keys.ed25519Raw(key);
      } catch (SignatureException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    } else if (Keys.isRsa(key)) {
      prefix = RSA_PREFIX;
      try {
        body = SubjectPublicKeyInfo.getInstance(key.getEncoded()).parsePublicKey().getEncoded();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot encode the RSA key", e);
      }
    } else {
      throw new IllegalArgumentException("only Ed25519 and RSA keys can be encoded as Multikey");
    }
    byte[] all = Arrays.copyOf(prefix, prefix.length + body.length);
    System.arraycopy(body, 0, all, prefix.length, body.length);
    return "z" + base58(all);
  }

  /** Decodes a publicKeyMultibase value into an Ed25519 or RSA public key. */
  public static PublicKey decode(String multibase) throws SignatureException {
    if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
      throw rejected("publicKeyMultibase must be base58btc (start with 'z')");
    }
    if (multibase.length() > MAX_LENGTH) {
      throw rejected("publicKeyMultibase is too long");
    }
    byte[] bytes = unbase58(multibase.substring(1));
    if (startsWith(bytes, ED25519_PREFIX)) {
      if (bytes.length != ED25519_PREFIX.length + Keys.ED25519_KEY_BYTES) {
        throw rejected("an Ed25519 multikey holds exactly " + Keys.ED25519_KEY_BYTES + " key bytes");
      }
      return Keys.ed25519PublicKey(Arrays.copyOfRange(bytes, ED25519_PREFIX.length, bytes.length));
    }
    if (startsWith(bytes, RSA_PREFIX)) {
      try {
        org.bouncycastle.asn1.pkcs.RSAPublicKey pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(
            Arrays.copyOfRange(bytes, RSA_PREFIX.length, bytes.length));
        return Keys.fromSpki(new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), pkcs1));
      } catch (SignatureException e) {
        throw e;
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        throw new SignatureException(SignatureException.Reason.KEY_REJECTED, "the RSA multikey cannot be parsed", e);
      }
    }
    throw rejected("publicKeyMultibase holds neither an Ed25519 nor an RSA key");
  }

  private static SignatureException rejected(String message) {
    return new SignatureException(SignatureException.Reason.KEY_REJECTED, message);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** base58btc (the Bitcoin alphabet); each leading zero byte becomes a leading '1'. */
  static String base58(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    StringBuilder out = new StringBuilder();
    BigInteger n = new BigInteger(1, bytes);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    out.append("1".repeat(zeros));
    return out.reverse().toString();
  }

  static byte[] unbase58(String text) throws SignatureException {
    int ones = 0;
    while (ones < text.length() && text.charAt(ones) == '1') {
      ones++;
    }
    BigInteger n = BigInteger.ZERO;
    for (int i = ones; i < text.length(); i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        throw rejected("publicKeyMultibase has a character outside base58btc");
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
    int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
    if (magnitude.length == 1 && magnitude[0] == 0) {
      skip = 1;
    }
    byte[] out = new byte[ones + magnitude.length - skip];
    System.arraycopy(magnitude, skip, out, ones, magnitude.length - skip);
    return out;
  }
}
