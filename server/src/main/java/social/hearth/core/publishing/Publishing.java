package social.hearth.core.publishing;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.TransactionalOutbox;

/**
 * What a community does with what its filters let through (at once, or when a moderator approves it later):
 * re-share a post, propagate an update, forward a like. Each runs in one transaction with the deliveries it causes.
 */
public final class Publishing implements social.hearth.core.moderation.Approvals {

  private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);

  private final TransactionalOutbox out;
  private final PostStore posts;

  public Publishing(TransactionalOutbox out, PostStore posts) {
    this.out = out;
    this.posts = posts;
  }

  /** What else a re-share or a like does, in its transaction (the feedback board); none until set at wiring. */
  private social.hearth.core.port.PublishHooks hooks = social.hearth.core.port.PublishHooks.NONE;

  /** Adds what else a re-share or a like does (the hooks run in the order they were added). */
  public void hooks(social.hearth.core.port.PublishHooks hooks) {
    this.hooks = this.hooks == social.hearth.core.port.PublishHooks.NONE ? hooks
        : social.hearth.core.port.PublishHooks.both(this.hooks, hooks);
  }

  /** Stores the post and re-shares it (FEP-1b12, both forms); nothing when the community already has it. */
  @Override
  public Future<Void> publish(Community community, ReceivedPost post, Verbatim original) {
    return out.send(tx -> posts.insert(tx, community.id(), post.id(), post.authorId(), post.type(),
            post.content(), post.inReplyTo(), post.object().json())
        .compose(id -> id.isEmpty() ? Future.<Void>succeededFuture()
            : out.outbound().reshare(tx, community, id.get(), post.id(), original).map(n -> {
              LOG.info("re-sharing {} in {} ({} deliveries)", post.id(), community.slug(), n);
              return (Void) null;
            }).compose(v -> hooks.published(tx, community, id.get(), post))));
  }

  /** Applies an author's update to the community's copy and forwards it to group-aware servers. */
  @Override
  public Future<Void> update(Community community, Post copy, ReceivedPost post, Verbatim original) {
    return out.send(tx -> posts.update(tx, copy.id(), post.content(), post.object().json())
        .compose(v -> out.outbound().forward(tx, community, original)).<Void>mapEmpty());
  }

  /** Records a member's like and, when the community announces likes, forwards it to group-aware servers. */
  @Override
  public Future<Void> like(Community community, String likeId, String objectId, String actor, Verbatim original) {
    return out.send(tx -> posts.insertLike(tx, likeId, community.id(), objectId, actor)
        .compose(inserted -> hooks.liked(tx, community, objectId, actor).map(inserted))
        .compose(inserted -> inserted && community.announceLikes()
            ? out.outbound().forward(tx, community, original).<Void>mapEmpty() : Future.<Void>succeededFuture()));
  }
}
