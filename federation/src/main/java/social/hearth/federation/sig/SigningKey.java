package social.hearth.federation.sig;

import java.security.PrivateKey;

/** A local actor's private key and the IRI of its public half ({@code actor#main-key}). */
public record SigningKey(String keyId, PrivateKey privateKey) {
  @Override
  public String toString() {
    return "SigningKey[" + keyId + "]";
  }
}
