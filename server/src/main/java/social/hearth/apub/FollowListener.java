package social.hearth.apub;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;

/**
 * Follow of a community: a join request, decided by the community's join policy (see
 * {@link social.hearth.core.membership.Membership#onFollow}): accepted at once, held for approval, accepted with an
 * invite, or refused.
 */
public final class FollowListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(FollowListener.class);

  private final ListenerContext ctx;

  public FollowListener(ListenerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String slug = ctx.uris().communitySlug(in.activity().objectId()).orElse(null);
    if (slug == null) {
      return Future.failedFuture(new Rejection(422, "only communities on this server can be followed here"));
    }
    return ctx.communities().bySlug(slug).compose(c -> c.isPresent() ? Future.<Void>succeededFuture()
        : Future.failedFuture(new Rejection(404, "no community '" + slug + "' here")));
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String slug = ctx.uris().communitySlug(in.activity().objectId()).orElse(null);
    if (slug == null) {
      LOG.warn("Follow {} names no local community (was the base URL changed?)", in.activity().id());
      return Future.succeededFuture();
    }
    return ctx.communities().require(slug).compose(community -> ctx.actors().get(in.activity().actor())
        .compose(follower -> ctx.membership().onFollow(community, follower, in.activity().id())
            .onSuccess(v -> LOG.info("Follow of {} by {} handled ({} policy)", slug, follower.id(),
                community.joinPolicy().name().toLowerCase(java.util.Locale.ROOT)))));
  }
}
