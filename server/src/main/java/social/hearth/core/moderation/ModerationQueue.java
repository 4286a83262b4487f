package social.hearth.core.moderation;

import social.hearth.core.audit.AuditLog;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.PostReader;
import social.hearth.core.port.PostStore;
import social.hearth.core.text.Html;
import social.hearth.core.community.Voice;

/**
 * The moderation queue: held items wait for a moderator to approve (published then) or decline (optionally telling
 * the author why).
 */
public final class ModerationQueue {

  private final ModerationItems items;
  private final Approvals publishing;
  private final PostReader reader;
  private final PostStore posts;
  private final AuditLog audit;
  private final ModerationOutbox outbox;

  public ModerationQueue(ModerationItems items, Approvals publishing, PostReader reader, PostStore posts, AuditLog audit,
                         ModerationOutbox outbox) {
    this.items = items;
    this.publishing = publishing;
    this.reader = reader;
    this.posts = posts;
    this.audit = audit;
    this.outbox = outbox;
  }

  /** The community's items in a state, oldest first, with their content sanitised. */
  public Future<List<QueueItem>> list(long communityId, String state, int limit) {
    return items.list(communityId, state, limit).map(list -> list.stream()
        .map(i -> new QueueItem(i.id(), i.kind(), i.objectId(), i.authorId(), Html.sanitize(i.content()), i.summary(),
            i.reasons(), i.state(), i.createdAt(), i.decidedBy()))
        .toList());
  }

  private Future<ModerationItems.Stored> held(Community c, long itemId) {
    return items.find(c.id(), itemId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("no such item in this community's queue"));
      }
      ModerationItems.Stored item = found.get();
      if (!item.state().equals("held")) {
        return Future.failedFuture(CoreException.conflict("this item was already decided (" + item.state() + ")"));
      }
      return Future.succeededFuture(item);
    });
  }

  /** Approves a held item: it is published now, exactly as if the filters had let it through. */
  public Future<Void> approve(Community c, long itemId, String byWhom) {
    if (c.archived()) {
      // an archived community publishes nothing; its held items can still be declined
      return Future.failedFuture(CoreException.conflict(
          "this community is archived and publishes nothing: unarchive it to approve held items"));
    }
    return held(c, itemId).compose(item -> items.decide(item.id(), "approved", byWhom).compose(won -> {
      if (!won) {
        return Future.failedFuture(CoreException.conflict("this item was just decided by someone else"));
      }
      return publish(c, item).compose(v -> audit.record(c.id(), byWhom, "queue.approve", item.objectId(), null, null,
          AuditLog.detail("item", item.id())));
    }));
  }

  /**
   * Overturns a filter's refusal: the refused post (or update, or like) is published now, as an approval would have
   * published it, and the decision is recorded in the audit log with the reasons it had been refused for.
   */
  public Future<Void> overturn(Community c, long itemId, String byWhom) {
    return items.find(c.id(), itemId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("no such item in this community's queue"));
      }
      ModerationItems.Stored item = found.get();
      if (!item.state().equals("rejected")) {
        return Future.failedFuture(CoreException.conflict("only a post a filter refused can be overturned (this one is "
            + item.state() + ")"));
      }
      return items.overturn(item.id(), byWhom).compose(won -> {
        if (!won) {
          return Future.failedFuture(CoreException.conflict("this item was just decided by someone else"));
        }
        return publish(c, item).compose(v -> audit.record(c.id(), byWhom, "queue.overturn", item.objectId(), null, null,
            AuditLog.detail("item", item.id(), "kind", item.kind())));
      });
    });
  }

  private Future<Void> publish(Community c, ModerationItems.Stored item) {
    Verbatim activity = item.activity();
    if (item.kind().equals("like")) {
      return publishing.like(c, activity.id(), item.objectId(), item.authorId(), activity);
    }
    Optional<ReceivedPost> read = item.object() == null ? Optional.empty() : reader.read(item.object());
    if (read.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("stored item " + item.id() + " is unreadable"));
    }
    ReceivedPost post = read.get();
    if (item.kind().equals("post")) {
      return publishing.publish(c, post, activity);
    }
    return posts.inCommunity(c.id(), post.id()).compose(copy -> copy.isEmpty() || copy.get().deleted()
        ? Future.succeededFuture() : publishing.update(c, copy.get(), post, activity));
  }

  /**
   * Declines a held item. With a {@code notice}, the author gets it as a direct message from the community: a
   * rejection notice saying why.
   */
  public Future<Void> decline(Community c, long itemId, String notice, String byWhom) {
    if (notice != null && notice.length() > 1000) {
      return Future.failedFuture(CoreException.badRequest("a rejection notice may have at most 1000 characters"));
    }
    return held(c, itemId).compose(item -> items.decide(item.id(), "declined", byWhom).compose(won -> {
      if (!won) {
        return Future.failedFuture(CoreException.conflict("this item was just decided by someone else"));
      }
      Future<Void> told = notice == null || notice.isBlank() ? Future.succeededFuture()
          : outbox.message(c, item.authorId(), lang -> Voice.standard().paragraph(lang, "decline.notice", c.name())
              + "<p>" + Html.escape(notice.strip()) + "</p>" + (item.objectId() == null ? ""
              : "<p><a href=\"" + Html.escape(item.objectId()) + "\">" + Html.escape(item.objectId()) + "</a></p>"),
              "rejection", item.objectId());
      return told.compose(v -> audit.record(c.id(), byWhom, "queue.reject", item.objectId(), notice, null,
          AuditLog.detail("item", item.id(), "noticeSent", notice != null && !notice.isBlank())));
    }));
  }
}
