package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.moderation.DomainNames;
import social.hearth.core.moderation.Submission;
import social.hearth.core.publishing.PostIntake;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Actor;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;

/**
 * Update. Of an actor: only the actor itself may send it, and its document (with any new key) is refetched from its
 * origin rather than taken from the activity. Of a post: only its author; {@link PostIntake#revise} updates every
 * community copy and forwards the Update to group-aware servers.
 */
public final class UpdateListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateListener.class);

  private final Uris uris;
  private final RemoteActors actors;
  private final CreateListener posts;
  private final PostIntake intake;

  public UpdateListener(Uris uris, RemoteActors actors, CreateListener posts, PostIntake intake) {
    this.uris = uris;
    this.actors = actors;
    this.posts = posts;
    this.intake = intake;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String objectId = in.activity().objectId();
    if (objectId == null) {
      return Future.failedFuture(new Rejection(400, "Update has no object"));
    }
    if (uris.isLocal(objectId)) {
      return Future.failedFuture(new Rejection(403, "a remote server cannot update objects on this server"));
    }
    if (!Iris.sameOrigin(objectId, in.activity().actor())) {
      return Future.failedFuture(new Rejection(403, "only the owner of an object may update it"));
    }
    JsonNode object = in.activity().object();
    if (isActor(in)) {
      if (!objectId.equals(in.activity().actor())) {
        return Future.failedFuture(new Rejection(403, "an actor may only update itself"));
      }
    } else if (object.isObject()) {
      String author = Iris.iri(object.get("attributedTo"));
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
      return actors.refresh(actor).map(a -> {
        LOG.info("refreshed {} after its Update", actor);
        return null;
      });
    }
    String objectId = in.activity().objectId();
    return intake.revise(actor, objectId, in.activity().id(), () -> posts.resolveObject(in.activity().object(), objectId, actor)
        .compose(json -> revision(json, actor, objectId)), InboundMapper.verbatim(in.json()));
  }

  /** The updated post, when it is the actor's own post under the id the Update named. */
  private static Future<Optional<PostIntake.Revision>> revision(JsonNode json, String actor, String objectId) {
    ApObject post;
    try {
      post = Normalizer.object(json);
    } catch (InvalidActivityException e) {
      return Future.failedFuture(new IllegalArgumentException("updated post is invalid: " + e.getMessage()));
    }
    if (!actor.equals(post.attributedTo()) || !objectId.equals(post.id())) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(Optional.of(new PostIntake.Revision(InboundMapper.post(post, json),
        SubmissionMapper.submission(Submission.Kind.UPDATE, post, json, DomainNames.hostOf(actor)))));
  }
}
