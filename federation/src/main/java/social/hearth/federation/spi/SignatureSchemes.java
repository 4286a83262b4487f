package social.hearth.federation.spi;

import io.vertx.core.Future;
import java.util.Optional;
import social.hearth.federation.sig.SignatureScheme;

/**
 * Port the server implements (a table keyed by host): which HTTP signature scheme a peer accepted last, so
 * that outgoing requests to it go straight to the scheme that works instead of double-knocking every time.
 *
 * <p>{@code host} is the lowercase {@code host[:port]} of the request URL, the port only when it is not the
 * scheme's default (see {@link social.hearth.federation.sig.DoubleKnock#hostKey}). Entries are written only
 * after a peer answered 2xx to a request signed with that scheme, and only when the scheme differs from what
 * {@link #preferred} said, so writes are rare.
 *
 * <p>An implementation should forget entries after a while (days to weeks), so that a peer which later starts
 * accepting RFC 9421 gets it again, and must keep its size bounded. Neither method may block the event loop;
 * a failure of either is logged and ignored by the caller (the request then starts with RFC 9421).
 * {@link InMemorySignatureSchemes} is a complete implementation for tests and single-process use.
 */
public interface SignatureSchemes {

  /** The scheme to try first for {@code host}, or empty when nothing is known (then RFC 9421 is tried first). */
  Future<Optional<SignatureScheme>> preferred(String host);

  /** Records that {@code host} accepted a request signed with {@code scheme}. */
  Future<Void> remember(String host, SignatureScheme scheme);

  /**
   * Whether {@code host} verifies RFC 9421 signatures made with an Ed25519 key (named by the id of a FEP-521a
   * {@code Multikey}): true when it accepted one or advertised it, false when it refused one, empty when nothing
   * is known. Only a host known to accept them gets Ed25519 signatures; RSA is the default. The default
   * implementation knows nothing, so an implementation without it never signs with Ed25519.
   */
  default Future<Optional<Boolean>> ed25519(String host) {
    return Future.succeededFuture(Optional.empty());
  }

  /** Records that {@code host} accepted ({@code true}) or refused ({@code false}) an Ed25519 RFC 9421 signature. */
  default Future<Void> rememberEd25519(String host, boolean accepted) {
    return Future.succeededFuture();
  }

  /**
   * Records that {@code host} advertised Ed25519 RFC 9421 signatures (one of its actors signed a request to us
   * with one, which verified). Unlike {@link #rememberEd25519} it never overrides what is known: a host that
   * refused our Ed25519 signature stays refused however often it signs its own with Ed25519.
   */
  default Future<Void> advertisedEd25519(String host) {
    return Future.succeededFuture();
  }
}
