package social.hearth.core.moderation;

import social.hearth.db.PgTx;
import social.hearth.core.port.Tx;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Who did what, when, why and under which rule: every automatic decision that held or refused something and every
 * staff action. {@code actor} is "system" for automatic decisions, "admin" for the admin token, or a staff username.
 */
public final class AuditLog {

  /** A query over the log; null fields do not filter. */
  public record Query(Long communityId, String actor, String action, String target, OffsetDateTime since, int limit) {}

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> record(Tx client, Long communityId, String actor, String action, String target, String reason,
                             String rule, JsonNode detail) {
    return PgTx.sql(client).preparedQuery("INSERT INTO audit_log (community_id, actor, action, target, reason, rule, detail) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)")
        .execute(Tuple.from(new Object[] {communityId, actor, action, target, reason, rule, detail == null ? null : detail.toString()}))
        .mapEmpty();
  }

  public Future<Void> record(Long communityId, String actor, String action, String target, String reason) {
    return record(PgTx.autoCommit(pool), communityId, actor, action, target, reason, null, null);
  }

  public Future<ArrayNode> query(Query q) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("TRUE");
    if (q.communityId() != null) {
      params.add(q.communityId());
      where.append(" AND community_id = $").append(params.size());
    }
    if (q.actor() != null) {
      params.add(q.actor());
      where.append(" AND actor = $").append(params.size());
    }
    if (q.action() != null) {
      params.add(q.action());
      where.append(" AND action = $").append(params.size());
    }
    if (q.target() != null) {
      params.add(q.target());
      where.append(" AND target = $").append(params.size());
    }
    if (q.since() != null) {
      params.add(q.since());
      where.append(" AND at >= $").append(params.size());
    }
    params.add(q.limit());
    return pool.preparedQuery("SELECT a.id, c.slug, a.actor, a.action, a.target, a.reason, a.rule, a.detail::text, a.at "
            + "FROM audit_log a LEFT JOIN communities c ON c.id = a.community_id WHERE " + where
            + " ORDER BY a.at DESC, a.id DESC LIMIT $" + params.size())
        .execute(Tuple.from(params)).map(rows -> {
          ArrayNode out = JsonLimits.MAPPER.createArrayNode();
          rows.forEach(r -> {
            var n = out.addObject().put("id", r.getLong(0)).put("community", r.getString(1)).put("actor", r.getString(2))
                .put("action", r.getString(3)).put("target", r.getString(4)).put("reason", r.getString(5))
                .put("rule", r.getString(6)).put("at", r.getOffsetDateTime(8).toInstant().toString());
            try {
              n.set("detail", r.getString(7) == null ? null : JsonLimits.MAPPER.readTree(r.getString(7)));
            } catch (Exception e) {
              n.putNull("detail");
            }
          });
          return out;
        });
  }
}
