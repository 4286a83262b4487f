package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;

/**
 * What else happens, in the same transaction, when a community re-shares a post or records a member's like (the
 * feedback board turns idea posts into entries and likes into votes).
 */
public interface PublishHooks {

  PublishHooks NONE = new PublishHooks() {
    @Override
    public Future<Void> published(Tx tx, Community community, long postId, ReceivedPost post) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> liked(Tx tx, Community community, String objectId, String actor) {
      return Future.succeededFuture();
    }
  };

  Future<Void> published(Tx tx, Community community, long postId, ReceivedPost post);

  Future<Void> liked(Tx tx, Community community, String objectId, String actor);

  /** Both hooks, {@code first} then {@code then}, in the same transaction. */
  static PublishHooks both(PublishHooks first, PublishHooks then) {
    return new PublishHooks() {
      @Override
      public Future<Void> published(Tx tx, Community community, long postId, ReceivedPost post) {
        return first.published(tx, community, postId, post).compose(v -> then.published(tx, community, postId, post));
      }

      @Override
      public Future<Void> liked(Tx tx, Community community, String objectId, String actor) {
        return first.liked(tx, community, objectId, actor).compose(v -> then.liked(tx, community, objectId, actor));
      }
    };
  }
}
