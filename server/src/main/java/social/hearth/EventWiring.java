package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import social.hearth.apub.EventListeners;
import social.hearth.apub.EventMapper;
import social.hearth.apub.EventRoutes;
import social.hearth.apub.Uris;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Voice;
import social.hearth.core.events.EventReminders;
import social.hearth.core.events.EventTexts;
import social.hearth.core.events.Events;
import social.hearth.core.events.Rsvps;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.EventStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.db.OutboxStore;
import social.hearth.db.PgEventStore;
import social.hearth.http.EventsApi;

/**
 * Wiring of the community's events (issue 16): the use cases, the Event's wire form, the listeners for Join, Leave,
 * Undo{Join} and replies that answer, the reminder worker, the admin API and the routes; built here for
 * {@link Hearth} (and the pages for {@link WebWiring}).
 */
record EventWiring(Events events, Rsvps rsvps, EventListeners listeners, EventReminders worker, EventRoutes routes,
                   EventsApi api) {

  /** How often the reminder worker looks for due reminders. */
  static final Duration POLL = Duration.ofSeconds(30);

  static EventWiring wire(Vertx vertx, Pool pool, Clock clock, Uris uris, TransactionalOutbox out, OutboxStore outbox,
                          CommunityService communities, PostStore posts, AccountStore accounts, Actors actors,
                          MemberStore members, AuditLog audit) {
    EventStore store = new PgEventStore(pool);
    Events events = new Events(out, store, posts, new EventMapper(uris, outbox, clock), new EventTexts(Voice.standard()),
        communities, accounts, actors, audit, clock);
    Rsvps rsvps = new Rsvps(out, store, events, communities, members, actors, audit);
    return new EventWiring(events, rsvps, new EventListeners(uris, rsvps),
        new EventReminders(vertx, POLL, out, store, events, communities), new EventRoutes(communities, events),
        new EventsApi(communities, events, rsvps));
  }

  /** The pages: public ones (the event, the calendar, the .ics files) and the staff's. */
  static void mountPages(Router router, social.hearth.web.Pages pages, social.hearth.web.Auth auth,
                         social.hearth.web.StaffSession staff, CommunityService communities,
                         social.hearth.core.port.MediaStore media, Clock clock, EventWiring ev) {
    new social.hearth.web.EventPages(pages, auth, communities, ev.events(), media, clock).mount(router);
    new social.hearth.web.EventStaffPages(staff, ev.events(), ev.rsvps()).mount(router);
  }
}
