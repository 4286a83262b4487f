package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.MemberStore;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.services.CommunityService;
import social.hearth.services.DeliveryWorker;
import social.hearth.services.Outbound;
import social.hearth.services.RemoteActors;

/** Follow of a community: the follower becomes a member and gets an Accept echoing their Follow. */
public final class FollowListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(FollowListener.class);

  private final Uris uris;
  private final CommunityService communities;
  private final RemoteActors actors;
  private final MemberStore members;
  private final Outbound outbound;
  private final Pool pool;
  private final DeliveryWorker delivery;

  public FollowListener(Uris uris, CommunityService communities, RemoteActors actors, MemberStore members,
                        Outbound outbound, Pool pool, DeliveryWorker delivery) {
    this.uris = uris;
    this.communities = communities;
    this.actors = actors;
    this.members = members;
    this.outbound = outbound;
    this.pool = pool;
    this.delivery = delivery;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String slug = uris.communitySlug(in.activity().objectId()).orElse(null);
    if (slug == null) {
      return Future.failedFuture(new Rejection(422, "only communities on this server can be followed here"));
    }
    return communities.bySlug(slug).compose(c -> c.isPresent() ? Future.<Void>succeededFuture()
        : Future.failedFuture(new Rejection(404, "no community '" + slug + "' here")));
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String slug = uris.communitySlug(in.activity().objectId()).orElse(null);
    if (slug == null) {
      LOG.warn("Follow {} names no local community (was the base URL changed?)", in.activity().id());
      return Future.succeededFuture();
    }
    return communities.require(slug).compose(community -> actors.get(in.activity().actor()).compose(follower ->
        pool.withTransaction(tx -> members.upsertAccepted(tx, community.id(), follower.id(), in.activity().id())
            .compose(v -> outbound.accept(tx, community, in.json(), follower)))
        .onSuccess(v -> {
          LOG.info("{} joined {}", follower.id(), slug);
          delivery.wake();
        })));
  }
}
