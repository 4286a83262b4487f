package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Normalizer;

/**
 * Undo. Only the actor of the undone activity may undo it. Undo{Follow} ends the membership (matched by follower and
 * community, or by the Follow's id); Undo{Like} removes the like and, where the community announces likes, is
 * forwarded to group-aware servers.
 */
public final class UndoListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(UndoListener.class);

  private final ListenerContext ctx;

  public UndoListener(ListenerContext ctx) {
    this.ctx = ctx;
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
    String innerType = object.isObject() ? Normalizer.type(object) : null;
    String innerId = Normalizer.iri(object);
    if ("Follow".equals(innerType)) {
      String slug = ctx.uris().communitySlug(Normalizer.iri(object.get("object"))).orElse(null);
      if (slug != null) {
        return ctx.communities().bySlug(slug).compose(c -> c.isEmpty() ? Future.succeededFuture()
            : ctx.members().remove(c.get().id(), actor).map(removed -> {
              if (removed) {
                LOG.info("{} left {}", actor, slug);
              }
              return null;
            }));
      }
    }
    if ("Like".equals(innerType) || innerType == null) {
      String likedObject = object.isObject() ? Normalizer.iri(object.get("object")) : null;
      // the community is read before the transaction opens: a transaction never waits for a second connection
      Future<Void> like = ctx.posts().likeCommunity(innerId, actor, likedObject)
          .compose(id -> id.isEmpty() ? Future.succeededFuture(Optional.<Community>empty())
              : ctx.communities().byId(id.get()))
          .compose(c -> social.hearth.db.PgTx.transactions(ctx.pool()).inTransaction(tx -> ctx.posts().deleteLike(tx, innerId, actor, likedObject)
              .compose(removed -> removed.isEmpty() || c.isEmpty() || !c.get().announceLikes() ? Future.<Void>succeededFuture()
                  : ctx.outbound().forward(tx, c.get(), new social.hearth.core.domain.Verbatim(in.activity().id(), in.json().toString())).mapEmpty())))
          .onSuccess(v -> ctx.delivery().wake());
      if ("Like".equals(innerType)) {
        return like;
      }
      // only an id: it may name a Follow or a Like
      return like.compose(v -> innerId == null ? Future.succeededFuture()
          : ctx.members().removeByFollow(actor, innerId).mapEmpty());
    }
    LOG.debug("ignoring Undo of {} from {}", innerType, actor);
    return Future.succeededFuture();
  }
}
