package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.domain.DomainPolicy;
import social.hearth.core.port.DomainPolicyStore;
import social.hearth.core.port.Tx;

/** SQL for domain policies, instance-wide bans and the allowlist switch. */
public final class PgDomainPolicyStore implements DomainPolicyStore {

  private final Pool pool;

  public PgDomainPolicyStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Snapshot> load() {
    Map<String, DomainPolicy.Policy> policies = new HashMap<>();
    Map<String, OffsetDateTime> bans = new HashMap<>();
    return pool.query("SELECT domain, policy FROM domain_policies").execute()
        .compose(rows -> {
          rows.forEach(r -> policies.put(r.getString(0), policy(r.getString(1))));
          return pool.query("SELECT actor_id, until FROM instance_bans WHERE until IS NULL OR until > now()").execute();
        })
        .compose(rows -> {
          rows.forEach(r -> bans.put(r.getString(0), r.getOffsetDateTime(1) == null ? OffsetDateTime.MAX : r.getOffsetDateTime(1)));
          return pool.query("SELECT value FROM instance_settings WHERE key = 'allowlist_mode'").execute();
        })
        .map(rows -> new Snapshot(policies, bans, rows.size() > 0 && "true".equals(rows.iterator().next().getString(0))));
  }

  @Override
  public Future<List<DomainPolicy>> list() {
    return pool.query("SELECT domain, policy, reason, public_comment FROM domain_policies ORDER BY domain").execute()
        .map(rows -> {
          List<DomainPolicy> out = new ArrayList<>();
          rows.forEach(r -> out.add(new DomainPolicy(r.getString(0), policy(r.getString(1)), r.getString(2), r.getString(3))));
          return out;
        });
  }

  @Override
  public Future<Void> upsert(Tx tx, DomainPolicy p, String byWhom) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO domain_policies (domain, policy, reason, public_comment, created_by) "
            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (domain) DO UPDATE SET policy = EXCLUDED.policy, reason = EXCLUDED.reason, "
            + "public_comment = EXCLUDED.public_comment, created_by = EXCLUDED.created_by, created_at = now()")
        .execute(Tuple.of(p.domain(), p.policy().name().toLowerCase(Locale.ROOT), p.reason(), p.publicComment(), byWhom))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> remove(Tx tx, String domain) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM domain_policies WHERE domain = $1").execute(Tuple.of(domain))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Integer> endMemberships(Tx tx, String domain) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM members m USING remote_actors a WHERE a.id = m.actor_id AND "
            + "(split_part(a.host, ':', 1) = $1 OR split_part(a.host, ':', 1) LIKE $2)")
        .execute(Tuple.of(domain, "%." + domain)).map(r -> r.rowCount());
  }

  @Override
  public Future<Void> setAllowlistMode(boolean on) {
    return pool.preparedQuery("INSERT INTO instance_settings (key, value) VALUES ('allowlist_mode', $1) "
            + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value").execute(Tuple.of(String.valueOf(on))).mapEmpty();
  }

  @Override
  public Future<Void> ban(Tx tx, String actorId, String reason, OffsetDateTime until, String byWhom) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO instance_bans (actor_id, reason, until, by_whom) VALUES ($1, $2, $3, $4) "
            + "ON CONFLICT (actor_id) DO UPDATE SET reason = EXCLUDED.reason, until = EXCLUDED.until, by_whom = EXCLUDED.by_whom")
        .execute(Tuple.of(actorId, reason, until, byWhom))
        .compose(x -> PgTx.sql(tx).preparedQuery("DELETE FROM members WHERE actor_id = $1").execute(Tuple.of(actorId)))
        .compose(x -> PgTx.sql(tx).preparedQuery("DELETE FROM person_followers WHERE actor_id = $1").execute(Tuple.of(actorId)))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> unban(Tx tx, String actorId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM instance_bans WHERE actor_id = $1").execute(Tuple.of(actorId))
        .map(r -> r.rowCount() > 0);
  }

  private static DomainPolicy.Policy policy(String stored) {
    return DomainPolicy.Policy.valueOf(stored.toUpperCase(Locale.ROOT));
  }
}
