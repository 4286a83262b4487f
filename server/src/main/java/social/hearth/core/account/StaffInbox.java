package social.hearth.core.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.ReceivedMention;
import social.hearth.core.domain.StaffMention;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.DeletedObjects;
import social.hearth.core.port.StaffInboxStore;
import social.hearth.core.text.Html;

/**
 * What staff accounts receive from elsewhere: only replies and mentions addressed to them, kept for their inbox page
 * with their HTML sanitised once. Staff have no timeline: anything else sent to a Person is never stored.
 */
public final class StaffInbox {

  private static final Logger LOG = LoggerFactory.getLogger(StaffInbox.class);
  /** The most accounts one post is stored for (a post naming every staff account is still stored once each). */
  static final int MAX_RECIPIENTS = 50;
  /** Stored HTML beyond this many characters is the post's preview instead. */
  static final int MAX_HTML = 50_000;
  public static final int PAGE = 30;

  private final Vertx vertx;
  private final AccountStore accounts;
  private final StaffInboxStore store;
  private final DeletedObjects deleted;

  public StaffInbox(Vertx vertx, AccountStore accounts, StaffInboxStore store, DeletedObjects deleted) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.store = store;
    this.deleted = deleted;
  }

  /** A post for the staff accounts {@code usernames} (those that exist take it; a post its author deleted is dropped). */
  public Future<Void> receive(ReceivedMention mention, Set<String> usernames) {
    if (usernames.isEmpty()) {
      return Future.succeededFuture();
    }
    return deleted.deletedBy(mention.objectId(), mention.authorId()).compose(gone -> {
      if (gone) {
        return Future.<Void>succeededFuture();
      }
      List<Future<Long>> ids = new ArrayList<>();
      usernames.stream().limit(MAX_RECIPIENTS).forEach(u ->
          ids.add(accounts.byUsername(u).map(a -> a.map(x -> x.id()).orElse(null))));
      return Future.all(ids).compose(all -> {
        List<Long> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          if (all.resultAt(i) != null) {
            found.add(all.resultAt(i));
          }
        }
        if (found.isEmpty()) {
          return Future.succeededFuture();
        }
        LOG.debug("{} for staff {}", mention.objectId(), found);
        return sanitized(mention.content()).compose(html -> store.store(found, mention, html));
      });
    });
  }

  /** The author edited a post staff received: the stored copies take the new content. */
  public Future<Boolean> revised(ReceivedMention mention) {
    return sanitized(mention.content()).compose(html -> store.revise(mention.objectId(), mention.authorId(),
        mention.summary(), html));
  }

  /** The author deleted a post: it leaves every staff inbox. */
  public Future<Void> deleted(String objectId, String authorId) {
    return store.remove(objectId, authorId);
  }

  /** The account's newest replies and mentions, older than {@code before} when given. */
  public Future<List<StaffMention>> page(long accountId, Long before) {
    return store.page(accountId, before, PAGE);
  }

  public Future<Long> unread(long accountId) {
    return store.unread(accountId);
  }

  public Future<Void> markRead(long accountId, long upTo) {
    return store.markRead(accountId, upTo);
  }

  /** Remote HTML made safe once, off the event loop (a large post takes a while). */
  private Future<String> sanitized(String content) {
    return vertx.executeBlocking(() -> {
      Html.Rendered r = Html.render(content);
      return r.html().length() <= MAX_HTML ? r.html() : r.preview();
    }, false);
  }
}
