package social.hearth.federation.sig;

/**
 * The two HTTP signature standards spoken on the fediverse. A request carries {@link #RFC9421} when it has a
 * {@code Signature-Input} header, {@link #DRAFT_CAVAGE} otherwise.
 */
public enum SignatureScheme {
  /** draft-cavage-http-signatures-12: one {@code Signature} header with keyId, algorithm, headers, signature. */
  DRAFT_CAVAGE,
  /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} and {@code Signature} dictionaries. */
  RFC9421;

  /** The scheme to fall back to when a peer refuses this one. */
  public SignatureScheme other() {
    return this == RFC9421 ? DRAFT_CAVAGE : RFC9421;
  }
}
