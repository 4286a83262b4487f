package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.events.Rsvps;
import social.hearth.core.text.Html;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Iris;

/**
 * Answers to the community's events from other servers, each turned into one {@link Rsvps} call: {@code Join} and
 * {@code Leave} of an event (Mobilizon, Gancio...), {@code Undo{Join}} (around the Undo listener), and a reply to an
 * event that says "going" or "can't" (around the Create listener: how a Mastodon member answers from their app; any
 * other reply goes on as a reply).
 */
public final class EventListeners {

  private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);

  private final Uris uris;
  private final Rsvps rsvps;

  public EventListeners(Uris uris, Rsvps rsvps) {
    this.uris = uris;
    this.rsvps = rsvps;
  }

  /** Whether an IRI can name one of our events ({@code /c/{slug}/events/{key}}). */
  boolean eventIri(String iri) {
    return iri != null && uris.isLocal(iri) && iri.startsWith(uris.base() + "/c/")
        && iri.substring(uris.base().length()).matches("/c/[a-z0-9_.-]+/events/[a-z0-9]{1,20}");
  }

  /** Join{object: event}: Accept, Reject, or held for staff. */
  public ActivityListener join() {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return eventIri(in.activity().objectId()) ? Future.succeededFuture()
            : Future.failedFuture(new Rejection(404, "Join of something that is not an event here"));
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        return rsvps.join(in.activity().objectId(), in.activity().actor(), in.activity().id()).mapEmpty();
      }
    };
  }

  /** Leave{object: event}: off the list. */
  public ActivityListener leave() {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return eventIri(in.activity().objectId()) ? Future.succeededFuture()
            : Future.failedFuture(new Rejection(404, "Leave of something that is not an event here"));
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        return rsvps.leave(in.activity().objectId(), in.activity().actor()).mapEmpty();
      }
    };
  }

  /** Undo{Join{object: event}} takes the person off the list; every other Undo goes to {@code next}. */
  public ActivityListener undo(ActivityListener next) {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return undoneJoin(in) != null ? Future.succeededFuture() : next.verify(in);
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        String event = undoneJoin(in);
        return event == null ? next.receive(in) : rsvps.leave(event, in.activity().actor()).mapEmpty();
      }
    };
  }

  /** The event of an Undo{Join} by the Join's own actor, or null. */
  private String undoneJoin(InboundActivity in) {
    JsonNode inner = in.activity().object();
    if (inner == null || !inner.isObject() || !"Join".equals(inner.path("type").asText())) {
      return null;
    }
    String actor = Iris.iri(inner.get("actor"));
    String event = Iris.iri(inner.get("object"));
    return in.activity().actor().equals(actor) && eventIri(event) ? event : null;
  }

  /**
   * A Create of a reply to one of our events that says "going" or "can't" is an answer ({@link Rsvps#reply}); every
   * other Create goes to {@code next} as before.
   */
  public ActivityListener replies(ActivityListener next) {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return next.verify(in);
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        JsonNode note = in.activity().object();
        if (note == null || !note.isObject()) {
          return next.receive(in);
        }
        String inReplyTo = Iris.iri(note.get("inReplyTo"));
        String id = Iris.iri(note.get("id"));
        String actor = in.activity().actor();
        if (!eventIri(inReplyTo) || id == null || !actor.equals(Iris.iri(note.get("attributedTo")))
            || !Iris.sameOrigin(id, actor)) {
          return next.receive(in);
        }
        String text = Html.text(note.path("content").asText(""));
        return rsvps.reply(inReplyTo, actor, id, text).compose(outcome -> {
          if (outcome == Rsvps.Outcome.NOT_AN_RSVP) {
            return next.receive(in);
          }
          LOG.debug("{} answered {} by a reply: {}", actor, inReplyTo, outcome);
          return Future.succeededFuture();
        });
      }
    };
  }
}
