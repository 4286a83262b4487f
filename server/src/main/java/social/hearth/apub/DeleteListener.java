package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import io.vertx.core.Future;
import social.hearth.core.publishing.Retractions;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Normalizer;

/**
 * Delete. Of a post, by its author ({@link Retractions#deletePost}); of an account, by itself
 * ({@link Retractions#deleteAccount}). Only the owner of an object may delete it.
 */
public final class DeleteListener implements ActivityListener {

  private final Uris uris;
  private final Retractions retractions;

  public DeleteListener(Uris uris, Retractions retractions) {
    this.uris = uris;
    this.retractions = retractions;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String objectId = in.activity().objectId();
    if (objectId == null) {
      return Future.failedFuture(new Rejection(400, "Delete has no object"));
    }
    if (uris.isLocal(objectId)) {
      return Future.failedFuture(new Rejection(403, "a remote server cannot delete objects on this server"));
    }
    if (!Iris.sameOrigin(objectId, in.activity().actor())) {
      return Future.failedFuture(new Rejection(403, "only the owner of an object may delete it"));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String actor = in.activity().actor();
    String objectId = in.activity().objectId();
    if (objectId.equals(actor)) {
      return retractions.deleteAccount(actor, InboundMapper.verbatim(in));
    }
    return retractions.deletePost(actor, objectId, InboundMapper.verbatim(in));
  }
}
