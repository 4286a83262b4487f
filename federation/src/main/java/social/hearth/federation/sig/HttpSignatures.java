package social.hearth.federation.sig;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The one entry point for HTTP signatures in both schemes, sharing one clock and one time window.
 *
 * <p>{@link #prepare} verifies an incoming request: RFC 9421 ({@link Rfc9421}) when the request has a
 * {@code Signature-Input} header, draft-cavage ({@link DraftCavage}) otherwise, exactly as Mastodon 4.5
 * chooses. A request is never judged by the other scheme as a fallback: what it claims to be is what it must
 * pass. {@link #sign} signs an outgoing request in the scheme asked for; the choice of scheme per peer is the
 * caller's (see {@link DoubleKnock}).
 */
public final class HttpSignatures {

  private final DraftCavage draftCavage;
  private final Rfc9421 rfc9421;

  /** {@code window}: how far a signature's date or created time may be from our clock. */
  public HttpSignatures(Clock clock, Duration window) {
    this(new DraftCavage(clock, window));
  }

  /** Wraps an existing draft-cavage instance; RFC 9421 uses its clock and window. */
  public HttpSignatures(DraftCavage draftCavage) {
    this.draftCavage = draftCavage;
    this.rfc9421 = new Rfc9421(draftCavage.clock(), draftCavage.window());
  }

  public DraftCavage draftCavage() {
    return draftCavage;
  }

  public Rfc9421 rfc9421() {
    return rfc9421;
  }

  /** The scheme a received request claims: RFC 9421 if it has {@code Signature-Input}. */
  public static SignatureScheme schemeOf(RequestView request) {
    return request.header("signature-input") != null ? SignatureScheme.RFC9421 : SignatureScheme.DRAFT_CAVAGE;
  }

  /**
   * Runs every check of the request's scheme that needs no key; the caller then resolves
   * {@link PreparedSignature#keyId()} and calls {@link PreparedSignature#verify}. {@code body} is the exact
   * bytes received ({@code null} or empty for none).
   */
  public PreparedSignature prepare(RequestView request, byte[] body) throws SignatureException {
    return schemeOf(request) == SignatureScheme.RFC9421
        ? rfc9421.prepare(request, body)
        : draftCavage.prepare(request, body);
  }

  /**
   * Signs an outgoing request in {@code scheme}. {@code headers} must hold Content-Type for a POST and Accept
   * for a GET; it receives the signature headers. {@code body} is null for a request without one. A pure
   * function of its arguments and the clock, so it can run on a worker thread.
   */
  public void sign(SignatureScheme scheme, SigningKey key, String method, URI target, Map<String, String> headers,
                   byte[] body) {
    if (scheme == SignatureScheme.RFC9421) {
      rfc9421.sign(key, method, target, headers, body);
    } else {
      draftCavage.sign(key, method, target, headers, body);
    }
  }
}
