package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Post;

/** SQL for re-shared posts, their likes and the pinned (featured) posts of a community. */
public interface PostStore {

  /** Records a re-shared post; empty when this community already has it (or had it and it was deleted). */
  Future<Optional<Long>> insert(Tx tx, long communityId, String objectId, String authorId, String type,
                                       String content, String inReplyTo, String objectJson);

  Future<Void> setAnnounce(Tx tx, long postId, String announceIri);

  /** Every live community copy of an object. */
  Future<List<Post>> byObject(String objectId);

  Future<Optional<Post>> inCommunity(long communityId, String objectId);

  /** Live posts by an author, newest first, at most {@code limit}. */
  Future<List<Post>> byAuthor(String authorId, int limit);

  Future<Void> update(Tx tx, long postId, String content, String objectJson);

  /** Turns the post into a tombstone: content and object dropped, the row kept so the id is never re-shared. */
  Future<Void> tombstone(Tx tx, long postId);

  Future<Long> count();

  /** A post to store with others ({@link #insertAll}). */
  record New(long communityId, String objectId, String authorId, String type, String content, String inReplyTo,
             String objectJson) {}

  /**
   * Stores many posts in one statement of {@code tx}, each as {@link #insert} does: for each in order its id, or empty
   * when its community already has it.
   */
  Future<java.util.List<Optional<Long>>> insertAll(Tx tx, java.util.List<New> posts);

  Future<Boolean> insertLike(Tx tx, String likeId, long communityId, String objectId, String actorId);

  /** The community of the like that {@link #deleteLike} would remove (the one with that id first), if any. */
  Future<Optional<Long>> likeCommunity(String likeId, String actorId, String objectId);

  /** Removes a like by its id, or by actor and object; returns the community it was in, if any. */
  Future<Optional<Long>> deleteLike(Tx tx, String likeId, String actorId, String objectId);

  Future<List<String>> featured(long communityId);

  /** As above, on {@code conn} (a transaction reads through its own connection). */
  Future<List<String>> featured(Tx conn, long communityId);

  /** Pins a post; false when it was already pinned. Fails when five are pinned. */
  Future<Boolean> pin(Tx tx, long communityId, String objectId);

  /** Marks a published post as for the community's members only: no public page shows it (issue 17). */
  Future<Void> membersOnly(Tx tx, long postId);

  Future<Boolean> unpin(Tx tx, long communityId, String objectId);

  /** Swaps a pinned post with the one before ({@code up}) or after it; false when it has no such neighbour. */
  Future<Boolean> movePin(Tx tx, long communityId, String objectId, boolean up);
}
