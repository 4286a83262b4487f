package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import social.hearth.core.domain.Attendee;
import social.hearth.core.domain.CalendarEntry;
import social.hearth.core.domain.Event;
import social.hearth.core.port.EventStore;
import social.hearth.core.port.Tx;

/** The community's events ({@code events}), their attendees and reminders (V41), and the calendar of its posts. */
public final class PgEventStore implements EventStore {

  private static final String COLUMNS = "e.id, e.key, e.community_id, e.iri, e.name, e.markdown, e.content_html, "
      + "e.language, e.start_time, e.end_time, e.timezone, e.place_name, e.place_address, e.online_url, e.capacity, "
      + "e.join_mode, e.status, e.reminder_hours, e.author_username, e.post_id, e.created_at, e.updated_at, "
      + "(SELECT count(*) FROM event_attendees a WHERE a.event_id = e.id AND a.state = 'going')::int AS going";

  private final Pool pool;

  public PgEventStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Event> insert(Tx tx, String key, long communityId, String iri, String author, String createdBy,
                             Fields f) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO events (key, community_id, iri, author_username, created_by, name, "
            + "markdown, content_html, language, start_time, end_time, timezone, place_name, place_address, online_url, "
            + "capacity, join_mode, reminder_hours) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
            + "$15, $16, $17, $18) RETURNING id")
        .execute(fields(Tuple.tuple().addString(key).addLong(communityId).addString(iri).addString(author)
            .addString(createdBy), f))
        .compose(rows -> one(PgTx.sql(tx), "SELECT " + COLUMNS + " FROM events e WHERE e.id = $1",
            Tuple.of(rows.iterator().next().getLong(0))))
        .map(Optional::orElseThrow);
  }

  private static Tuple fields(Tuple t, Fields f) {
    return t.addString(f.name()).addString(f.markdown()).addString(f.html()).addString(f.language())
        .addOffsetDateTime(f.start()).addOffsetDateTime(f.end()).addString(f.timezone()).addString(f.placeName())
        .addString(f.placeAddress()).addString(f.onlineUrl()).addInteger(f.capacity())
        .addString(f.joinMode().name().toLowerCase(Locale.ROOT))
        .addArrayOfInteger(f.reminderHours().toArray(new Integer[0]));
  }

  @Override
  public Future<Void> update(Tx tx, long id, Fields f) {
    return PgTx.sql(tx).preparedQuery("UPDATE events SET name = $2, markdown = $3, content_html = $4, language = $5, "
            + "start_time = $6, end_time = $7, timezone = $8, place_name = $9, place_address = $10, online_url = $11, "
            + "capacity = $12, join_mode = $13, reminder_hours = $14, updated_at = now() WHERE id = $1")
        .execute(fields(Tuple.tuple().addLong(id), f)).mapEmpty();
  }

  @Override
  public Future<Void> setPost(Tx tx, long id, long postId) {
    return PgTx.sql(tx).preparedQuery("UPDATE events SET post_id = $2 WHERE id = $1").execute(Tuple.of(id, postId))
        .mapEmpty();
  }

  @Override
  public Future<Void> cancel(Tx tx, long id) {
    return PgTx.sql(tx).preparedQuery("UPDATE events SET status = 'cancelled', updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id)).mapEmpty();
  }

  @Override
  public Future<Optional<Event>> byKey(long communityId, String key) {
    return one(pool, "SELECT " + COLUMNS + " FROM events e WHERE e.community_id = $1 AND e.key = $2",
        Tuple.of(communityId, key));
  }

  @Override
  public Future<Optional<Event>> lock(Tx tx, String iri) {
    SqlClient sql = PgTx.sql(tx);
    return sql.preparedQuery("SELECT id FROM events WHERE iri = $1 FOR UPDATE").execute(Tuple.of(iri))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.<Event>empty())
            : one(sql, "SELECT " + COLUMNS + " FROM events e WHERE e.id = $1", Tuple.of(rows.iterator().next().getLong(0))));
  }

  @Override
  public Future<Optional<Event>> byId(long id) {
    return one(pool, "SELECT " + COLUMNS + " FROM events e WHERE e.id = $1", Tuple.of(id));
  }

  @Override
  public Future<Optional<Event>> byIri(String iri) {
    return one(pool, "SELECT " + COLUMNS + " FROM events e WHERE e.iri = $1", Tuple.of(iri));
  }

  @Override
  public Future<List<Event>> list(long communityId, OffsetDateTime from, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM events e WHERE e.community_id = $1 "
            + "AND ($2::timestamptz IS NULL OR e.end_time >= $2) ORDER BY e.start_time, e.id LIMIT $3")
        .execute(Tuple.of(communityId, from, limit)).map(PgEventStore::events);
  }

  @Override
  public Future<List<Attendee>> attendees(long eventId) {
    return attendees(pool, eventId);
  }

  @Override
  public Future<List<Attendee>> attendees(Tx tx, long eventId) {
    return attendees(PgTx.sql(tx), eventId);
  }

  private static Future<List<Attendee>> attendees(SqlClient sql, long eventId) {
    return sql.preparedQuery("SELECT actor_id, state, request_id, via, created_at FROM event_attendees "
            + "WHERE event_id = $1 ORDER BY created_at, actor_id").execute(Tuple.of(eventId)).map(rows -> {
              List<Attendee> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(attendee(r));
              }
              return out;
            });
  }

  private static Attendee attendee(Row r) {
    return new Attendee(r.getString("actor_id"), Attendee.State.valueOf(r.getString("state").toUpperCase(Locale.ROOT)),
        r.getString("request_id"), r.getString("via"), r.getOffsetDateTime("created_at"));
  }

  @Override
  public Future<Optional<Attendee.State>> putAttendee(Tx tx, long eventId, String actorId, Attendee.State state,
                                                      String requestId, String via) {
    return PgTx.sql(tx).preparedQuery("WITH before AS (SELECT state FROM event_attendees WHERE event_id = $1 "
            + "AND actor_id = $2) INSERT INTO event_attendees (event_id, actor_id, state, request_id, via) "
            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id, actor_id) DO UPDATE SET state = EXCLUDED.state, "
            + "request_id = EXCLUDED.request_id, via = EXCLUDED.via RETURNING (SELECT state FROM before)")
        .execute(Tuple.of(eventId, actorId, state.name().toLowerCase(Locale.ROOT), requestId, via))
        .map(rows -> {
          String before = rows.iterator().next().getString(0);
          return before == null ? Optional.empty()
              : Optional.of(Attendee.State.valueOf(before.toUpperCase(Locale.ROOT)));
        });
  }

  @Override
  public Future<Optional<Attendee>> removeAttendee(Tx tx, long eventId, String actorId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM event_attendees WHERE event_id = $1 AND actor_id = $2 "
            + "RETURNING actor_id, state, request_id, via, created_at").execute(Tuple.of(eventId, actorId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(attendee(rows.iterator().next())));
  }

  @Override
  public Future<Void> setReminders(Tx tx, long eventId, List<OffsetDateTime> dueAt) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM event_reminders WHERE event_id = $1 AND sent_at IS NULL")
        .execute(Tuple.of(eventId))
        .compose(v -> dueAt.isEmpty() ? Future.succeededFuture() : PgTx.sql(tx).preparedQuery(
                "INSERT INTO event_reminders (event_id, due_at) SELECT $1, unnest($2::timestamptz[]) "
                    + "ON CONFLICT DO NOTHING")
            .execute(Tuple.tuple().addLong(eventId).addArrayOfOffsetDateTime(dueAt.toArray(new OffsetDateTime[0]))))
        .mapEmpty();
  }

  @Override
  public Future<List<DueReminder>> claimDue(int limit, Duration lease, UUID claim) {
    return pool.preparedQuery("UPDATE event_reminders r SET claim = $1, claimed_until = now() + $2 * interval '1 second' "
            + "FROM (SELECT event_id, due_at FROM event_reminders WHERE sent_at IS NULL AND due_at <= now() "
            + "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) d "
            + "WHERE r.event_id = d.event_id AND r.due_at = d.due_at RETURNING r.event_id, r.due_at")
        .execute(Tuple.of(claim, lease.toSeconds(), limit)).map(rows -> {
          List<DueReminder> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new DueReminder(r.getLong(0), r.getOffsetDateTime(1)));
          }
          return out;
        });
  }

  @Override
  public Future<Boolean> reminded(Tx tx, DueReminder r, UUID claim) {
    return PgTx.sql(tx).preparedQuery("UPDATE event_reminders SET sent_at = now() WHERE event_id = $1 AND due_at = $2 "
            + "AND claim = $3 AND sent_at IS NULL").execute(Tuple.of(r.eventId(), r.dueAt(), claim))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<List<CalendarEntry>> calendar(long communityId, OffsetDateTime from, OffsetDateTime to, int limit) {
    return pool.preparedQuery("SELECT * FROM (SELECT p.object_id, e.key, coalesce(p.object->>'name', '') AS name, "
            + "coalesce(e.content_html, p.object->>'content', '') AS description, "
            + "hearth_event_time(p.object->>'startTime') AS start_time, "
            + "hearth_event_time(p.object->>'endTime') AS end_time, p.object->>'timezone' AS timezone, "
            + "concat_ws(', ', nullif(p.object->'location'->>'name', ''), nullif(coalesce("
            + "p.object->'location'->'address'->>'streetAddress', p.object->'location'->>'address'), '')) AS place, "
            + "coalesce(CASE jsonb_typeof(p.object->'url') WHEN 'string' THEN p.object->>'url' END, p.object_id) AS url, "
            + "upper(coalesce(p.object->>'status', p.object->>'ical:status', '')) = 'CANCELLED' AS cancelled, "
            + "hearth_event_time(p.object->>'updated') AS updated "
            + "FROM posts p LEFT JOIN events e ON e.post_id = p.id "
            + "WHERE p.community_id = $1 AND p.type = 'Event' AND p.deleted_at IS NULL) c "
            + "WHERE c.start_time IS NOT NULL AND c.start_time < $3 AND coalesce(c.end_time, c.start_time) >= $2 "
            + "ORDER BY c.start_time, c.object_id LIMIT $4")
        .execute(Tuple.of(communityId, from, to, limit)).map(rows -> {
          List<CalendarEntry> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new CalendarEntry(r.getString("object_id"), r.getString("key"), r.getString("name"),
                r.getString("description"), r.getOffsetDateTime("start_time"), r.getOffsetDateTime("end_time"),
                r.getString("timezone"), r.getString("place"), r.getString("url"), r.getBoolean("cancelled"),
                r.getOffsetDateTime("updated")));
          }
          return out;
        });
  }

  private static Future<Optional<Event>> one(SqlClient sql, String query, Tuple args) {
    return sql.preparedQuery(query).execute(args).map(rows -> events(rows).stream().findFirst());
  }

  private static List<Event> events(RowSet<Row> rows) {
    List<Event> out = new ArrayList<>();
    for (Row r : rows) {
      Integer[] hours = r.getArrayOfIntegers("reminder_hours");
      out.add(new Event(r.getLong("id"), r.getString("key"), r.getLong("community_id"), r.getString("iri"),
          r.getString("name"), r.getString("markdown"), r.getString("content_html"), r.getString("language"),
          r.getOffsetDateTime("start_time"), r.getOffsetDateTime("end_time"), r.getString("timezone"),
          r.getString("place_name"), r.getString("place_address"), r.getString("online_url"), r.getInteger("capacity"),
          Event.JoinMode.valueOf(r.getString("join_mode").toUpperCase(Locale.ROOT)),
          Event.Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)),
          hours == null ? List.of() : Arrays.asList(hours), r.getString("author_username"), r.getLong("post_id"),
          r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getInteger("going")));
    }
    return out;
  }
}
