package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import social.hearth.core.domain.Attendee;
import social.hearth.core.domain.CalendarEntry;
import social.hearth.core.domain.Event;

/** The community's events, who comes to them, their reminders, and the calendar of every Event it has. */
public interface EventStore {

  /** What an event is written with (on an edit too). */
  record Fields(String name, String markdown, String html, String language, OffsetDateTime start, OffsetDateTime end,
                String timezone, String placeName, String placeAddress, String onlineUrl, Integer capacity,
                Event.JoinMode joinMode, List<Integer> reminderHours) {}

  /** A reminder that is due, claimed. */
  record DueReminder(long eventId, OffsetDateTime dueAt) {}

  Future<Event> insert(Tx tx, String key, long communityId, String iri, String author, String createdBy, Fields f);

  Future<Void> update(Tx tx, long id, Fields f);

  Future<Void> setPost(Tx tx, long id, long postId);

  Future<Void> cancel(Tx tx, long id);

  Future<Optional<Event>> byKey(long communityId, String key);

  /** Read in the transaction, its row locked until the transaction ends (so answers to Joins are counted in order). */
  Future<Optional<Event>> lock(Tx tx, String iri);

  Future<Optional<Event>> byId(long id);

  Future<Optional<Event>> byIri(String iri);

  /** The community's events, soonest first, from {@code from} on (null: all). */
  Future<List<Event>> list(long communityId, OffsetDateTime from, int limit);

  Future<List<Attendee>> attendees(long eventId);

  Future<List<Attendee>> attendees(Tx tx, long eventId);

  /** Adds or changes an attendee; returns the state it had before (empty when new). */
  Future<Optional<Attendee.State>> putAttendee(Tx tx, long eventId, String actorId, Attendee.State state,
                                               String requestId, String via);

  /** Removes an attendee; returns whether they were one. */
  Future<Optional<Attendee>> removeAttendee(Tx tx, long eventId, String actorId);

  /** Replaces the reminders not sent yet by those due at {@code dueAt} (only times still to come). */
  Future<Void> setReminders(Tx tx, long eventId, List<OffsetDateTime> dueAt);

  /** Claims up to {@code limit} due reminders for {@code lease} under {@code claim}. */
  Future<List<DueReminder>> claimDue(int limit, Duration lease, UUID claim);

  /** Marks a claimed reminder sent; false when the claim was lost (the transaction must not commit). */
  Future<Boolean> reminded(Tx tx, DueReminder r, UUID claim);

  /** Every Event among the community's live posts starting between {@code from} and {@code to}, soonest first. */
  Future<List<CalendarEntry>> calendar(long communityId, OffsetDateTime from, OffsetDateTime to, int limit);
}
