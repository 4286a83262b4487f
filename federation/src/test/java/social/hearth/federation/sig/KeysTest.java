package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SignatureException.Reason;

/** Ed25519 keys (generation, PEM, FEP-521a Multikey), RSA size limits, and what is refused. */
class KeysTest {

  /** RFC 9421 B.1.4 test-key-ed25519, raw public bytes. */
  static final String RFC_ED25519_RAW = "26b40b8f93fff3d897112f7ebc582b232dbd72517d082fe83cfb30ddce43d1bb";
  /** The same key as a publicKeyMultibase, computed independently of this code. */
  static final String RFC_ED25519_MULTIKEY = "z6Mkh4LmfP1ev9MNPGr7JbEbtD6BD4fsu1duEj83PMCs3xHG";
  /** The example key of FEP-521a. */
  static final String FEP_EXAMPLE = "z6MkekwC6R9bj9ErToB7AiZJfyCSDhaZe1UxhDbCqJrhqpS5";

  static PublicKey rsaWithModulusBits(int bits) throws Exception {
    BigInteger n = new BigInteger(bits, new Random(bits)).setBit(bits - 1).setBit(0);
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, BigInteger.valueOf(65537)));
  }

  @Test
  void aGeneratedEd25519PairSignsAndVerifies() throws SignatureException {
    KeyPair pair = Keys.generateEd25519();
    assertTrue(Keys.isEd25519(pair.getPublic()));
    assertTrue(Keys.isEd25519(pair.getPrivate()));
    assertFalse(Keys.isRsa(pair.getPublic()));
    SigningKey key = new SigningKey("https://hearth.example/c/books#ed25519-key", pair.getPrivate());
    assertTrue(key.isEd25519());
    assertEquals(SignatureAlgorithm.ED25519, key.algorithm());
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] signature = SignatureAlgorithm.ED25519.sign(key, message);
    assertEquals(64, signature.length);
    assertTrue(SignatureAlgorithm.ED25519.verify(pair.getPublic(), message, signature));
    assertFalse(SignatureAlgorithm.ED25519.verify(pair.getPublic(), "hellO".getBytes(StandardCharsets.UTF_8), signature));
  }

  @Test
  void anEd25519PairSurvivesStorageAsPem() throws SignatureException {
    KeyPair pair = Keys.generateEd25519();
    String privatePem = Keys.toPem(pair.getPrivate());
    String publicPem = Keys.toPem(pair.getPublic());
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----"), privatePem);
    assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"), publicPem);
    SigningKey restored = new SigningKey("k", Keys.parsePrivatePem(privatePem));
    PublicKey restoredPublic = Keys.parsePublicPem(publicPem);
    assertArrayEquals(Keys.ed25519Raw(pair.getPublic()), Keys.ed25519Raw(restoredPublic));
    byte[] message = {1, 2, 3};
    assertTrue(SignatureAlgorithm.ED25519.verify(restoredPublic, message, SignatureAlgorithm.ED25519.sign(restored, message)));
  }

  @Test
  void theRfcEd25519TestKeyParsesFromPem() throws SignatureException {
    PublicKey key = Keys.parsePublicPem(DraftCavageTest.resource("rfc9421/test-key-ed25519.pub.pem"));
    assertEquals(RFC_ED25519_RAW, HexFormat.of().formatHex(Keys.ed25519Raw(key)));
  }

  @Test
  void anEd25519KeyEncodesAsTheMultikeyOthersCompute() throws SignatureException {
    PublicKey key = Keys.ed25519PublicKey(HexFormat.of().parseHex(RFC_ED25519_RAW));
    assertEquals(RFC_ED25519_MULTIKEY, Multikey.encode(key));
    assertEquals(RFC_ED25519_RAW, HexFormat.of().formatHex(Keys.ed25519Raw(Multikey.decode(RFC_ED25519_MULTIKEY))));
  }

  @Test
  void theFepExampleMultikeyRoundTrips() throws SignatureException {
    PublicKey key = Multikey.decode(FEP_EXAMPLE);
    assertTrue(Keys.isEd25519(key));
    assertEquals(FEP_EXAMPLE, Multikey.encode(key));
  }

  @Test
  void everyGeneratedEd25519KeyRoundTripsThroughMultikey() throws SignatureException {
    for (int i = 0; i < 50; i++) {
      PublicKey key = Keys.generateEd25519().getPublic();
      String multikey = Multikey.encode(key);
      assertTrue(multikey.startsWith("z6Mk"), multikey);
      assertArrayEquals(Keys.ed25519Raw(key), Keys.ed25519Raw(Multikey.decode(multikey)));
    }
  }

  @Test
  void anRsaKeyRoundTripsThroughMultikey() throws SignatureException {
    PublicKey key = Keys.generateRsa2048().getPublic();
    String multikey = Multikey.encode(key);
    assertTrue(multikey.startsWith("z4MX"), multikey);
    assertEquals(key, Multikey.decode(multikey));
  }

  @Test
  void base58KeepsLeadingZeroBytes() throws SignatureException {
    byte[] bytes = {0, 0, 1, 2, (byte) 0xff};
    assertEquals("11" + Multikey.base58(new byte[] {1, 2, (byte) 0xff}), Multikey.base58(bytes));
    assertArrayEquals(bytes, Multikey.unbase58(Multikey.base58(bytes)));
  }

  @Test
  void malformedMultikeysAreRejected() {
    for (String bad : new String[] {null, "", "z", "u6Mk", "z0OIl", "z6Mkh4LmfP1ev9MNPGr7JbEbtD6BD4fsu1duEj83PMCs3xH",
        "z" + Multikey.base58(new byte[] {(byte) 0xed, 0x01, 1, 2, 3}), "z" + Multikey.base58(new byte[] {0x12, 0x34}),
        "z" + "2".repeat(Multikey.MAX_LENGTH)}) {
      assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class, () -> Multikey.decode(bad)).reason(), bad);
    }
  }

  @Test
  void rsaKeysOutsideTheAllowedSizesAreRejectedInPemAndMultikey() throws Exception {
    for (int bits : new int[] {1023, Keys.MAX_RSA_BITS + 8}) {
      PublicKey key = rsaWithModulusBits(bits);
      String pem = Keys.toPem(key);
      assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class, () -> Keys.parsePublicPem(pem)).reason());
      String multikey = Multikey.encode(key);
      assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class, () -> Multikey.decode(multikey)).reason());
      assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class,
          () -> SignatureAlgorithm.RSA_V1_5_SHA256.verify(key, new byte[1], new byte[bits / 8])).reason());
    }
  }

  @Test
  void theLargestAllowedRsaKeyIsAccepted() throws Exception {
    assertTrue(Keys.isRsa(Keys.parsePublicPem(Keys.toPem(rsaWithModulusBits(Keys.MAX_RSA_BITS)))));
  }

  @Test
  void otherKeyTypesAreRejected() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = ec.generateKeyPair();
    String pem = Keys.toPem(pair.getPublic());
    assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class, () -> Keys.parsePublicPem(pem)).reason());
    assertThrows(IllegalArgumentException.class, () -> new SigningKey("k", pair.getPrivate()));
    assertThrows(IllegalArgumentException.class, () -> Multikey.encode(pair.getPublic()));
    assertEquals(Reason.KEY_ALGORITHM_MISMATCH, assertThrows(SignatureException.class,
        () -> SignatureAlgorithm.ED25519.verify(pair.getPublic(), new byte[1], new byte[64])).reason());
  }

  @Test
  void anEd25519PublicKeyThatIsNotACurvePointIsRejected() {
    byte[] raw = new byte[32];
    raw[0] = 2; // y = 2 has no x on the curve
    PublicKey key = Keys.ed25519PublicKey(raw);
    assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class,
        () -> SignatureAlgorithm.ED25519.verify(key, new byte[1], new byte[64])).reason());
  }

  @Test
  void garbagePemIsRejected() {
    for (String pem : new String[] {null, " ", "hello", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\n" + "A".repeat(20_000) + "\n-----END PUBLIC KEY-----\n"}) {
      assertEquals(Reason.KEY_REJECTED, assertThrows(SignatureException.class, () -> Keys.parsePublicPem(pem)).reason());
    }
  }

  @Test
  void storedRsaPrivateKeysStillParse() {
    SigningKey key = new SigningKey("k", Keys.parsePrivatePem(DraftCavageTest.resource("test-key.pem")));
    assertFalse(key.isEd25519());
    assertEquals(SignatureAlgorithm.RSA_V1_5_SHA256, key.algorithm());
    assertEquals("SigningKey[k]", key.toString());
  }
}
