package social.hearth.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.AuditEntry;
import social.hearth.core.port.AuditStore;
import social.hearth.core.port.Tx;
import social.hearth.federation.vocab.JsonLimits;

/** SQL for the audit log; an entry's details are stored as JSON. */
public final class PgAuditStore implements AuditStore {

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final Pool pool;

  public PgAuditStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> record(Tx tx, Long communityId, String actor, String action, String target, String reason,
                             String rule, Map<String, Object> detail) {
    String json;
    try {
      json = detail == null ? null : JsonLimits.MAPPER.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      return Future.failedFuture(e);
    }
    return PgTx.sql(tx).preparedQuery("INSERT INTO audit_log (community_id, actor, action, target, reason, rule, detail) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)")
        .execute(Tuple.from(new Object[] {communityId, actor, action, target, reason, rule, json}))
        .mapEmpty();
  }

  @Override
  public Future<Void> record(Long communityId, String actor, String action, String target, String reason, String rule,
                             Map<String, Object> detail) {
    return record(PgTx.autoCommit(pool), communityId, actor, action, target, reason, rule, detail);
  }

  @Override
  public Future<List<AuditEntry>> query(Long communityId, String actor, String action, String target,
                                        OffsetDateTime since, int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("TRUE");
    if (communityId != null) {
      params.add(communityId);
      where.append(" AND community_id = $").append(params.size());
    }
    if (actor != null) {
      params.add(actor);
      where.append(" AND actor = $").append(params.size());
    }
    if (action != null) {
      params.add(action);
      where.append(" AND action = $").append(params.size());
    }
    if (target != null) {
      params.add(target);
      where.append(" AND target = $").append(params.size());
    }
    if (since != null) {
      params.add(since);
      where.append(" AND at >= $").append(params.size());
    }
    params.add(limit);
    return pool.preparedQuery("SELECT a.id, c.slug, a.actor, a.action, a.target, a.reason, a.rule, a.detail::text, a.at "
            + "FROM audit_log a LEFT JOIN communities c ON c.id = a.community_id WHERE " + where
            + " ORDER BY a.at DESC, a.id DESC LIMIT $" + params.size())
        .execute(Tuple.from(params)).map(rows -> {
          List<AuditEntry> out = new ArrayList<>();
          rows.forEach(r -> out.add(new AuditEntry(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
              r.getString(4), r.getString(5), r.getString(6), detail(r.getString(7)), r.getOffsetDateTime(8).toInstant())));
          return out;
        });
  }

  @Override
  public Future<List<Named>> search(Search q) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("TRUE");
    if (q.communityId() != null) {
      params.add(q.communityId());
      where.append(" AND a.community_id = $").append(params.size());
    }
    if (q.actor() != null) {
      params.add(q.actor());
      where.append(" AND a.actor = $").append(params.size());
    }
    if (q.kind() != null) {
      params.add(q.kind());
      where.append(" AND (a.action = $").append(params.size()).append(" OR a.action LIKE $").append(params.size())
          .append(" || '.%')");
    }
    if (q.member() != null) {
      params.add(q.member());
      int n = params.size();
      where.append(" AND (a.target = $").append(n).append(" OR ra.id = $").append(n)
          .append(" OR lower('@' || ra.preferred_username || '@' || ra.host) = lower($").append(n).append("))");
    }
    if (q.from() != null) {
      params.add(q.from());
      where.append(" AND a.at >= $").append(params.size());
    }
    if (q.to() != null) {
      params.add(q.to());
      where.append(" AND a.at < $").append(params.size());
    }
    params.add(q.limit());
    params.add(q.offset());
    return pool.preparedQuery("SELECT a.id, COALESCE(c.slug, a.community_slug), a.actor, a.action, a.target, a.reason, "
            + "a.rule, a.detail::text, a.at, c.name, COALESCE(NULLIF(ac.display_name, ''), NULLIF(da.display_name, '')), "
            + "ra.id, ra.name, CASE WHEN ra.preferred_username IS NULL THEN NULL ELSE '@' || ra.preferred_username || '@' "
            + "|| ra.host END, p.excerpt FROM audit_log a LEFT JOIN communities c ON c.id = a.community_id "
            + "LEFT JOIN accounts ac ON a.actor LIKE 'staff:%' AND ac.username = substr(a.actor, 7) "
            + "LEFT JOIN deleted_accounts da ON a.actor LIKE 'staff:%' AND da.username = substr(a.actor, 7) "
            + "LEFT JOIN posts p ON p.community_id = a.community_id AND p.object_id = a.target "
            + "LEFT JOIN remote_actors ra ON ra.id = COALESCE(p.author_id, a.detail->>'author', a.target) "
            + "WHERE " + where + " ORDER BY a.at DESC, a.id DESC LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size())
        .execute(Tuple.from(params)).map(rows -> {
          List<Named> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Named(new AuditEntry(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
              r.getString(4), r.getString(5), r.getString(6), detail(r.getString(7)), r.getOffsetDateTime(8).toInstant()),
              r.getString(9), r.getString(10), r.getString(11), r.getString(12), r.getString(13), r.getString(14))));
          return out;
        });
  }

  private static Map<String, Object> detail(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JsonLimits.MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }
}
