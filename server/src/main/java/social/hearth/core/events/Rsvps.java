package social.hearth.core.events;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Attendee;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.Actors;
import social.hearth.core.port.EventStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;

/**
 * Answers to the community's events, from anywhere. A {@code Join} (Mobilizon, Gancio...) is answered with
 * {@code Accept}, or {@code Reject} when the event is full, cancelled or for members only and the person is not one;
 * an approval event holds it for staff. {@code Leave} and {@code Undo{Join}} take the person off the list. A member
 * on a Mastodon-family server answers by replying to the event with "going" or "can't" (en, ru: {@link #intent}):
 * the same decision, answered by a direct message in their language. The event's row is locked while an answer is
 * decided, so the capacity holds however many answers arrive at once.
 */
public final class Rsvps {

  private static final Logger LOG = LoggerFactory.getLogger(Rsvps.class);

  /** What a person's answer led to. */
  public enum Outcome { GOING, PENDING, FULL, NOT_ALLOWED, CANCELLED, LEFT, NOT_AN_RSVP }

  /** What a reply says. */
  public enum Intent { GOING, NOT_GOING }

  /** A reply longer than this is a comment, not an answer. */
  static final int MAX_REPLY = 60;
  private static final Set<String> GOING = Set.of("going", "i'm going", "im going", "i am going", "yes", "count me in",
      "attending", "i'll be there", "ill be there", "иду", "я иду", "пойду", "я пойду", "буду", "я буду", "да",
      "приду", "я приду");
  private static final Set<String> NOT_GOING = Set.of("can't", "cant", "can't go", "can't come", "cannot", "not going",
      "i can't", "no", "not coming", "не иду", "не пойду", "не смогу", "не могу", "нет", "не приду", "не буду");

  private final TransactionalOutbox out;
  private final EventStore store;
  private final Events events;
  private final CommunityService communities;
  private final MemberStore members;
  private final Actors actors;
  private final AuditLog audit;

  public Rsvps(TransactionalOutbox out, EventStore store, Events events, CommunityService communities,
               MemberStore members, Actors actors, AuditLog audit) {
    this.out = out;
    this.store = store;
    this.events = events;
    this.communities = communities;
    this.members = members;
    this.actors = actors;
    this.audit = audit;
  }

  /**
   * What a reply's text says, its mentions and punctuation left out: "going" / "иду" or "can't" / "не смогу"; empty
   * for anything else (a comment on the event).
   */
  public static Optional<Intent> intent(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.replace('\u2019', '\'').toLowerCase(Locale.ROOT).replaceAll("(^|\\s)@[^\\s]+", " ")
        .replaceAll("[!.,;:?\u00a1\u00bf\"()*_~]+", " ").replaceAll("[\\p{So}\\p{Sk}]", " ")
        .replaceAll("\\s+", " ").strip();
    if (t.isEmpty() || t.length() > MAX_REPLY) {
      return Optional.empty();
    }
    if (NOT_GOING.contains(t)) {
      return Optional.of(Intent.NOT_GOING);
    }
    return GOING.contains(t) ? Optional.of(Intent.GOING) : Optional.empty();
  }

  /** Whether an IRI names one of the community's events here. */
  public Future<Optional<Event>> event(String iri) {
    return store.byIri(iri);
  }

  /** A Join of the event {@code eventIri} by {@code actorId} ({@code joinId}: the activity, answered by Accept or Reject). */
  public Future<Outcome> join(String eventIri, String actorId, String joinId) {
    return answer(eventIri, actorId, joinId, "join");
  }

  /** A Leave or Undo{Join}: the person is taken off the list. */
  public Future<Outcome> leave(String eventIri, String actorId) {
    return context(eventIri).compose(ctx -> ctx == null ? Future.succeededFuture(Outcome.NOT_AN_RSVP)
        : out.send(tx -> store.lock(tx, eventIri).map(Optional::orElseThrow)
            .compose(e -> store.removeAttendee(tx, e.id(), actorId))
            .map(removed -> Outcome.LEFT)));
  }

  /**
   * A reply to the event from a Mastodon-family server: "going" answers like a Join, "can't" like a Leave, each
   * confirmed by a direct message; anything else is {@link Outcome#NOT_AN_RSVP} and left to the usual handling.
   */
  public Future<Outcome> reply(String eventIri, String actorId, String noteId, String text) {
    Optional<Intent> intent = intent(text);
    if (intent.isEmpty()) {
      return Future.succeededFuture(Outcome.NOT_AN_RSVP);
    }
    if (intent.get() == Intent.GOING) {
      return answer(eventIri, actorId, noteId, "reply");
    }
    return context(eventIri).compose(ctx -> ctx == null ? Future.succeededFuture(Outcome.NOT_AN_RSVP)
        : actors.get(actorId).compose(who -> out.send(tx -> store.lock(tx, eventIri).map(Optional::orElseThrow)
            .compose(e -> store.removeAttendee(tx, e.id(), actorId).compose(removed -> out.outbound().directMessage(tx,
                ctx, who, events.texts().message(ctx, e, who, "event.left"), "event", noteId,
                events.texts().languageFor(ctx, who))))
            .map(Outcome.LEFT))));
  }

  /** Staff accept or refuse a person waiting for an approval event. */
  public Future<Outcome> decide(Community c, String key, String actorId, boolean accept, String by) {
    return events.get(c, key).compose(before -> actors.get(actorId).compose(who -> out.send(tx ->
        store.lock(tx, before.iri()).map(Optional::orElseThrow).compose(e -> store.attendees(tx, e.id()).compose(list -> {
          Attendee a = list.stream().filter(x -> x.actorId().equals(actorId)).findFirst().orElse(null);
          if (a == null || a.state() != Attendee.State.PENDING) {
            return Future.failedFuture(CoreException.conflict(actorId + " is not waiting for an answer"));
          }
          if (accept && e.full()) {
            return Future.failedFuture(CoreException.conflict("the event is full"));
          }
          Future<?> changed = accept
              ? store.putAttendee(tx, e.id(), actorId, Attendee.State.GOING, a.requestId(), a.via())
              : store.removeAttendee(tx, e.id(), actorId);
          Outcome outcome = accept ? Outcome.GOING : Outcome.NOT_ALLOWED;
          return changed.compose(x -> tell(tx, c, e, who, a.requestId(), a.via(), outcome))
              .compose(x -> audit.record(tx, c.id(), by, accept ? "event.attendee.accept" : "event.attendee.refuse",
                  actorId, null, null, AuditLog.detail("key", key)))
              .map(outcome);
        })))));
  }

  private Future<Outcome> answer(String eventIri, String actorId, String requestId, String via) {
    return context(eventIri).compose(c -> {
      if (c == null) {
        return Future.succeededFuture(Outcome.NOT_AN_RSVP);
      }
      return Future.all(actors.get(actorId), members.find(c.id(), actorId)).compose(both -> {
        RemoteActor who = both.resultAt(0);
        Optional<Member> member = both.resultAt(1);
        boolean isMember = member.isPresent() && member.get().accepted();
        return out.send(tx -> store.lock(tx, eventIri).map(Optional::orElseThrow)
            .compose(e -> store.attendees(tx, e.id()).compose(list -> {
              Attendee before = list.stream().filter(a -> a.actorId().equals(actorId)).findFirst().orElse(null);
              Outcome outcome = decide(e, before, isMember);
              Future<?> stored = switch (outcome) {
                case GOING -> before != null && before.state() == Attendee.State.GOING ? Future.succeededFuture()
                    : store.putAttendee(tx, e.id(), actorId, Attendee.State.GOING, requestId, via);
                case PENDING -> store.putAttendee(tx, e.id(), actorId, Attendee.State.PENDING, requestId, via);
                default -> Future.succeededFuture();
              };
              return stored.compose(x -> tell(tx, c, e, who, requestId, via, outcome)).map(outcome);
            })));
      });
    }).onSuccess(o -> LOG.debug("{} answered {} by {}: {}", actorId, eventIri, via, o));
  }

  /** The decision on a person's wish to come. */
  static Outcome decide(Event e, Attendee before, boolean isMember) {
    if (e.cancelled()) {
      return Outcome.CANCELLED;
    }
    if (before != null && before.state() == Attendee.State.GOING) {
      return Outcome.GOING;
    }
    if (e.joinMode() == Event.JoinMode.MEMBERS && !isMember) {
      return Outcome.NOT_ALLOWED;
    }
    if (e.full()) {
      return Outcome.FULL;
    }
    return e.joinMode() == Event.JoinMode.APPROVAL ? Outcome.PENDING : Outcome.GOING;
  }

  /** The answer: Accept or Reject of a Join (nothing while pending); a direct message to a reply. */
  private Future<Void> tell(Tx tx, Community c, Event e, RemoteActor who, String requestId, String via, Outcome o) {
    if ("join".equals(via)) {
      if (o == Outcome.PENDING) {
        return Future.succeededFuture();
      }
      return events.wire().answerJoin(tx, c, e, requestId, who, o == Outcome.GOING);
    }
    String key = switch (o) {
      case GOING -> "event.accepted";
      case PENDING -> "event.pending";
      case FULL -> "event.full";
      case NOT_ALLOWED -> e.joinMode() == Event.JoinMode.MEMBERS ? "event.members_only" : "event.refused";
      case CANCELLED -> "event.cancelled";
      default -> "event.left";
    };
    return out.outbound().directMessage(tx, c, who, events.texts().message(c, e, who, key), "event", requestId,
        events.texts().languageFor(c, who)).mapEmpty();
  }

  /** The community of the event named, or null when it is none of ours. */
  private Future<Community> context(String eventIri) {
    return store.byIri(eventIri).compose(e -> e.isEmpty() ? Future.succeededFuture(null)
        : communities.byId(e.get().communityId()).map(c -> c.orElse(null)));
  }
}
