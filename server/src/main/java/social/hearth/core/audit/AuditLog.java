package social.hearth.core.audit;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.AuditEntry;
import social.hearth.core.port.AuditStore;
import social.hearth.core.port.Tx;

/**
 * Who did what, when, why and under which rule: every automatic decision that held or refused something and every
 * staff action. {@code actor} is "system" for automatic decisions, "admin" for the admin token, or a staff username.
 */
public final class AuditLog {

  /** A query over the log; null fields do not filter. */
  public record Query(Long communityId, String actor, String action, String target, OffsetDateTime since, int limit) {}

  private final AuditStore store;

  public AuditLog(AuditStore store) {
    this.store = store;
  }

  /** Details of an entry from name, value pairs (numbers, booleans, text; nulls kept). */
  public static Map<String, Object> detail(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  /** Appends a line in the caller's transaction. */
  public Future<Void> record(Tx tx, Long communityId, String actor, String action, String target, String reason,
                             String rule, Map<String, Object> detail) {
    return store.record(tx, communityId, actor, action, target, reason, rule, detail);
  }

  /** Appends a line on its own. */
  public Future<Void> record(Long communityId, String actor, String action, String target, String reason, String rule,
                             Map<String, Object> detail) {
    return store.record(communityId, actor, action, target, reason, rule, detail);
  }

  public Future<Void> record(Long communityId, String actor, String action, String target, String reason) {
    return record(communityId, actor, action, target, reason, null, null);
  }

  public Future<List<AuditEntry>> query(Query q) {
    return store.query(q.communityId(), q.actor(), q.action(), q.target(), q.since(), q.limit());
  }
}
