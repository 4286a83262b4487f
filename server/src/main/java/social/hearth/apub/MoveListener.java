package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.membership.Membership;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;

/**
 * Move of an account to a new one. Only the account itself may announce its move, and the move is honoured only
 * when the new account, fetched from its own origin, lists the old one in {@code alsoKnownAs}; then
 * {@link Membership#move} carries memberships and bans over.
 */
public final class MoveListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(MoveListener.class);

  private final Uris uris;
  private final RemoteActors actors;
  private final Membership membership;

  public MoveListener(Uris uris, RemoteActors actors, Membership membership) {
    this.uris = uris;
    this.actors = actors;
    this.membership = membership;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String actor = in.activity().actor();
    String object = in.activity().objectId();
    String target = in.activity().target();
    if (object == null || !object.equals(actor)) {
      return Future.failedFuture(new Rejection(403, "an account may only move itself"));
    }
    if (target == null || target.equals(actor)) {
      return Future.failedFuture(new Rejection(400, "Move needs a target other than the account itself"));
    }
    try {
      Iris.checkHttpIri(target, "target");
    } catch (InvalidActivityException e) {
      return Future.failedFuture(new Rejection(400, e.getMessage()));
    }
    if (uris.isLocal(target)) {
      return Future.failedFuture(new Rejection(403, "cannot move to an account on this server"));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String from = in.activity().actor();
    String to = in.activity().target();
    return actors.refreshDocument(to).compose(doc -> {
      if (!doc.alsoKnownAs().contains(from)) {
        LOG.info("ignoring Move of {} to {}: the target does not list it in alsoKnownAs", from, to);
        return Future.succeededFuture();
      }
      return membership.move(from, to);
    });
  }
}
