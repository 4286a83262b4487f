package social.hearth.core.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Attendee;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.EventStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.util.Worker;

/**
 * The worker that reminds attendees of an event before it starts (by default 24 hours and 1 hour before; each event
 * says its own hours): each reminder is a row, claimed under a random token and a lease, and marked sent in the
 * transaction that queues the direct messages (in each attendee's language), so it goes out once on any number of
 * nodes and survives a restart.
 */
public final class EventReminders extends Worker {

  private static final Logger LOG = LoggerFactory.getLogger(EventReminders.class);
  static final int BATCH = 16;
  static final Duration LEASE = Duration.ofMinutes(2);

  private final TransactionalOutbox out;
  private final EventStore store;
  private final Events events;
  private final CommunityService communities;

  public EventReminders(Vertx vertx, Duration poll, TransactionalOutbox out, EventStore store, Events events,
                        CommunityService communities) {
    super(vertx, poll.toMillis());
    this.out = out;
    this.store = store;
    this.events = events;
    this.communities = communities;
  }

  @Override
  protected Future<Integer> batch() {
    return runOnce();
  }

  /** One pass over the due reminders; completes with how many were sent. */
  public Future<Integer> runOnce() {
    UUID claim = UUID.randomUUID();
    return store.claimDue(BATCH, LEASE, claim).compose(due -> {
      List<Future<Boolean>> each = new ArrayList<>();
      for (EventStore.DueReminder r : due) {
        each.add(remind(r, claim).recover(e -> {
          LOG.warn("reminding of event {} failed: {}", r.eventId(), e.toString());
          return Future.succeededFuture(false);
        }));
      }
      return Future.join(each).map(x -> (int) each.stream().filter(f -> f.succeeded() && f.result()).count());
    });
  }

  private Future<Boolean> remind(EventStore.DueReminder r, UUID claim) {
    return store.byId(r.eventId()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      Event e = found.get();
      return communities.byId(e.communityId()).compose(c -> store.attendees(e.id()).compose(list -> events.people(
          list.stream().filter(a -> a.state() == Attendee.State.GOING).toList())).compose(people -> out.send(tx ->
          store.reminded(tx, r, claim).compose(held -> {
            if (!held) {
              return Future.failedFuture(new IllegalStateException("reminder claimed by another node"));
            }
            if (c.isEmpty() || e.cancelled()) {
              return Future.succeededFuture(false);
            }
            Community community = c.get();
            Future<Void> sent = Future.succeededFuture();
            for (RemoteActor who : people) {
              sent = sent.compose(x -> out.outbound().directMessage(tx, community, who,
                  events.texts().message(community, e, who, "event.reminder"), "event", e.iri(),
                  events.texts().languageFor(community, who)).mapEmpty());
            }
            return sent.map(true);
          }))));
    });
  }
}
