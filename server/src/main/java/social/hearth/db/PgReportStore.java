package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.Report;
import social.hearth.core.port.ReportStore;

/** SQL for reports: received Flags and members' reports by direct message. */
public final class PgReportStore implements ReportStore {

  private static final String COLUMNS = "r.id, r.community_id, c.slug, r.reporter_id, r.accounts, r.objects, r.comment, "
      + "r.state, r.source, r.created_at, r.resolution, r.resolved_by, r.forwarded";

  private final Pool pool;

  public PgReportStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores a report; false when this Flag was already stored. */
  @Override
  public Future<Boolean> insert(String flagId, Long communityId, String reporterId, List<String> accounts,
                                List<String> objects, String comment) {
    return pool.preparedQuery("INSERT INTO reports (flag_id, community_id, reporter_id, accounts, objects, comment) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (flag_id) DO NOTHING")
        .execute(Tuple.of(flagId, communityId, reporterId, accounts.toArray(new String[0]), objects.toArray(new String[0]), comment))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Boolean> insertMessage(String messageId, long communityId, String reporterId, List<String> accounts,
                                       List<String> objects, String comment) {
    return pool.preparedQuery("INSERT INTO reports (flag_id, community_id, reporter_id, accounts, objects, comment, source) "
            + "VALUES ($1, $2, $3, $4, $5, $6, 'message') ON CONFLICT (flag_id) DO NOTHING")
        .execute(Tuple.of(messageId, communityId, reporterId, accounts.toArray(new String[0]), objects.toArray(new String[0]), comment))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<List<Report>> list(Long communityId, boolean noCommunity, String state, int offset, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM reports r LEFT JOIN communities c ON c.id = r.community_id "
            + "WHERE ($1::bigint IS NULL OR r.community_id = $1) AND (NOT $5 OR r.community_id IS NULL) "
            + "AND r.state = $2 ORDER BY r.id OFFSET $3 LIMIT $4")
        .execute(Tuple.of(communityId, state, offset, limit, noCommunity)).map(rows -> {
          List<Report> out = new ArrayList<>();
          rows.forEach(r -> out.add(map(r)));
          return out;
        });
  }

  @Override
  public Future<Optional<Report>> find(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM reports r LEFT JOIN communities c ON c.id = r.community_id "
            + "WHERE r.id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  @Override
  public Future<Boolean> belongsTo(long id, Long communityId) {
    return (communityId == null
        ? pool.preparedQuery("SELECT 1 FROM reports WHERE id = $1 AND community_id IS NULL").execute(Tuple.of(id))
        : pool.preparedQuery("SELECT 1 FROM reports WHERE id = $1 AND community_id = $2").execute(Tuple.of(id, communityId)))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> resolve(long id, String state, String resolution, String byWhom, boolean forwarded) {
    return pool.preparedQuery("UPDATE reports SET state = $2, resolution = $3, resolved_by = $4, resolved_at = now(), "
            + "forwarded = $5 WHERE id = $1").execute(Tuple.of(id, state, resolution, byWhom, forwarded)).mapEmpty();
  }

  @Override
  public Future<List<Post>> postsNamed(long communityId, List<Long> postIds, List<String> links) {
    if (postIds.isEmpty() && links.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("SELECT id, community_id, object_id, author_id, type, announce_iri, in_reply_to, "
            + "deleted_at IS NOT NULL FROM posts p WHERE p.community_id = $1 AND (p.id = ANY($2) OR p.object_id = ANY($3) "
            + "OR (md5(p.object->>'url') = ANY(SELECT md5(u) FROM unnest($3::text[]) u) AND p.object->>'url' = ANY($3))) "
            + "ORDER BY p.id")
        .execute(Tuple.of(communityId, postIds.toArray(new Long[0]), links.toArray(new String[0]))).map(rows -> {
          List<Post> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Post(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
              r.getString(5), r.getString(6), r.getBoolean(7))));
          return out;
        });
  }

  @Override
  public Future<List<ReportedPost>> reportedPosts(List<Long> reportIds) {
    if (reportIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("SELECT r.id, p.id, p.object_id, p.author_id, p.deleted_at IS NOT NULL FROM reports r "
            + "CROSS JOIN LATERAL unnest(r.objects) WITH ORDINALITY AS o(iri, n) JOIN posts p ON p.community_id = r.community_id "
            + "AND p.object_id = o.iri WHERE r.id = ANY($1) ORDER BY r.id, o.n")
        .execute(Tuple.of(reportIds.toArray(new Long[0]))).map(rows -> {
          List<ReportedPost> out = new ArrayList<>();
          rows.forEach(r -> out.add(new ReportedPost(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3),
              r.getBoolean(4))));
          return out;
        });
  }

  private static Report map(Row r) {
    return new Report(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), strings(r.getArrayOfStrings(4)),
        strings(r.getArrayOfStrings(5)), r.getString(6), r.getString(7), r.getString(8),
        r.getOffsetDateTime(9).toInstant(), r.getString(10), r.getString(11), r.getBoolean(12));
  }

  private static List<String> strings(String[] values) {
    return values == null ? List.of() : java.util.Arrays.asList(values);
  }
}
