package social.hearth.apub;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import social.hearth.core.community.CommunityService;

/** The inboxes: the shared one, the instance actor's, each community's and each staff Person's. */
public final class InboxRoutes {

  public static final int BODY_LIMIT = 1024 * 1024;

  private final Uris uris;
  private final CommunityService communities;
  private final InboxEndpoint inbox;
  private final social.hearth.core.account.StaffProfiles staff;

  public InboxRoutes(Uris uris, CommunityService communities, InboxEndpoint inbox,
                     social.hearth.core.account.StaffProfiles staff) {
    this.staff = staff;
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
    router.post("/u/:username/inbox").handler(body).handler(ctx -> staff.find(ctx.pathParam("username"))
        .onSuccess(p -> {
          if (p.isEmpty()) {
            ctx.fail(social.hearth.core.CoreException.notFound("no such account here"));
          } else {
            inbox.handle(ctx, uris.staff(p.get().username()));
          }
        }).onFailure(ctx::fail));
  }
}
