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

  /**
   * What the readable log is filtered by (null = any): community, who acted ({@code staff:name}, {@code admin},
   * {@code system}), the kind of action (its first part, {@code rule}, or the whole code), the member concerned (an
   * actor IRI or {@code @user@host}), and a time range ({@code from} inclusive, {@code to} exclusive).
   */
  record Search(Long communityId, String actor, String kind, String member, OffsetDateTime from, OffsetDateTime to,
                int offset, int limit) {}

  /**
   * An entry with the names it mentions: the community's name (null when purged), the staff member's display name
   * (kept when the account was deleted), the member concerned (the target, a post's author, or the detail's
   * {@code author}) with their display name and handle, and the post's excerpt when the target is a post.
   */
  record Named(AuditEntry entry, String communityName, String actorName, String memberId, String memberName,
               String memberHandle, String postExcerpt) {}

  /** A page of the readable log, newest first. */
  Future<List<Named>> search(Search search);

  /** Lines matching every non-null criterion, newest first. */
  Future<List<AuditEntry>> query(Long communityId, String actor, String action, String target, OffsetDateTime since,
                                 int limit);
}
