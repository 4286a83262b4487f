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
