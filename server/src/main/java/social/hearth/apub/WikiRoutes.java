package social.hearth.apub;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.wiki.Wiki;
import social.hearth.federation.vocab.As;

/**
 * The wiki's pages for ActivityPub clients: the {@code Article} as it is now, at the page's address
 * ({@code /c/{slug}/wiki/{name}}; an old name answers with a redirect to the new one) and at its stable IRI
 * ({@code /c/{slug}/wiki/pages/{id}}). Browsers go on to the page (web.WikiPages).
 */
public final class WikiRoutes {

  private final CommunityService communities;
  private final Wiki wiki;

  public WikiRoutes(CommunityService communities, Wiki wiki) {
    this.communities = communities;
    this.wiki = wiki;
  }

  public void mount(Router router) {
    router.get("/c/:slug/wiki/pages/:id").handler(this::byId);
    router.get("/c/:slug/wiki/:name").handler(this::byName);
  }

  private void byId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("[0-9]{1,18}")) {
      ctx.next();
      return;
    }
    communities.requireCached(ctx.pathParam("slug")).compose(c -> wiki.byId(c, Long.parseLong(id)).map(p -> {
      if (p.isEmpty() || p.get().revision() == 0) {
        return (Runnable) () -> ctx.fail(404);
      }
      if (!ApJson.wanted(ctx)) {
        return (Runnable) () -> redirect(ctx, wiki.wire().pageUrl(c, p.get().name()));
      }
      return (Runnable) () -> send(ctx, c, p.get());
    })).onSuccess(Runnable::run).onFailure(ctx::fail);
  }

  private void byName(RoutingContext ctx) {
    if (!ApJson.wanted(ctx)) {
      ctx.next();
      return;
    }
    communities.requireCached(ctx.pathParam("slug")).compose(c -> wiki.find(c, ctx.pathParam("name"))
        .map(f -> f.moved() ? (Runnable) () -> redirect(ctx, wiki.wire().pageUrl(c, f.page().name()))
            : (Runnable) () -> send(ctx, c, f.page())))
        .onSuccess(Runnable::run).onFailure(ctx::fail);
  }

  private void send(RoutingContext ctx, Community c, WikiPage p) {
    wiki.html(c, p).onSuccess(html -> ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON)
        .putHeader("Access-Control-Allow-Origin", "*").putHeader("Vary", "Accept")
        .end(wiki.wire().article(c, p, html))).onFailure(ctx::fail);
  }

  private static void redirect(RoutingContext ctx, String to) {
    ctx.response().setStatusCode(301).putHeader("Location", to).putHeader("Vary", "Accept").end();
  }
}
