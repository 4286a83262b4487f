package social.hearth.core.moderation;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;

/**
 * What happens to what the filters or a moderator let through: the community publishes it. Implemented by the
 * publishing use case, so moderation decides and publishing acts without the two depending on each other.
 */
public interface Approvals {

  /** Re-shares an accepted post. */
  Future<Void> publish(Community community, ReceivedPost post, Verbatim original);

  /** Applies an accepted update to the community's copy. */
  Future<Void> update(Community community, Post copy, ReceivedPost post, Verbatim original);

  /** Records an accepted like. */
  Future<Void> like(Community community, String likeId, String objectId, String actor, Verbatim original);
}
