package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import social.hearth.core.port.TrendStore;

/**
 * SQL for the creators' trends (V56): each figure reads its rollup for the range only (hours, days' tags, scored
 * posts, cohort rows), so a view costs the same with a year of history as with a week. The community's time zone is
 * the one its digest is set to (V49), UTC when none.
 */
public final class PgTrendStore implements TrendStore {

  private final Pool pool;

  public PgTrendStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Trends> trends(long communityId, LocalDate from, LocalDate to, int weeks, int followWeeks, int top) {
    var start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
    var end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    LocalDate lastCohort = to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate firstCohort = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    if (firstCohort.isBefore(lastCohort.minusWeeks(weeks - 1L))) {
      firstCohort = lastCohort.minusWeeks(weeks - 1L);
    }
    LocalDate cohortsFrom = firstCohort;
    Future<Object[]> hours = pool.preparedQuery("WITH z AS (SELECT COALESCE((SELECT timezone FROM digest_settings "
            + "WHERE community_id = $1), 'UTC') AS tz) SELECT z.tz, extract(hour FROM h.slot AT TIME ZONE z.tz)::int, "
            + "sum(h.posts) FROM z LEFT JOIN community_hours h ON h.community_id = $1 AND h.slot >= $2 AND h.slot < $3 "
            + "GROUP BY 1, 2")
        .execute(Tuple.of(communityId, start, end)).map(rows -> {
          long[] counts = new long[24];
          String tz = "UTC";
          for (Row r : rows) {
            tz = r.getString(0);
            if (r.getInteger(1) != null) {
              counts[r.getInteger(1)] += r.getLong(2);
            }
          }
          return new Object[] {tz, counts};
        });
    Future<List<Topic>> topics = pool.preparedQuery("SELECT tag, sum(posts) FROM community_tags WHERE community_id = $1 "
            + "AND day BETWEEN $2 AND $3 GROUP BY tag ORDER BY 2 DESC, tag LIMIT $4")
        .execute(Tuple.of(communityId, from, to, top)).map(rows -> {
          List<Topic> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Topic(r.getString(0), r.getLong(1))));
          return out;
        });
    // the best scores first from the rollup alone, then their posts (five times as many, for the removed ones)
    Future<List<TopPost>> posts = pool.preparedQuery("SELECT p.object_id, p.excerpt, s.likes, s.replies FROM (SELECT "
            + "post_id, likes, replies FROM post_scores WHERE community_id = $1 AND day BETWEEN $2 AND $3 "
            + "AND likes + replies > 0 ORDER BY likes + replies DESC, post_id DESC LIMIT $4 * 5) s "
            + "JOIN posts p ON p.id = s.post_id WHERE p.deleted_at IS NULL ORDER BY s.likes + s.replies DESC, "
            + "s.post_id DESC LIMIT $4")
        .execute(Tuple.of(communityId, from, to, top)).map(rows -> {
          List<TopPost> out = new ArrayList<>();
          rows.forEach(r -> out.add(new TopPost(r.getString(0), r.getString(1), r.getInteger(2), r.getInteger(3))));
          return out;
        });
    Future<List<Cohort>> retention = cohortsFrom.isAfter(lastCohort) ? Future.succeededFuture(List.of())
        : pool.preparedQuery("SELECT w.cohort, (SELECT COALESCE(sum(d.joins), 0) FROM community_days d "
                + "WHERE d.community_id = $1 AND d.day >= w.cohort AND d.day < w.cohort + 7), "
                + "ARRAY(SELECT count(n.actor_id)::int FROM generate_series(0, $4) AS k (week) LEFT JOIN newcomer_weeks n "
                + "ON n.community_id = $1 AND n.cohort = w.cohort AND n.week = k.week GROUP BY k.week ORDER BY k.week) "
                + "FROM generate_series($2::date, $3::date, interval '7 days') AS g (day), LATERAL (SELECT g.day::date "
                + "AS cohort) w ORDER BY w.cohort DESC")
            .execute(Tuple.of(communityId, cohortsFrom, lastCohort, followWeeks)).map(rows -> {
              List<Cohort> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(new Cohort(r.getLocalDate(0), r.getLong(1), Arrays.asList(r.getArrayOfIntegers(2))));
              }
              return out;
            });
    return Future.all(hours, topics, posts, retention).map(all -> {
      Object[] h = all.resultAt(0);
      return new Trends((String) h[0], all.resultAt(3), all.resultAt(1), all.resultAt(2), (long[]) h[1]);
    });
  }
}
