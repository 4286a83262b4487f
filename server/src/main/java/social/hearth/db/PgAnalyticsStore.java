package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.CommunityDay;
import social.hearth.core.port.AnalyticsStore;

/**
 * SQL for the daily rollup (V47): one row per day asked for; a day without a row carries the member figure of the
 * last day before it; active members are counted from at most 7 days of {@code member_activity} per day.
 */
public final class PgAnalyticsStore implements AnalyticsStore {

  private final Pool pool;

  public PgAnalyticsStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<CommunityDay>> days(long communityId, LocalDate from, LocalDate to) {
    // a past day's active members are counted once and kept (V58): its window does not change any more
    return pool.preparedQuery("WITH g AS (SELECT gd::date AS day FROM generate_series($2::date, $3::date, interval '1 day') gd), "
            + "counted AS (SELECT g.day, (SELECT count(DISTINCT a.actor_id) FROM member_activity a "
            + "WHERE a.community_id = $1 AND a.day > g.day - 7 AND a.day <= g.day) AS n FROM g "
            + "WHERE NOT EXISTS (SELECT 1 FROM community_active_days k WHERE k.community_id = $1 AND k.day = g.day)), "
            + "kept AS (INSERT INTO community_active_days (community_id, day, active_7d) SELECT $1, day, n FROM counted "
            + "WHERE day < analytics_today() ON CONFLICT DO NOTHING) "
            + "SELECT g.day, COALESCE(d.joins, 0), COALESCE(d.leaves, 0), COALESCE(d.removals, 0), "
            + "COALESCE(d.members, (SELECT p.members FROM community_days p WHERE p.community_id = $1 AND p.day < g.day "
            + "ORDER BY p.day DESC LIMIT 1), 0), COALESCE(d.posts_accepted, 0), COALESCE(d.posts_held, 0), "
            + "COALESCE(d.posts_refused, 0), COALESCE(k.active_7d, c.n, 0) "
            + "FROM g LEFT JOIN community_days d ON d.community_id = $1 AND d.day = g.day "
            + "LEFT JOIN community_active_days k ON k.community_id = $1 AND k.day = g.day "
            + "LEFT JOIN counted c ON c.day = g.day ORDER BY 1")
        .execute(Tuple.of(communityId, from, to))
        .map(rows -> {
          List<CommunityDay> out = new ArrayList<>();
          rows.forEach(r -> out.add(new CommunityDay(r.getLocalDate(0), r.getInteger(1), r.getInteger(2),
              r.getInteger(3), r.getLong(4), r.getInteger(5), r.getInteger(6), r.getInteger(7), r.getLong(8))));
          return out;
        });
  }
}
