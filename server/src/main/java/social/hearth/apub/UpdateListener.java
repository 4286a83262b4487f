package social.hearth.apub;

import social.hearth.core.domain.Post;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.PostStore;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Actor;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;

/**
 * Update. Of an actor: only the actor itself may send it, and its document (with any new key) is refetched from its
 * origin rather than taken from the activity. Of a post: only its author; every community copy is updated and the
 * Update is forwarded to group-aware servers.
 */
public final class UpdateListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateListener.class);

  private final ListenerContext ctx;
  private final CreateListener posts;

  public UpdateListener(ListenerContext ctx, CreateListener posts) {
    this.ctx = ctx;
    this.posts = posts;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String objectId = in.activity().objectId();
    if (objectId == null) {
      return Future.failedFuture(new Rejection(400, "Update has no object"));
    }
    if (ctx.uris().isLocal(objectId)) {
      return Future.failedFuture(new Rejection(403, "a remote server cannot update objects on this server"));
    }
    if (!Normalizer.sameOrigin(objectId, in.activity().actor())) {
      return Future.failedFuture(new Rejection(403, "only the owner of an object may update it"));
    }
    JsonNode object = in.activity().object();
    if (isActor(in)) {
      if (!objectId.equals(in.activity().actor())) {
        return Future.failedFuture(new Rejection(403, "an actor may only update itself"));
      }
    } else if (object.isObject()) {
      String author = Normalizer.iri(object.get("attributedTo"));
      if (author != null && !author.equals(in.activity().actor())) {
        return Future.failedFuture(new Rejection(403, "only the author of a post may update it"));
      }
    }
    return Future.succeededFuture();
  }

  private static boolean isActor(InboundActivity in) {
    String type = in.activity().objectType();
    return type != null ? Actor.TYPES.contains(type) : in.activity().objectId().equals(in.activity().actor());
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String actor = in.activity().actor();
    if (isActor(in)) {
      return ctx.actors().refresh(actor).map(a -> {
        LOG.info("refreshed {} after its Update", actor);
        return null;
      });
    }
    String objectId = in.activity().objectId();
    return ctx.posts().byObject(objectId).compose(copies -> {
      if (copies.isEmpty()) {
        return Future.succeededFuture();
      }
      return posts.resolveObject(in.activity().object(), objectId, actor).compose(json -> {
        ApObject post;
        try {
          post = Normalizer.object(json);
        } catch (InvalidActivityException e) {
          return Future.failedFuture(new IllegalArgumentException("updated post is invalid: " + e.getMessage()));
        }
        if (!actor.equals(post.attributedTo()) || !objectId.equals(post.id())) {
          return Future.succeededFuture();
        }
        List<Future<Void>> work = new ArrayList<>();
        for (Post copy : copies) {
          if (!copy.authorId().equals(actor)) {
            continue;
          }
          work.add(ctx.communities().byId(copy.communityId()).compose(c -> {
            if (c.isEmpty()) {
              return Future.succeededFuture();
            }
            var submission = SubmissionMapper.submission(social.hearth.core.moderation.Submission.Kind.UPDATE,
                post, json, social.hearth.core.moderation.DomainNames.hostOf(actor));
            return ctx.moderation().review(c.get(), submission, in.activity().id(), objectId, InboundMapper.verbatim(in.json()),
                    InboundMapper.post(post, json).object())
                .compose(review -> review.accepted() ? ctx.publishing().update(c.get(), copy, InboundMapper.post(post, json), InboundMapper.verbatim(in.json()))
                    : Future.<Void>succeededFuture());
          }));
        }
        return Future.all(work).mapEmpty();
      });
    });
  }
}
