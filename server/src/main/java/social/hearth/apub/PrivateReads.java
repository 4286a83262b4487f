package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.core.port.MemberStore;
import social.hearth.db.OutboxStore;

/**
 * What members share stays with the members (issue 17): in a private community the outbox, the featured collection
 * and every activity URL, and anywhere a post written for members only, answer only a request signed by an accepted
 * member or by a server where one is (Mastodon fetches collections with its instance actor). These guards run before
 * the routes that serve them; a membership that ends (removed, banned, expired) stops the reads at once.
 */
public final class PrivateReads {

  private final Uris uris;
  private final CommunityService communities;
  private final MemberStore members;
  private final FetchSigners signers;
  private final OutboxStore outbox;
  private final AuthoredPostStore authored;

  public PrivateReads(Uris uris, CommunityService communities, MemberStore members, FetchSigners signers,
                      OutboxStore outbox, AuthoredPostStore authored) {
    this.uris = uris;
    this.communities = communities;
    this.members = members;
    this.signers = signers;
    this.outbox = outbox;
    this.authored = authored;
  }

  /** Mounts the guards; call before the routes they guard are mounted. */
  public void mount(Router router) {
    for (String path : new String[] {"/c/:slug/outbox", "/c/:slug/featured", "/c/:slug/board/:key/status/:id"}) {
      router.get(path).handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
          .compose(c -> c.isPrivate() ? allowed(ctx, c.id()) : Future.succeededFuture(true))
          .onSuccess(ok -> pass(ctx, ok)).onFailure(ctx::fail));
    }
    router.get("/activities/:uuid").handler(ctx -> outbox.privateActivityCommunity(uris.activity(ctx.pathParam("uuid")))
        .compose(id -> id.isPresent() ? allowed(ctx, id.get()) : Future.succeededFuture(true))
        .onSuccess(ok -> pass(ctx, ok)).onFailure(ctx::fail));
    // a private community's copies of members' posts (issue 17, PrivateCopyActivities): members only, always
    router.get("/c/:slug/copies/:id").handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
        .compose(c -> allowed(ctx, c.id())).onSuccess(ok -> pass(ctx, ok)).onFailure(ctx::fail));
    router.get("/p/:key").handler(ctx -> {
      String key = ctx.pathParam("key");
      if (!key.matches("[a-z0-9]{1,20}") || !ApJson.wanted(ctx)) {
        ctx.next(); // browsers go to the post's page, which shows no post for members only
        return;
      }
      authored.byIri(uris.authoredPost(key))
          .compose(p -> p.isPresent() && p.get().membersOnly() && p.get().state() != AuthoredPost.State.DELETED
              ? allowed(ctx, p.get().communityId()) : Future.succeededFuture(true))
          .onSuccess(ok -> pass(ctx, ok)).onFailure(ctx::fail);
    });
  }

  /** Whether the request is signed by a member of the community, or by a server where a member is. */
  Future<Boolean> allowed(RoutingContext ctx, long communityId) {
    return signers.signer(ctx).compose(who -> who.isEmpty() ? Future.succeededFuture(false)
        : members.readsPrivately(communityId, who.get(), origin(who.get())));
  }

  private static void pass(RoutingContext ctx, boolean ok) {
    if (ok) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Signature");
    ctx.fail(CoreException.forbidden("members_only",
        "this community shares its posts with its members only: sign the request as a member or a member's server"));
  }

  private static String origin(String actorIri) {
    try {
      URI u = URI.create(actorIri);
      return u.getScheme() == null || u.getRawAuthority() == null ? null : u.getScheme() + "://" + u.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
