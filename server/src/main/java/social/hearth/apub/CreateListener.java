package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.moderation.DomainNames;
import social.hearth.core.moderation.Submission;
import social.hearth.core.publishing.PostIntake;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;

/**
 * Create of a post (Note, Page, Article, Question) by its author: the post is taken from the activity when it comes
 * from the author's own origin (otherwise fetched from its origin) and handed to {@link PostIntake#accept}, which
 * decides which communities re-share it.
 */
public final class CreateListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(CreateListener.class);

  private final Uris uris;
  private final ActivityPubFetcher fetcher;
  private final PostIntake intake;

  public CreateListener(Uris uris, ActivityPubFetcher fetcher, PostIntake intake) {
    this.uris = uris;
    this.fetcher = fetcher;
    this.intake = intake;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    JsonNode object = in.activity().object();
    if (object == null || !(object.isObject() || object.isTextual())) {
      return Future.failedFuture(new Rejection(400, "Create has no object"));
    }
    String objectId = in.activity().objectId();
    if (objectId == null) {
      return Future.failedFuture(new Rejection(400, "the created object has no id"));
    }
    if (uris.isLocal(objectId)) {
      return Future.failedFuture(new Rejection(403, "a remote server cannot create objects on this server"));
    }
    if (object.isObject() && Iris.sameOrigin(objectId, in.activity().actor())) {
      String author = Iris.iri(object.get("attributedTo"));
      if (author != null && !author.equals(in.activity().actor())) {
        return Future.failedFuture(new Rejection(403, "the object is attributed to someone other than the activity's actor"));
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    return resolveObject(in.activity().object(), in.activity().objectId(), in.activity().actor())
        .compose(json -> acceptPost(json, in.activity().actor(), in.json(), in.recipient()));
  }

  /** The embedded object when it comes from the actor's own origin; otherwise it is fetched from its origin. */
  Future<JsonNode> resolveObject(JsonNode object, String objectId, String actor) {
    if (object.isObject() && Iris.sameOrigin(objectId, actor)) {
      return Future.succeededFuture(object);
    }
    return fetcher.fetch(objectId);
  }

  /**
   * A post written by {@code actor}, originally carried by {@code original}, for the communities it is addressed to
   * (only {@code recipient}'s when it came to one community's inbox).
   */
  Future<Void> acceptPost(JsonNode json, String actor, JsonNode original, String recipient) {
    ApObject post;
    try {
      post = Normalizer.object(json);
    } catch (InvalidActivityException e) {
      LOG.info("ignoring a post from {}: {}", actor, e.getMessage());
      return Future.succeededFuture();
    }
    if (!ApObject.TYPES.contains(post.type()) || !actor.equals(post.attributedTo())
        || !Iris.sameOrigin(post.id(), actor)) {
      return Future.succeededFuture();
    }
    return intake.accept(InboundMapper.post(post, json), InboundMapper.addressing(post, recipient, uris),
        SubmissionMapper.submission(Submission.Kind.POST, post, json, DomainNames.hostOf(actor)),
        InboundMapper.verbatim(original));
  }
}
