package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import social.hearth.core.domain.Achievement;
import social.hearth.core.domain.Level;
import social.hearth.core.port.AchievementStore;
import social.hearth.core.port.Tx;

/** SQL for levels, achievements and what members earned (V53). */
public final class PgAchievementStore implements AchievementStore {

  private final Pool pool;

  public PgAchievementStore(Pool pool) {
    this.pool = pool;
  }

  private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }

  @Override
  public Future<List<Level>> levels(long communityId) {
    return pool.preparedQuery("SELECT position, points, name, skip_probation, skip_slow_mode FROM community_levels "
            + "WHERE community_id = $1 ORDER BY position").execute(Tuple.of(communityId))
        .map(rows -> list(rows, r -> new Level(r.getInteger(0), r.getLong(1), r.getString(2), r.getBoolean(3),
            r.getBoolean(4))));
  }

  @Override
  public Future<Void> saveLevels(Tx tx, long communityId, List<Level> levels) {
    var sql = PgTx.sql(tx);
    Future<?> done = sql.preparedQuery("DELETE FROM community_levels WHERE community_id = $1").execute(Tuple.of(communityId));
    if (levels.isEmpty()) {
      return done.mapEmpty();
    }
    List<Tuple> batch = new ArrayList<>();
    levels.forEach(l -> batch.add(Tuple.of(communityId, l.number(), l.points(), l.name(), l.skipProbation(),
        l.skipSlowMode())));
    return done.compose(v -> sql.preparedQuery("INSERT INTO community_levels (community_id, position, points, name, "
        + "skip_probation, skip_slow_mode) VALUES ($1, $2, $3, $4, $5, $6)").executeBatch(batch)).mapEmpty();
  }

  @Override
  public Future<List<Achievement>> achievements(long communityId) {
    return pool.preparedQuery("SELECT key, fact, threshold, name, description, builtin, off "
            + "FROM recognition_achievements_all WHERE community_id = $1").execute(Tuple.of(communityId))
        .map(rows -> list(rows, r -> new Achievement(r.getString(0), r.getString(1), r.getLong(2), r.getString(3),
            r.getString(4), r.getBoolean(5), r.getBoolean(6))));
  }

  @Override
  public Future<Boolean> switchDefault(Tx tx, long communityId, String key, boolean on, String byWhom) {
    return (on ? PgTx.sql(tx).preparedQuery("DELETE FROM achievements_off WHERE community_id = $1 AND key = $2")
            .execute(Tuple.of(communityId, key))
        : PgTx.sql(tx).preparedQuery("INSERT INTO achievements_off (community_id, key, by_whom) VALUES ($1, $2, $3) "
            + "ON CONFLICT DO NOTHING").execute(Tuple.of(communityId, key, byWhom)))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Boolean> add(Tx tx, long communityId, Achievement a, String byWhom) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO achievements (community_id, key, fact, threshold, name, description, "
            + "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING")
        .execute(Tuple.from(new Object[] {communityId, a.key(), a.fact(), a.threshold(), a.name(), a.description(), byWhom}))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Boolean> delete(Tx tx, long communityId, String key) {
    var sql = PgTx.sql(tx);
    return sql.preparedQuery("DELETE FROM achievements WHERE community_id = $1 AND key = $2")
        .execute(Tuple.of(communityId, key)).compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : sql.preparedQuery("DELETE FROM member_achievements WHERE community_id = $1 AND key = $2")
                .execute(Tuple.of(communityId, key)).map(true));
  }

  @Override
  public Future<List<Achievement.Earned>> earned(long communityId, String actor) {
    return pool.preparedQuery("SELECT actor_id, key, earned_at FROM member_achievements WHERE community_id = $1 "
            + "AND actor_id = $2 ORDER BY earned_at DESC, key").execute(Tuple.of(communityId, actor))
        .map(rows -> list(rows, r -> new Achievement.Earned(r.getString(0), r.getString(1), r.getOffsetDateTime(2))));
  }

  @Override
  public Future<List<Achievement.Earned>> earned(long communityId, List<String> actors) {
    return pool.preparedQuery("SELECT actor_id, key, earned_at FROM member_achievements WHERE community_id = $1 "
            + "AND actor_id = ANY($2) ORDER BY earned_at DESC, key")
        .execute(Tuple.tuple().addLong(communityId).addArrayOfString(actors.toArray(new String[0])))
        .map(rows -> list(rows, r -> new Achievement.Earned(r.getString(0), r.getString(1), r.getOffsetDateTime(2))));
  }

  @Override
  public Future<String> announce(long communityId) {
    return pool.preparedQuery("SELECT announce FROM recognition_settings WHERE community_id = $1")
        .execute(Tuple.of(communityId)).map(rows -> rows.size() == 0 ? "none" : rows.iterator().next().getString(0));
  }

  @Override
  public Future<Void> saveAnnounce(Tx tx, long communityId, String mode) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO recognition_settings (community_id, announce) VALUES ($1, $2) "
        + "ON CONFLICT (community_id) DO UPDATE SET announce = EXCLUDED.announce").execute(Tuple.of(communityId, mode))
        .mapEmpty();
  }

  @Override
  public Future<Integer> evaluate(int batch) {
    return pool.preparedQuery("SELECT recognition_evaluate($1)").execute(Tuple.of(batch))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  @Override
  public Future<Integer> tenure() {
    return pool.query("SELECT recognition_tenure()").execute().map(rows -> rows.iterator().next().getInteger(0));
  }

  @Override
  public Future<List<Due>> due(int limit) {
    return pool.preparedQuery("SELECT community_id, actor_id, key, announce FROM member_achievements "
            + "WHERE announced_at IS NULL AND announce <> 'none' AND (retry_at IS NULL OR retry_at <= now()) "
            + "ORDER BY earned_at LIMIT $1")
        .execute(Tuple.of(limit))
        .map(rows -> list(rows, r -> new Due(r.getLong(0), r.getString(1), r.getString(2), r.getString(3))));
  }

  @Override
  public Future<Integer> failed(Due due) {
    return pool.preparedQuery("UPDATE member_achievements SET tries = tries + 1, retry_at = now() + "
            + "least(interval '6 hours', interval '1 minute' * power(2, least(tries, 20))) "
            + "WHERE community_id = $1 AND actor_id = $2 AND key = $3 RETURNING tries")
        .execute(Tuple.of(due.communityId(), due.actor(), due.key()))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : 0);
  }

  @Override
  public Future<Boolean> announced(Tx tx, Due due) {
    return PgTx.sql(tx).preparedQuery("UPDATE member_achievements SET announced_at = now() WHERE community_id = $1 "
            + "AND actor_id = $2 AND key = $3 AND announced_at IS NULL")
        .execute(Tuple.of(due.communityId(), due.actor(), due.key())).map(rows -> rows.rowCount() > 0);
  }
}
