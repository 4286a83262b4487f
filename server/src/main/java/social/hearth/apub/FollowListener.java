package social.hearth.apub;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;

/** Follow of a community: the follower becomes a member and gets an Accept echoing their Follow. */
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
    return ctx.communities().require(slug).compose(community -> ctx.actors().get(in.activity().actor()).compose(follower ->
        ctx.pool().withTransaction(tx -> ctx.members().upsertAccepted(tx, community.id(), follower.id(), in.activity().id())
            .compose(v -> ctx.outbound().accept(tx, community, in.json(), follower)))
        .onSuccess(v -> {
          LOG.info("{} joined {}", follower.id(), slug);
          ctx.delivery().wake();
        })));
  }
}
