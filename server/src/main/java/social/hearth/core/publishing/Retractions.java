package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.Actors;
import social.hearth.core.port.DeletedObjects;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;

/**
 * What authors take back. A deleted post: every community copy becomes a tombstone, Mastodon-family servers get an
 * Undo of the community's Announce and group-aware servers the Delete itself (FEP-1b12); the deletion is remembered
 * ({@link DeletedObjects}) even when no copy exists yet, so a Create that arrives after its Delete is not re-shared.
 * A deleted account: it is recorded as gone ({@link Actors#deleted}: keys dropped, never accepted or delivered to
 * again), leaves every community and its re-shared posts are tombstoned the same way; an account whose server
 * answers 410 Gone is handled alike ({@link #accountGone}). An undone like: removed and, where the community
 * announces likes, forwarded to group-aware servers.
 */
public final class Retractions {

  private static final Logger LOG = LoggerFactory.getLogger(Retractions.class);
  /** Bound on the posts retracted for one deleted account in one pass. */
  public static final int MAX_POSTS_PER_ACCOUNT = 500;

  private final TransactionalOutbox out;
  private final CommunityService communities;
  private final PostStore posts;
  private final MemberStore members;
  private final Actors actors;
  private final DeletedObjects deleted;

  public Retractions(TransactionalOutbox out, CommunityService communities, PostStore posts, MemberStore members,
                     Actors actors, DeletedObjects deleted) {
    this.out = out;
    this.communities = communities;
    this.posts = posts;
    this.members = members;
    this.actors = actors;
    this.deleted = deleted;
  }

  /**
   * The author deleted a post ({@code deletion} is their Delete; the caller checked that the author and the object
   * share an origin). Remembered first, so a Create of it handled at the same time or later is not re-shared.
   */
  public Future<Void> deletePost(String authorId, String objectId, Verbatim deletion) {
    return deleted.record(objectId, authorId)
        .compose(v -> posts.byObject(objectId))
        .compose(copies -> retract(authorId, copies, deletion));
  }

  /** The account deleted itself ({@code deletion} is its verified Delete): recorded as gone, then retracted. */
  public Future<Void> deleteAccount(String actorId, Verbatim deletion) {
    return actors.deleted(actorId).compose(news -> leaveAndRetract(actorId, deletion));
  }

  /**
   * The account's server answered 410 Gone for it (already recorded as gone): it leaves every community and its
   * re-shared posts are taken back as a moderator's removal would (there is no Delete of the author to forward).
   */
  public Future<Void> accountGone(String actorId) {
    return leaveAndRetract(actorId, null);
  }

  private Future<Void> leaveAndRetract(String actorId, Verbatim deletion) {
    return out.inTransaction(tx -> members.removeEverywhere(tx, actorId))
        .compose(left -> posts.byAuthor(actorId, MAX_POSTS_PER_ACCOUNT).compose(own -> {
          LOG.info("{} deleted their account: left {} communities, {} posts retracted", actorId, left, own.size());
          return retract(actorId, own, deletion);
        }));
  }

  private Future<Void> retract(String authorId, List<Post> copies, Verbatim deletion) {
    List<Future<Void>> work = new ArrayList<>();
    for (Post post : copies) {
      if (!post.authorId().equals(authorId) || post.deleted()) {
        continue;
      }
      work.add(communities.byId(post.communityId()).compose(c -> c.isEmpty() ? Future.succeededFuture()
          : out.inTransaction(tx -> retractOne(tx, c.get(), post, deletion))));
    }
    return Future.all(work).onSuccess(x -> out.deliveries().wake()).mapEmpty();
  }

  private Future<Void> retractOne(Tx tx, Community community, Post post, Verbatim deletion) {
    return posts.tombstone(tx, post.id())
        .compose(v -> posts.unpin(tx, community.id(), post.objectId()))
        .compose(v -> copies == null ? Future.succeededFuture(false) : copies.delete(tx, community, post.id()))
        .compose(copied -> copied ? Future.succeededFuture(0) // the copy's Delete went to the members (issue 17)
            : deletion == null ? out.outbound().removal(tx, community, post.objectId(), post.announceIri())
            : out.outbound().retract(tx, community, post.announceIri(), post.objectId(), deletion))
        .mapEmpty();
  }

  /** A private community's copies (issue 17), deleted with their originals; none until set at wiring. */
  private social.hearth.core.port.PrivateCopies copies;

  public void copies(social.hearth.core.port.PrivateCopies copies) {
    this.copies = copies;
  }

  /**
   * An undone like, known by its id or by actor and liked object ({@code undo} is the author's Undo): removed, and
   * forwarded to group-aware servers where the community announces likes.
   */
  public Future<Void> unlike(String likeId, String actorId, String likedObject, Verbatim undo) {
    // the community is read before the transaction opens: a transaction never waits for a second connection
    return posts.likeCommunity(likeId, actorId, likedObject)
        .compose(id -> id.isEmpty() ? Future.succeededFuture(Optional.<Community>empty()) : communities.byId(id.get()))
        .compose(c -> out.send(tx -> posts.deleteLike(tx, likeId, actorId, likedObject)
            .compose(removed -> removed.isEmpty() || c.isEmpty() || !c.get().announceLikes() || c.get().isPrivate()
                ? Future.<Void>succeededFuture()
                : out.outbound().forward(tx, c.get(), undo).mapEmpty())));
  }

  /** An Undo that names its activity only by id: it may be a like or a follow. */
  public Future<Void> undo(String activityId, String actorId, String likedObject, Verbatim undo) {
    return unlike(activityId, actorId, likedObject, undo).compose(v -> activityId == null ? Future.succeededFuture()
        : members.removeByFollow(actorId, activityId).mapEmpty());
  }
}
