package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.polls.Polls;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.vocab.Iris;

/**
 * Polls around the Create and Update listeners. A vote (Mastodon's: a Create of a Note with a {@code name}, replying
 * to one of our polls, from the voter's own origin) is counted by {@link Polls#vote} and goes nowhere else: it is
 * neither a post to re-share nor a direct message. A Question a member posts or updates goes through the listeners
 * as before; then its options and counts are kept for the pages ({@link Polls#received}).
 */
public final class PollListeners {

  private static final Logger LOG = LoggerFactory.getLogger(PollListeners.class);

  private final Uris uris;
  private final Polls polls;
  private final CreateListener posts;

  public PollListeners(Uris uris, Polls polls, CreateListener posts) {
    this.uris = uris;
    this.polls = polls;
    this.posts = posts;
  }

  /** Create: a vote is counted here; anything else goes to {@code others}, and a Question's counts are kept. */
  public ActivityListener create(ActivityListener others) {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return others.verify(in);
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        JsonNode object = in.activity().object();
        String actor = in.activity().actor();
        if (isVote(object, actor)) {
          String poll = Iris.iri(object.get("inReplyTo"));
          return polls.vote(poll, actor, object.get("name").asText(), in.activity().id()).map(outcome -> {
            LOG.info("vote by {} on {}: {}", actor, poll, outcome);
            return (Void) null;
          });
        }
        return others.receive(in).compose(v -> question(in));
      }
    };
  }

  /** Update: as before, then a Question's new counts are kept. */
  public ActivityListener update(ActivityListener others) {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return others.verify(in);
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        return others.receive(in).compose(v -> question(in));
      }
    };
  }

  /** A vote: a named Note from the actor's origin, attributed to it, answering a poll of ours. */
  boolean isVote(JsonNode object, String actor) {
    if (object == null || !object.isObject() || !"Note".equals(object.path("type").asText())
        || !object.path("name").isTextual()) {
      return false;
    }
    String objectId = Iris.iri(object.get("id"));
    String inReplyTo = Iris.iri(object.get("inReplyTo"));
    return uris.isPoll(inReplyTo) && actor.equals(Iris.iri(object.get("attributedTo")))
        && (objectId == null || Iris.sameOrigin(objectId, actor));
  }

  /** The options and counts of a Question the actor wrote, when the activity carried or names one. */
  private Future<Void> question(InboundActivity in) {
    JsonNode object = in.activity().object();
    String type = in.activity().objectType();
    if (object == null || !"Question".equals(type) || in.activity().objectId() == null) {
      return Future.succeededFuture();
    }
    String actor = in.activity().actor();
    return posts.resolveObject(object, in.activity().objectId(), actor).compose(json -> {
      if (!actor.equals(Iris.iri(json.get("attributedTo"))) || !Iris.sameOrigin(in.activity().objectId(), actor)) {
        return Future.<Void>succeededFuture();
      }
      return QuestionMapper.remote(json).map(polls::received).orElse(Future.succeededFuture());
    }).recover(e -> {
      LOG.info("the poll {} could not be read: {}", in.activity().objectId(), e.toString());
      return Future.succeededFuture();
    });
  }
}
