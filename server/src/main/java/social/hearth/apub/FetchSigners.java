package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.federation.inbox.InboxVerifier;
import social.hearth.federation.sig.SignatureException;

/** Who signed a GET: the verified key owner, for authorized fetch and the full Group document. */
public final class FetchSigners {

  private final Uris uris;
  private final InboxVerifier verifier;
  private final DomainPolicies domains;
  private final FederationMetrics metrics;

  public FetchSigners(Uris uris, InboxVerifier verifier, DomainPolicies domains, FederationMetrics metrics) {
    this.metrics = metrics;
    this.uris = uris;
    this.verifier = verifier;
    this.domains = domains;
  }

  /**
   * The verified signer of a GET (its key owner), empty when the request is unsigned; a request with a signature
   * that does not verify fails with 401, one from a blocked server with 403.
   */
  Future<Optional<String>> signer(RoutingContext ctx) {
    var req = ctx.request();
    if (req.getHeader("signature") == null && req.getHeader("signature-input") == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return verifier.verifyFetch(RequestViews.of(ctx, uris.scheme()))
        .onFailure(e -> metrics.signatureFailed("fetch", e instanceof SignatureException se
            ? se.reason().name().toLowerCase(java.util.Locale.ROOT) : "unverifiable"))
        .compose(v -> domains.blocked(v.ownerId())
            ? Future.failedFuture(new CoreException(CoreException.Kind.FORBIDDEN, "blocked_domain",
                "this server does not serve your server"))
            : Future.succeededFuture(Optional.of(v.ownerId())))
        .recover(e -> Future.failedFuture(e instanceof CoreException ? e
            : new CoreException(CoreException.Kind.UNAUTHORIZED, "invalid_signature",
                e instanceof SignatureException ? e.getMessage() : "the signature could not be verified")));
  }
}
