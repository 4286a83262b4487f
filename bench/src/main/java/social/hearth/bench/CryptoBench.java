package social.hearth.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's signature ceilings, with the primitives Hearth uses: RSA-2048 PKCS#1 v1.5 with SHA-256 through
 * the JDK provider ({@code SHA256withRSA}, what draft-cavage {@code rsa-sha256} is), and Ed25519 through Bouncy
 * Castle's lightweight API. The message is a typical draft-cavage signing string (about 300 bytes).
 */
public class CryptoBench {

  static final byte[] MESSAGE = ("(request-target): post /c/bench-inbound/inbox\n"
      + "host: 127.0.0.1:18080\n"
      + "date: Fri, 21 Nov 2025 20:00:00 GMT\n"
      + "digest: SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
      + "content-type: application/activity+json").getBytes(StandardCharsets.UTF_8);

  /** Keys and reusable signature objects, one set per benchmark thread. */
  @State(Scope.Thread)
  public static class Keys {
    KeyPair rsa;
    Signature rsaSigner;
    Signature rsaVerifier;
    byte[] rsaSignature;
    Ed25519PrivateKeyParameters edPrivate;
    Ed25519PublicKeyParameters edPublic;
    Ed25519Signer edSigner = new Ed25519Signer();
    Ed25519Signer edVerifier = new Ed25519Signer();
    byte[] edSignature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      rsa = gen.generateKeyPair();
      rsaSigner = Signature.getInstance("SHA256withRSA");
      rsaVerifier = Signature.getInstance("SHA256withRSA");
      rsaSigner.initSign(rsa.getPrivate());
      rsaSigner.update(MESSAGE);
      rsaSignature = rsaSigner.sign();
      edPrivate = new Ed25519PrivateKeyParameters(new SecureRandom());
      edPublic = edPrivate.generatePublicKey();
      edSigner.init(true, edPrivate);
      edSigner.update(MESSAGE, 0, MESSAGE.length);
      edSignature = edSigner.generateSignature();
    }
  }

  @Benchmark
  public byte[] rsaSign(Keys k) throws Exception {
    k.rsaSigner.initSign(k.rsa.getPrivate());
    k.rsaSigner.update(MESSAGE);
    return k.rsaSigner.sign();
  }

  @Benchmark
  public boolean rsaVerify(Keys k) throws Exception {
    k.rsaVerifier.initVerify(k.rsa.getPublic());
    k.rsaVerifier.update(MESSAGE);
    return k.rsaVerifier.verify(k.rsaSignature);
  }

  @Benchmark
  public byte[] ed25519Sign(Keys k) {
    k.edSigner.init(true, k.edPrivate);
    k.edSigner.update(MESSAGE, 0, MESSAGE.length);
    return k.edSigner.generateSignature();
  }

  @Benchmark
  public boolean ed25519Verify(Keys k) {
    k.edVerifier.init(false, k.edPublic);
    k.edVerifier.update(MESSAGE, 0, MESSAGE.length);
    return k.edVerifier.verifySignature(k.edSignature);
  }
}
