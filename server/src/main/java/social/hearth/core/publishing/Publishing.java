package social.hearth.core.publishing;

import social.hearth.core.port.Tx;
import social.hearth.db.PgTx;
import social.hearth.core.domain.Post;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.Outbound;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.PostStore;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;

/**
 * What a community does with what its filters let through (at once, or when a moderator approves it later):
 * re-share a post, propagate an update, forward a like. Each runs in one transaction with the deliveries it causes.
 */
public final class Publishing {

  private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);

  private final Pool pool;
  private final PostStore posts;
  private final Outbound outbound;
  private final Deliveries delivery;

  public Publishing(Pool pool, PostStore posts, Outbound outbound, Deliveries delivery) {
    this.pool = pool;
    this.posts = posts;
    this.outbound = outbound;
    this.delivery = delivery;
  }

  /** Stores the post and re-shares it (FEP-1b12, both forms); nothing when the community already has it. */
  public Future<Void> publish(Community community, ReceivedPost post, Verbatim original) {
    return PgTx.transactions(pool).inTransaction(tx -> posts.insert(tx, community.id(), post.id(), post.authorId(), post.type(),
            post.content(), post.inReplyTo(), post.object().json())
        .compose(id -> id.isEmpty() ? Future.<Void>succeededFuture()
            : outbound.reshare(tx, community, id.get(), post.id(), original).map(n -> {
              LOG.info("re-sharing {} in {} ({} deliveries)", post.id(), community.slug(), n);
              return (Void) null;
            })))
        .onSuccess(v -> delivery.wake());
  }

  /** Applies an author's update to the community's copy and forwards it to group-aware servers. */
  public Future<Void> update(Community community, Post copy, ReceivedPost post, Verbatim original) {
    return PgTx.transactions(pool).inTransaction(tx -> posts.update(tx, copy.id(), post.content(), post.object().json())
            .compose(v -> outbound.forward(tx, community, original)).<Void>mapEmpty())
        .onSuccess(v -> delivery.wake());
  }

  /** Records a member's like and, when the community announces likes, forwards it to group-aware servers. */
  public Future<Void> like(Community community, String likeId, String objectId, String actor, Verbatim original) {
    return PgTx.transactions(pool).inTransaction(tx -> posts.insertLike(tx, likeId, community.id(), objectId, actor)
            .compose(inserted -> inserted && community.announceLikes()
                ? outbound.forward(tx, community, original).<Void>mapEmpty() : Future.<Void>succeededFuture()))
        .onSuccess(v -> delivery.wake());
  }
}
