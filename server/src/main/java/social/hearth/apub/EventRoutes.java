package social.hearth.apub;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.community.CommunityService;
import social.hearth.core.events.Events;
import social.hearth.federation.vocab.As;

/**
 * The community's events at their IRIs ({@code /c/{slug}/events/{key}}) for ActivityPub clients: the Event as it is
 * now (live counts and status). Browsers go on to the event's page (web.EventPages).
 */
public final class EventRoutes {

  private final CommunityService communities;
  private final Events events;

  public EventRoutes(CommunityService communities, Events events) {
    this.communities = communities;
    this.events = events;
  }

  public void mount(Router router) {
    router.get("/c/:slug/events/:key").handler(this::event);
  }

  private void event(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    if (!ApJson.wanted(ctx) || !key.matches("[a-z0-9]{1,20}")) {
      ctx.next();
      return;
    }
    communities.requireCached(ctx.pathParam("slug")).compose(c -> events.get(c, key).map(e -> events.json(c, e)))
        .onSuccess(json -> ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON)
            .putHeader("Access-Control-Allow-Origin", "*").putHeader("Vary", "Accept").end(json))
        .onFailure(ctx::fail);
  }
}
