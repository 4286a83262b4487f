package social.hearth.apub;

import io.vertx.ext.web.Router;
import java.util.UUID;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.port.QuoteStore;

/**
 * The QuoteAuthorization stamps a community granted (FEP-044f), each at a stable IRI
 * ({@code /c/{slug}/quote-authorizations/{id}}) that the quoting server and its followers' servers fetch to check a
 * quote. A revoked stamp, like one never granted, is 404. Public like the posts they allow quoting.
 */
public final class QuoteRoutes {

  private final Uris uris;
  private final CommunityService communities;
  private final QuoteStore quotes;

  public QuoteRoutes(Uris uris, CommunityService communities, QuoteStore quotes) {
    this.uris = uris;
    this.communities = communities;
    this.quotes = quotes;
  }

  public void mount(Router router) {
    InteractionPolicies policies = new InteractionPolicies(uris);
    router.get("/c/:slug/quote-authorizations/:id").handler(ctx -> {
      UUID id;
      try {
        id = UUID.fromString(ctx.pathParam("id"));
      } catch (IllegalArgumentException e) {
        ctx.fail(CoreException.notFound("no such quote authorization"));
        return;
      }
      communities.requireCached(ctx.pathParam("slug")).compose(c -> quotes.live(c.id(), id).map(found -> found
              .map(a -> policies.stamp(c.slug(), a, true))
              .orElseThrow(() -> CoreException.notFound("no such quote authorization"))))
          .onSuccess(stamp -> ApJson.send(ctx, stamp)).onFailure(ctx::fail);
    });
  }
}
