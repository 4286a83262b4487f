package social.hearth.apub;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import social.hearth.core.community.CommunityService;

/** The inboxes: the shared one, the instance actor's and each community's. */
public final class InboxRoutes {

  public static final int BODY_LIMIT = 1024 * 1024;

  private final Uris uris;
  private final CommunityService communities;
  private final InboxEndpoint inbox;

  public InboxRoutes(Uris uris, CommunityService communities, InboxEndpoint inbox) {
    this.uris = uris;
    this.communities = communities;
    this.inbox = inbox;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    router.post("/inbox").handler(body).handler(ctx -> inbox.handle(ctx, null));
    router.post("/actor/inbox").handler(body).handler(ctx -> inbox.handle(ctx, uris.instanceActor()));
    router.post("/c/:slug/inbox").handler(body).handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
        .onSuccess(c -> inbox.handle(ctx, uris.community(c.slug()))).onFailure(ctx::fail));
  }
}
