package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.Leader;
import social.hearth.core.domain.LedgerEntry;
import social.hearth.core.port.LedgerStore;
import social.hearth.core.port.Tx;

/** SQL for the points ledger (V46): reads, staff entries, the board, the leaders and the settings. */
public final class PgLedgerStore implements LedgerStore {

  private static final String ENTRY = "id, actor_id, points, kind, source, post, from_actor, reason, by_whom, reverses, at";

  private final Pool pool;

  public PgLedgerStore(Pool pool) {
    this.pool = pool;
  }

  private static LedgerEntry entry(Row r) {
    return new LedgerEntry(r.getLong(0), r.getString(1), r.getInteger(2), r.getString(3), r.getString(4),
        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getLong(9), r.getOffsetDateTime(10));
  }

  @Override
  public Future<List<LedgerEntry>> history(long communityId, String actor, int limit) {
    return pool.preparedQuery("SELECT " + ENTRY + " FROM points_ledger WHERE community_id = $1 AND actor_id = $2 "
            + "ORDER BY at DESC, id DESC LIMIT $3").execute(Tuple.of(communityId, actor, limit))
        .map(rows -> {
          List<LedgerEntry> out = new ArrayList<>();
          rows.forEach(r -> out.add(entry(r)));
          return out;
        });
  }

  @Override
  public Future<Long> total(long communityId, String actor) {
    // the total kept per member (member_points, V53: a deferred trigger adds each ledger entry as it commits)
    return pool.preparedQuery("SELECT total FROM member_points WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, actor))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
  }

  @Override
  public Future<LedgerEntry> staff(Tx tx, long communityId, String actor, int points, String reason, String byWhom) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO points_ledger (community_id, actor_id, points, kind, reason, by_whom) "
            + "VALUES ($1, $2, $3, 'staff', $4, $5) RETURNING " + ENTRY)
        .execute(Tuple.of(communityId, actor, points, reason, byWhom)).map(rows -> entry(rows.iterator().next()));
  }

  @Override
  public Future<List<Board>> board(long communityId, OffsetDateTime since, boolean publicOnly, int limit) {
    // all time: the totals kept per member (member_points, V53); a week or a month: that period of the ledger only
    return pool.preparedQuery("WITH p AS (SELECT actor_id, total AS points FROM member_points "
            + "WHERE community_id = $1 AND $2::timestamptz IS NULL "
            + "UNION ALL SELECT actor_id, sum(points) FROM points_ledger WHERE community_id = $1 "
            + "AND $2::timestamptz IS NOT NULL AND at >= $2 GROUP BY actor_id) "
            + "SELECT p.actor_id, p.points, COALESCE(t.total, 0) FROM p "
            + "LEFT JOIN member_points t ON t.community_id = $1 AND t.actor_id = p.actor_id WHERE p.points > 0 "
            + "AND EXISTS (SELECT 1 FROM members m WHERE m.community_id = $1 AND m.actor_id = p.actor_id "
            + "AND m.state = 'accepted') "
            + "AND ($3 = false OR NOT EXISTS (SELECT 1 FROM board_hidden h WHERE h.community_id = $1 "
            + "AND h.actor_id = p.actor_id)) "
            + "ORDER BY p.points DESC, p.actor_id LIMIT $4")
        .execute(Tuple.of(communityId, since, publicOnly, limit))
        .map(rows -> {
          List<Board> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Board(r.getString(0), r.getLong(1), r.getLong(2))));
          return out;
        });
  }

  @Override
  public Future<List<Leader>> leaders(long communityId, int limit) {
    return pool.preparedQuery("WITH a AS (SELECT answerer AS actor_id, count(*) AS answered, "
            + "percentile_disc(0.5) WITHIN GROUP (ORDER BY seconds) AS median FROM newcomer_answers "
            + "WHERE community_id = $1 GROUP BY answerer) "
            + "SELECT COALESCE(a.actor_id, m.actor_id), COALESCE(a.answered, 0), a.median, COALESCE(m.replies, 0), "
            + "COALESCE(m.events, 0) FROM a FULL JOIN (SELECT * FROM member_contributions WHERE community_id = $1) m "
            + "ON m.actor_id = a.actor_id WHERE COALESCE(a.answered, 0) + COALESCE(m.replies, 0) + COALESCE(m.events, 0) > 0 "
            + "ORDER BY 2 DESC, 4 DESC, 5 DESC, 1 LIMIT $2")
        .execute(Tuple.of(communityId, limit))
        .map(rows -> {
          List<Leader> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Leader(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4))));
          return out;
        });
  }

  @Override
  public Future<Long> newcomerReplyMedian(long communityId, OffsetDateTime from, OffsetDateTime to) {
    return pool.preparedQuery("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY first) FROM (SELECT min(seconds) AS first "
            + "FROM newcomer_answers WHERE community_id = $1 AND at - seconds * interval '1 second' >= $2 "
            + "AND at - seconds * interval '1 second' < $3 GROUP BY post) f")
        .execute(Tuple.of(communityId, from, to)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Settings> settings(long communityId) {
    return pool.preparedQuery("SELECT weights, caps, public_board FROM recognition_settings WHERE community_id = $1")
        .execute(Tuple.of(communityId)).map(rows -> {
          if (rows.size() == 0) {
            return new Settings(Map.of(), Map.of(), false);
          }
          Row r = rows.iterator().next();
          return new Settings(ints(r.getJsonObject(0)), ints(r.getJsonObject(1)), r.getBoolean(2));
        });
  }

  private static Map<String, Integer> ints(JsonObject json) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(e -> out.put(e.getKey(), ((Number) e.getValue()).intValue()));
    }
    return out;
  }

  @Override
  public Future<Void> saveSettings(Tx tx, long communityId, Settings s) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO recognition_settings (community_id, weights, caps, public_board) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (community_id) DO UPDATE SET weights = EXCLUDED.weights, "
            + "caps = EXCLUDED.caps, public_board = EXCLUDED.public_board")
        .execute(Tuple.of(communityId, new JsonObject(new LinkedHashMap<String, Object>(s.weights())),
            new JsonObject(new LinkedHashMap<String, Object>(s.caps())), s.publicBoard())).mapEmpty();
  }

  @Override
  public Future<Boolean> hide(Tx tx, long communityId, String actor) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO board_hidden (community_id, actor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(communityId, actor)).map(rows -> rows.rowCount() > 0);
  }
}
