package social.hearth.core.events;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Attendee;
import social.hearth.core.domain.CalendarEntry;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.EventStore;
import social.hearth.core.port.EventWire;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;
import social.hearth.core.util.Keys;

/**
 * The community's events, written by its staff: created (the Group's Create{Event} to every member, and a post on
 * the community's page), edited (an Update), cancelled (an Update with the status CANCELLED, and a direct message to
 * every attendee in their language). Everything is checked before anything is written ({@link EventDrafts}).
 */
public final class Events {


  /** An event with the people who answered it. */
  public record Detail(Event event, List<Attendee> attendees) {}

  private final TransactionalOutbox out;
  private final EventStore store;
  private final PostStore posts;
  private final EventWire wire;
  private final EventTexts texts;
  private final CommunityService communities;
  private final AccountStore accounts;
  private final Actors actors;
  private final AuditLog audit;
  private final Clock clock;

  public Events(TransactionalOutbox out, EventStore store, PostStore posts, EventWire wire, EventTexts texts,
                CommunityService communities, AccountStore accounts, Actors actors, AuditLog audit, Clock clock) {
    this.out = out;
    this.store = store;
    this.posts = posts;
    this.wire = wire;
    this.texts = texts;
    this.communities = communities;
    this.accounts = accounts;
    this.actors = actors;
    this.audit = audit;
    this.clock = clock;
  }

  public EventWire wire() {
    return wire;
  }

  public EventTexts texts() {
    return texts;
  }

  /** Creates and publishes an event. */
  public Future<Event> create(Community c, EventDrafts.Draft d, String by) {
    EventStore.Fields f;
    try {
      f = EventDrafts.check(d, null, clock);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return host(c, d.as()).compose(host -> {
      String key = Keys.newKey();
      return out.send(tx -> store.insert(tx, key, c.id(), wire.eventIri(c, key), host, by, f)
          .compose(e -> publish(tx, c, e, Outbound.OwnChange.CREATE))
          .compose(e -> reminders(tx, e).map(e))
          .compose(e -> audit.record(tx, c.id(), by, "event.create", e.iri(), null, null,
              AuditLog.detail("key", key, "name", e.name())).map(e)));
    }).onSuccess(e -> communities.changed(c.slug()));
  }

  /** Edits an event: its fields are checked again and an Update goes out. A cancelled event cannot be edited. */
  public Future<Event> edit(Community c, String key, EventDrafts.Draft d, String by) {
    return get(c, key).compose(before -> {
      if (before.cancelled()) {
        return Future.failedFuture(CoreException.conflict("the event is cancelled"));
      }
      EventStore.Fields f;
      try {
        f = EventDrafts.check(d, before, clock);
      } catch (CoreException e) {
        return Future.failedFuture(e);
      }
      Future<String> host = d.as() == null ? Future.succeededFuture(before.author()) : host(c, d.as());
      return host.compose(h -> out.send(tx -> store.update(tx, before.id(), f)
          .compose(v -> store.lock(tx, before.iri())).map(Optional::orElseThrow)
          .compose(e -> publish(tx, c, e, Outbound.OwnChange.UPDATE))
          .compose(e -> reminders(tx, e).map(e))
          .compose(e -> audit.record(tx, c.id(), by, "event.edit", e.iri(), null, null, AuditLog.detail("key", key))
              .map(e))));
    }).onSuccess(e -> communities.changed(c.slug()));
  }

  /** Cancels an event: status CANCELLED, an Update to every member, and a message to each attendee. */
  public Future<Event> cancel(Community c, String key, String by) {
    return get(c, key).compose(before -> {
      if (before.cancelled()) {
        return Future.succeededFuture(before);
      }
      return store.attendees(before.id()).compose(list -> people(list)).compose(people -> out.send(tx ->
          store.cancel(tx, before.id()).compose(v -> store.lock(tx, before.iri())).map(Optional::orElseThrow)
              .compose(e -> publish(tx, c, e, Outbound.OwnChange.UPDATE))
              .compose(e -> store.setReminders(tx, e.id(), List.of()).map(e))
              .compose(e -> {
                Future<Void> told = Future.succeededFuture();
                for (RemoteActor who : people) {
                  told = told.compose(x -> out.outbound().directMessage(tx, c, who,
                      texts.message(c, e, who, "event.cancelled"), "event", null, texts.languageFor(c, who)).mapEmpty());
                }
                return told.map(e);
              })
              .compose(e -> audit.record(tx, c.id(), by, "event.cancel", e.iri(), null, null,
                  AuditLog.detail("key", key, "told", people.size())).map(e))));
    }).onSuccess(e -> communities.changed(c.slug()));
  }

  public Future<Event> get(Community c, String key) {
    return store.byKey(c.id(), key).compose(e -> e.isEmpty()
        ? Future.failedFuture(CoreException.notFound("the community has no event " + key))
        : Future.succeededFuture(e.get()));
  }

  public Future<Detail> detail(Community c, String key) {
    return get(c, key).compose(e -> store.attendees(e.id()).map(list -> new Detail(e, list)));
  }

  /** Events from {@code from} on (null: all), soonest first. */
  public Future<List<Event>> list(Community c, OffsetDateTime from) {
    return store.list(c.id(), from, 500);
  }

  /** Every Event the community has (its own and re-shared ones) between two times. */
  public Future<List<CalendarEntry>> calendar(Community c, OffsetDateTime from, OffsetDateTime to) {
    return store.calendar(c.id(), from, to, 500);
  }

  /** The Event's JSON as it is now (live counts). */
  public String json(Community c, Event e) {
    return wire.event(c, e, texts.summary(c, e));
  }

  /** Writes the Event's post (new or changed) and sends its Create or Update. */
  Future<Event> publish(Tx tx, Community c, Event e, Outbound.OwnChange change) {
    String json = json(c, e);
    String html = texts.postHtml(c, e, wire.eventPage(c, e.key()));
    if (change == Outbound.OwnChange.CREATE) {
      return posts.insert(tx, c.id(), e.iri(), wire.groupIri(c), "Event", html, null, json).compose(id -> {
        if (id.isEmpty()) {
          return Future.failedFuture(new IllegalStateException("the community has " + e.iri() + " already"));
        }
        return store.setPost(tx, e.id(), id.get())
            .compose(v -> out.outbound().ownPost(tx, c, change, e.iri(), json, List.of())).map(e);
      });
    }
    Future<Void> stored = e.postId() == null ? Future.succeededFuture() : posts.update(tx, e.postId(), html, json);
    return stored.compose(v -> out.outbound().ownPost(tx, c, change, e.iri(), json, List.of())).map(e);
  }

  /** The reminders still to come, from the event's hours before its start. */
  private Future<Void> reminders(Tx tx, Event e) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<OffsetDateTime> due = new ArrayList<>();
    for (int h : e.reminderHours()) {
      OffsetDateTime at = e.start().minusHours(h);
      if (at.isAfter(now)) {
        due.add(at);
      }
    }
    return store.setReminders(tx, e.id(), e.cancelled() ? List.of() : due);
  }

  /** The actors behind attendees (those that cannot be read are left out). */
  Future<List<RemoteActor>> people(List<Attendee> list) {
    List<Future<RemoteActor>> each = list.stream().map(a -> actors.get(a.actorId())).toList();
    return Future.join(each).transform(x -> {
      List<RemoteActor> found = new ArrayList<>();
      each.forEach(f -> {
        if (f.succeeded() && f.result() != null) {
          found.add(f.result());
        }
      });
      return Future.succeededFuture(found);
    });
  }

  /** Who hosts the event besides the community: null, or a staff member's username (checked). */
  private Future<String> host(Community c, String as) {
    if (as == null || as.isBlank() || as.strip().equalsIgnoreCase("community")) {
      return Future.succeededFuture(null);
    }
    String username = as.strip();
    return accounts.byUsername(username).compose(account -> {
      if (account.isEmpty()) {
        return Future.failedFuture(CoreException.badRequest("as: unknown staff user " + username));
      }
      if (account.get().instanceAdmin()) {
        return Future.succeededFuture(account.get().username());
      }
      return accounts.role(account.get().id(), c.id()).compose(role -> role.isPresent()
          ? Future.succeededFuture(account.get().username())
          : Future.failedFuture(CoreException.badRequest("as: " + username + " is not staff of " + c.slug())));
    });
  }
}
