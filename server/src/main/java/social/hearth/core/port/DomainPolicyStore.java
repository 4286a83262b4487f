package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.DomainPolicy;

/** SQL for the instance's federation policy: domain policies, instance-wide bans and allowlist mode. */
public interface DomainPolicyStore {

  /** Everything the policy answers from memory, read together. */
  record Snapshot(Map<String, DomainPolicy.Policy> policies, Map<String, OffsetDateTime> bans, boolean allowlistMode) {}

  /** The policies, the bans in force (an unlimited ban until {@link OffsetDateTime#MAX}) and the allowlist switch. */
  Future<Snapshot> load();

  /** Every domain policy, by domain. */
  Future<List<DomainPolicy>> list();

  /** Sets (or replaces) a domain's policy. */
  Future<Void> upsert(Tx tx, DomainPolicy policy, String byWhom);

  /** Removes a domain's policy; false when there was none. */
  Future<Boolean> remove(Tx tx, String domain);

  /** Ends every membership of accounts on the domain or its subdomains; returns how many ended. */
  Future<Integer> endMemberships(Tx tx, String domain);

  Future<Void> setAllowlistMode(boolean on);

  /** Bans an account on the whole instance (until a date, or for good with null) and ends its memberships. */
  Future<Void> ban(Tx tx, String actorId, String reason, OffsetDateTime until, String byWhom);

  /** Lifts an instance ban; false when the account was not banned. */
  Future<Boolean> unban(Tx tx, String actorId);
}
