package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.MemberStore;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.services.CommunityService;

/**
 * Undo. An Undo{Follow} ends the membership; it is matched by the embedded follower and community, or by the
 * Follow's id when only the id is given. Only the Follow's own actor may undo it.
 */
public final class UndoListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(UndoListener.class);

  private final Uris uris;
  private final CommunityService communities;
  private final MemberStore members;

  public UndoListener(Uris uris, CommunityService communities, MemberStore members) {
    this.uris = uris;
    this.communities = communities;
    this.members = members;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    JsonNode object = in.activity().object();
    if (object == null || object.isNull()) {
      return Future.failedFuture(new Rejection(400, "Undo has no object"));
    }
    if (object.isObject()) {
      String innerActor = Normalizer.iri(object.get("actor"));
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
    if (object.isObject() && "Follow".equals(Normalizer.type(object))) {
      String slug = uris.communitySlug(Normalizer.iri(object.get("object"))).orElse(null);
      if (slug != null) {
        return communities.bySlug(slug).compose(c -> c.isEmpty() ? Future.succeededFuture()
            : members.remove(c.get().id(), actor).map(removed -> {
              if (removed) {
                LOG.info("{} left {}", actor, slug);
              }
              return null;
            }));
      }
    }
    String followId = Normalizer.iri(object);
    return followId == null ? Future.succeededFuture() : members.removeByFollow(actor, followId).mapEmpty();
  }
}
