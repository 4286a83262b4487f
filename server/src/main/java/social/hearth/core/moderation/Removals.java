package social.hearth.core.moderation;

import social.hearth.core.audit.AuditLog;
import io.vertx.core.Future;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.port.PostStore;

/** A moderator's removal of a re-shared post. */
public final class Removals {

  private final PostStore posts;
  private final AuditLog audit;
  private final ModerationOutbox outbox;

  public Removals(PostStore posts, AuditLog audit, ModerationOutbox outbox) {
    this.posts = posts;
    this.audit = audit;
    this.outbox = outbox;
  }

  /** A private community's copies (issue 17), deleted when a moderator removes their originals; none until set. */
  private social.hearth.core.port.PrivateCopies copies;

  public void copies(social.hearth.core.port.PrivateCopies copies) {
    this.copies = copies;
  }

  /**
   * Removes a re-shared post: a tombstone here, Undo{Announce} to Mastodon-family servers, Announce{Delete} to
   * group-aware ones. It no longer appears anywhere in Hearth.
   */
  public Future<Void> removePost(Community c, String objectId, String reason, String byWhom) {
    return posts.inCommunity(c.id(), objectId).compose(post -> {
      if (post.isEmpty() || post.get().deleted()) {
        return Future.failedFuture(CoreException.notFound("the community has no such post"));
      }
      Post p = post.get();
      return outbox.inTransaction(tx -> posts.tombstone(tx, p.id())
          .compose(v -> posts.unpin(tx, c.id(), objectId))
          .compose(v -> copies == null ? Future.succeededFuture(false) : copies.delete(tx, c, p.id()))
          .compose(copied -> copied ? Future.succeededFuture(0) // a private community's copy deleted (issue 17)
              : outbox.outbound().removal(tx, c, objectId, p.announceIri()))
          .compose(v -> audit.record(tx, c.id(), byWhom, "post.remove", objectId, reason, null, AuditLog.detail("author", p.authorId()))));
    });
  }
}
