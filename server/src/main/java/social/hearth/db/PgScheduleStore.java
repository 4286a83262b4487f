package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.PostSchedule;
import social.hearth.core.port.ScheduleStore;
import social.hearth.core.port.Tx;

/** Recurring rubric posts ({@code post_schedules}). */
public final class PgScheduleStore implements ScheduleStore {

  private static final String COLUMNS = "id, key, community_id, author_username, markdown, summary, language, "
      + "content_html, hashtags::text, mentions::text, rrule, timezone, paused, next_at, last_at, created_by, created_at";

  private final Pool pool;

  public PgScheduleStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<PostSchedule> insert(NewSchedule s) {
    return pool.preparedQuery("INSERT INTO post_schedules (key, community_id, author_username, markdown, summary, "
            + "language, content_html, hashtags, mentions, rrule, timezone, next_at, created_by) VALUES ($1, $2, $3, "
            + "$4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11, $12, $13) RETURNING " + COLUMNS)
        .execute(Tuple.tuple().addString(s.key()).addLong(s.communityId()).addString(s.author()).addString(s.markdown())
            .addString(s.summary()).addString(s.language()).addString(s.body().html())
            .addString(PgAuthoredPostStore.tags(s.body())).addString(PgAuthoredPostStore.mentions(s.body()))
            .addString(s.rrule()).addString(s.timezone()).addOffsetDateTime(s.nextAt()).addString(s.createdBy()))
        .map(rows -> schedule(rows.iterator().next()));
  }

  @Override
  public Future<List<PostSchedule>> list(long communityId) {
    return many("SELECT " + COLUMNS + " FROM post_schedules WHERE community_id = $1 ORDER BY id", Tuple.of(communityId));
  }

  @Override
  public Future<Optional<PostSchedule>> byKey(long communityId, String key) {
    return many("SELECT " + COLUMNS + " FROM post_schedules WHERE community_id = $1 AND key = $2",
        Tuple.of(communityId, key)).map(l -> l.stream().findFirst());
  }

  @Override
  public Future<Boolean> setPaused(long id, boolean paused, OffsetDateTime nextAt) {
    return pool.preparedQuery("UPDATE post_schedules SET paused = $2, next_at = $3 WHERE id = $1")
        .execute(Tuple.of(id, paused, nextAt)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Boolean> delete(long id) {
    return pool.preparedQuery("DELETE FROM post_schedules WHERE id = $1").execute(Tuple.of(id)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<List<PostSchedule>> due(int limit) {
    return many("SELECT " + COLUMNS + " FROM post_schedules WHERE NOT paused AND next_at <= now() ORDER BY next_at "
        + "LIMIT $1", Tuple.of(limit));
  }

  @Override
  public Future<Boolean> advance(Tx tx, long id, OffsetDateTime expected, OffsetDateTime next) {
    return PgTx.sql(tx).preparedQuery("UPDATE post_schedules SET next_at = $3, last_at = $2 WHERE id = $1 "
            + "AND next_at = $2 AND NOT paused").execute(Tuple.of(id, expected, next)).map(r -> r.rowCount() == 1);
  }

  private Future<List<PostSchedule>> many(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<PostSchedule> out = new ArrayList<>();
      rows.forEach(r -> out.add(schedule(r)));
      return out;
    });
  }

  private static PostSchedule schedule(Row r) {
    return new PostSchedule(r.getLong("id"), r.getString("key"), r.getLong("community_id"), r.getString("author_username"),
        r.getString("markdown"), r.getString("summary"), r.getString("language"),
        PgAuthoredPostStore.body(r.getString("content_html"), r.getString("hashtags"), r.getString("mentions")),
        r.getString("rrule"), r.getString("timezone"), r.getBoolean("paused"), r.getOffsetDateTime("next_at"),
        r.getOffsetDateTime("last_at"), r.getString("created_by"), r.getOffsetDateTime("created_at"));
  }
}
