package social.hearth.federation.vocab;

/** The security-vocabulary {@code publicKey} of an actor. */
public record PublicKeyDoc(String id, String owner, String publicKeyPem) {}
