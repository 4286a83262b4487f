package social.hearth.apub;

import social.hearth.core.port.Tx;
import social.hearth.core.domain.Post;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.PostStore;
import social.hearth.core.domain.Community;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;

/**
 * Delete. Of a post, by its author: every community copy becomes a tombstone, Mastodon-family servers get an Undo of
 * the community's Announce and group-aware servers the Delete itself (FEP-1b12). Of an account, by itself: it
 * leaves every community and its re-shared posts are tombstoned the same way.
 */
public final class DeleteListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(DeleteListener.class);
  /** Bound on the posts retracted for one deleted account in one pass. */
  static final int MAX_POSTS_PER_ACCOUNT = 500;

  private final ListenerContext ctx;

  public DeleteListener(ListenerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String objectId = in.activity().objectId();
    if (objectId == null) {
      return Future.failedFuture(new Rejection(400, "Delete has no object"));
    }
    if (ctx.uris().isLocal(objectId)) {
      return Future.failedFuture(new Rejection(403, "a remote server cannot delete objects on this server"));
    }
    if (!social.hearth.federation.vocab.Normalizer.sameOrigin(objectId, in.activity().actor())) {
      return Future.failedFuture(new Rejection(403, "only the owner of an object may delete it"));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String actor = in.activity().actor();
    String objectId = in.activity().objectId();
    if (objectId.equals(actor)) {
      return deleteAccount(in, actor);
    }
    return ctx.posts().byObject(objectId).compose(copies -> retract(in, actor, copies));
  }

  private Future<Void> deleteAccount(InboundActivity in, String actor) {
    return social.hearth.db.PgTx.transactions(ctx.pool()).inTransaction(tx -> ctx.members().removeEverywhere(tx, actor))
        .compose(left -> ctx.posts().byAuthor(actor, MAX_POSTS_PER_ACCOUNT).compose(own -> {
          LOG.info("{} deleted their account: left {} communities, {} posts retracted", actor, left, own.size());
          return retract(in, actor, own);
        }));
  }

  private Future<Void> retract(InboundActivity in, String actor, List<Post> copies) {
    List<Future<Void>> work = new ArrayList<>();
    for (Post post : copies) {
      if (!post.authorId().equals(actor) || post.deleted()) {
        continue;
      }
      work.add(ctx.communities().byId(post.communityId()).compose(c -> c.isEmpty() ? Future.succeededFuture()
          : social.hearth.db.PgTx.transactions(ctx.pool()).inTransaction(tx -> retractOne(tx, c.get(), post, in))));
    }
    return Future.all(work).onSuccess(x -> ctx.delivery().wake()).mapEmpty();
  }

  private Future<Void> retractOne(Tx tx, Community community, Post post, InboundActivity in) {
    return ctx.posts().tombstone(tx, post.id())
        .compose(v -> ctx.posts().unpin(tx, community.id(), post.objectId()))
        .compose(v -> ctx.outbound().retract(tx, community, post.announceIri(), post.objectId(),
            new social.hearth.core.domain.Verbatim(in.activity().id(), in.json().toString())))
        .mapEmpty();
  }
}
