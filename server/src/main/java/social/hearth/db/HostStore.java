package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;

/**
 * SQL for per-host federation state: software (from NodeInfo), the signature scheme that works, and delivery
 * health. A host that has failed every delivery for {@link #UNAVAILABLE_AFTER} is marked unavailable: its
 * deliveries wait, one probe is sent every {@link #PROBE_EVERY}, and the first success revives it.
 */
public final class HostStore {

  public static final Duration UNAVAILABLE_AFTER = Duration.ofDays(2);
  public static final Duration PROBE_EVERY = Duration.ofHours(6);
  /** Software whose servers understand FEP-1b12 wrapped Announces. */
  public static final java.util.Set<String> GROUP_AWARE = java.util.Set.of(
      "lemmy", "mbin", "kbin", "piefed", "nodebb", "lotide", "hearth", "friendica", "discourse");

  private final Pool pool;

  public HostStore(Pool pool) {
    this.pool = pool;
  }

  /** Records the host if new; true when its NodeInfo should be (re)read. */
  public Future<Boolean> ensure(String host) {
    return pool.preparedQuery("INSERT INTO hosts (host) VALUES ($1) ON CONFLICT (host) DO NOTHING")
        .execute(Tuple.of(host))
        .compose(x -> pool.preparedQuery("SELECT 1 FROM hosts WHERE host = $1 AND "
                + "(nodeinfo_at IS NULL OR nodeinfo_at < now() - interval '7 days')")
            .execute(Tuple.of(host)))
        .map(rows -> rows.size() > 0);
  }

  public Future<Void> setSoftware(String host, String software) {
    return setSoftware(host, software, null);
  }

  /** What the host's NodeInfo says it runs: its software (lower case) and version, either null when unknown. */
  public Future<Void> setSoftware(String host, String software, String version) {
    String name = software == null ? null : software.toLowerCase(java.util.Locale.ROOT);
    return pool.preparedQuery("UPDATE hosts SET software = $2, group_aware = $3, software_version = $4, "
            + "nodeinfo_at = now() WHERE host = $1")
        .execute(Tuple.of(host, name, name != null && GROUP_AWARE.contains(name), version)).mapEmpty();
  }

  public Future<Optional<String>> software(String host) {
    return pool.preparedQuery("SELECT software FROM hosts WHERE host = $1").execute(Tuple.of(host))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  /** A delivery succeeded; when the host had been unavailable, its waiting deliveries become due now. */
  public Future<Void> success(String host) {
    return pool.preparedQuery("UPDATE hosts h SET failing_since = NULL, last_success_at = now(), next_probe_at = NULL, failures = 0, "
            + "unavailable = false FROM (SELECT host, unavailable AS was FROM hosts WHERE host = $1 FOR UPDATE) old "
            + "WHERE h.host = old.host RETURNING old.was")
        .execute(Tuple.of(host))
        .compose(rows -> {
          boolean wasUnavailable = rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0));
          if (!wasUnavailable) {
            return Future.succeededFuture();
          }
          return pool.preparedQuery("UPDATE deliveries SET next_attempt_at = now() WHERE host = $1 AND state = 'pending' "
                  + "AND (locked_until IS NULL OR locked_until < now())")
              .execute(Tuple.of(host)).mapEmpty();
        });
  }

  /**
   * A delivery failed temporarily; marks the host unavailable once it has failed for long enough. Counts the failure
   * (since the last success) and ends a probe ({@code next_probe_at} is kept only for an unavailable host).
   */
  public Future<Boolean> failure(String host) {
    return pool.preparedQuery("INSERT INTO hosts (host, failing_since, failures, last_failure_at) VALUES ($1, now(), 1, now()) "
            + "ON CONFLICT (host) DO UPDATE SET "
            + "failing_since = COALESCE(hosts.failing_since, now()), failures = hosts.failures + 1, last_failure_at = now(), "
            + "unavailable = hosts.unavailable OR COALESCE(hosts.failing_since, now()) < now() - $2 * interval '1 second', "
            + "next_probe_at = CASE WHEN hosts.unavailable OR COALESCE(hosts.failing_since, now()) < now() - $2 * interval '1 second' "
            + "THEN now() + $3 * interval '1 second' ELSE NULL END "
            + "RETURNING unavailable")
        .execute(Tuple.of(host, UNAVAILABLE_AFTER.toSeconds(), PROBE_EVERY.toSeconds()))
        .map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }

  public Future<Optional<String>> signatureScheme(String host) {
    return pool.preparedQuery("SELECT signature_scheme FROM hosts WHERE host = $1").execute(Tuple.of(host))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  public Future<Void> rememberSignatureScheme(String host, String scheme) {
    return pool.preparedQuery("INSERT INTO hosts (host, signature_scheme) VALUES ($1, $2) "
            + "ON CONFLICT (host) DO UPDATE SET signature_scheme = EXCLUDED.signature_scheme")
        .execute(Tuple.of(host, scheme)).mapEmpty();
  }

  /** Whether the host verifies our Ed25519 RFC 9421 signatures: empty when unknown. */
  public Future<Optional<Boolean>> ed25519Signatures(String host) {
    return pool.preparedQuery("SELECT ed25519_signatures FROM hosts WHERE host = $1").execute(Tuple.of(host))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getBoolean(0)));
  }

  /** Records that the host accepted ({@code true}) or refused ({@code false}) an Ed25519 RFC 9421 signature. */
  public Future<Void> rememberEd25519Signatures(String host, boolean accepted) {
    return pool.preparedQuery("INSERT INTO hosts (host, ed25519_signatures) VALUES ($1, $2) "
            + "ON CONFLICT (host) DO UPDATE SET ed25519_signatures = EXCLUDED.ed25519_signatures")
        .execute(Tuple.of(host, accepted)).mapEmpty();
  }

  /**
   * Records that the host signs with Ed25519 itself, unless something is known already (a refusal stays); returns
   * what is now known.
   */
  public Future<Boolean> advertiseEd25519Signatures(String host) {
    return pool.preparedQuery("INSERT INTO hosts (host, ed25519_signatures) VALUES ($1, true) ON CONFLICT (host) "
            + "DO UPDATE SET ed25519_signatures = COALESCE(hosts.ed25519_signatures, true) RETURNING ed25519_signatures")
        .execute(Tuple.of(host)).map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }

  /** How many known hosts are healthy, failing (deliveries failing, not yet for long) and unavailable. */
  public record States(long healthy, long failing, long unavailable) {}

  public Future<States> states() {
    return pool.query("SELECT count(*) FILTER (WHERE failing_since IS NULL AND NOT unavailable), "
            + "count(*) FILTER (WHERE failing_since IS NOT NULL AND NOT unavailable), "
            + "count(*) FILTER (WHERE unavailable) FROM hosts")
        .execute()
        .map(rows -> {
          var r = rows.iterator().next();
          return new States(r.getLong(0), r.getLong(1), r.getLong(2));
        });
  }
}
