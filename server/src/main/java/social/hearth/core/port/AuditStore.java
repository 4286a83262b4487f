package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.AuditEntry;

/** SQL for the audit log. */
public interface AuditStore {

  /** Appends a line in the caller's transaction; {@code detail} (numbers, booleans, text) may be null. */
  Future<Void> record(Tx tx, Long communityId, String actor, String action, String target, String reason, String rule,
                      Map<String, Object> detail);

  /** As above, outside any transaction. */
  Future<Void> record(Long communityId, String actor, String action, String target, String reason, String rule,
                      Map<String, Object> detail);

  /** Lines matching every non-null criterion, newest first. */
  Future<List<AuditEntry>> query(Long communityId, String actor, String action, String target, OffsetDateTime since,
                                 int limit);
}
