package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.membership.Membership;
import social.hearth.core.publishing.Retractions;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Normalizer;

/**
 * Undo. Only the actor of the undone activity may undo it. Undo{Follow} ends the membership
 * ({@link Membership#leave}); Undo{Like} and Undo{EmojiReact} remove the like ({@link Retractions#unlike}); an Undo
 * that names its
 * activity only by id may mean either ({@link Retractions#undo}).
 */
public final class UndoListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(UndoListener.class);

  private final Uris uris;
  private final Membership membership;
  private final Retractions retractions;

  public UndoListener(Uris uris, Membership membership, Retractions retractions) {
    this.uris = uris;
    this.membership = membership;
    this.retractions = retractions;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    JsonNode object = in.activity().object();
    if (object == null || object.isNull()) {
      return Future.failedFuture(new Rejection(400, "Undo has no object"));
    }
    if (object.isObject()) {
      String innerActor = Iris.iri(object.get("actor"));
      if (innerActor != null && !innerActor.equals(in.activity().actor())) {
        return Future.failedFuture(new Rejection(403, "only the actor of an activity may undo it"));
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    JsonNode object = in.activity().object();
    String actor = in.activity().actor();
    String innerType = object.isObject() ? Normalizer.type(object) : null;
    String innerId = Iris.iri(object);
    if ("Follow".equals(innerType)) {
      String slug = uris.communitySlug(Iris.iri(object.get("object"))).orElse(null);
      if (slug != null) {
        return membership.leave(slug, actor);
      }
    }
    if ("Like".equals(innerType) || "EmojiReact".equals(innerType) || innerType == null) {
      // an EmojiReact was recorded as a like (PostIntake.like), so its Undo takes the like back
      String likedObject = object.isObject() ? Iris.iri(object.get("object")) : null;
      return innerType != null ? retractions.unlike(innerId, actor, likedObject, InboundMapper.verbatim(in))
          : retractions.undo(innerId, actor, likedObject, InboundMapper.verbatim(in));
    }
    LOG.debug("ignoring Undo of {} from {}", innerType, actor);
    return Future.succeededFuture();
  }
}
