package social.hearth.core.moderation;

import social.hearth.core.port.Tx;
import social.hearth.db.PgTx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance-wide federation policy: domains that are blocked (nothing accepted, nothing fetched or delivered),
 * limited (new content held for review) or, in allowlist mode, allowed; and instance-wide bans of single accounts.
 * Decisions are answered from memory (reloaded every 30 seconds, and at once after a change on this node), so every
 * inbox request and outbound connection can ask.
 */
public final class DomainPolicies {

  private static final Logger LOG = LoggerFactory.getLogger(DomainPolicies.class);

  /** What the instance does with a domain. */
  public enum Policy { BLOCK, LIMIT, ALLOW }

  /** A domain's entry. */
  public record Entry(String domain, Policy policy, String reason, String publicComment) {}

  /**
   * What is answered from memory, as read by the reload numbered {@code reload}: replaced whole and never changed in
   * place, so every reader on every event loop sees one consistent load.
   */
  private record State(long reload, Map<String, Policy> policies, Map<String, OffsetDateTime> bans, boolean allowlistMode) {}

  private final Pool pool;
  private final Vertx vertx;
  private final AtomicReference<State> state = new AtomicReference<>(new State(0, Map.of(), Map.of(), false));
  private final AtomicLong reloads = new AtomicLong();
  private volatile long timer = -1;

  public DomainPolicies(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public Future<Void> start() {
    timer = vertx.setPeriodic(30_000, t -> reload());
    return reload();
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /**
   * Reads the policies, the allowlist switch and the bans, and publishes them together. Reloads may overlap (the
   * periodic one, one after a change, on several event loops): one that started before another is never published
   * after it, so a change is not undone by a reload that read the database before the change was committed.
   */
  public Future<Void> reload() {
    long ticket = reloads.incrementAndGet();
    Map<String, Policy> policies = new HashMap<>();
    Map<String, OffsetDateTime> bans = new HashMap<>();
    return pool.query("SELECT domain, policy FROM domain_policies").execute()
        .compose(rows -> {
          rows.forEach(r -> policies.put(r.getString(0), Policy.valueOf(r.getString(1).toUpperCase(Locale.ROOT))));
          return pool.query("SELECT actor_id, until FROM instance_bans WHERE until IS NULL OR until > now()").execute();
        })
        .compose(rows -> {
          rows.forEach(r -> bans.put(r.getString(0), r.getOffsetDateTime(1) == null ? OffsetDateTime.MAX : r.getOffsetDateTime(1)));
          return pool.query("SELECT value FROM instance_settings WHERE key = 'allowlist_mode'").execute();
        })
        .map(rows -> {
          boolean allowlist = rows.size() > 0 && "true".equals(rows.iterator().next().getString(0));
          State next = new State(ticket, Map.copyOf(policies), Map.copyOf(bans), allowlist);
          state.accumulateAndGet(next, (current, loaded) -> loaded.reload() > current.reload() ? loaded : current);
          return null;
        });
  }

  /** The policy that applies to a host (the most specific rule wins); allowlist mode blocks unlisted hosts. */
  public Policy decide(String host) {
    String h = DomainNames.hostOf(host);
    if (h == null) {
      return Policy.BLOCK;
    }
    State s = state.get();
    for (String d = h; d != null; d = parent(d)) {
      Policy found = s.policies().get(d);
      if (found != null) {
        return found;
      }
    }
    return s.allowlistMode() ? Policy.BLOCK : Policy.ALLOW;
  }

  private static String parent(String domain) {
    int dot = domain.indexOf('.');
    return dot < 0 ? null : domain.substring(dot + 1);
  }

  public boolean blocked(String hostOrIri) {
    return decide(hostOrIri) == Policy.BLOCK;
  }

  public boolean limited(String hostOrIri) {
    return decide(hostOrIri) == Policy.LIMIT;
  }

  /** Whether the account is banned instance-wide now. */
  public boolean banned(String actorId) {
    OffsetDateTime until = state.get().bans().get(actorId);
    return until != null && until.isAfter(OffsetDateTime.now());
  }

  public boolean allowlistMode() {
    return state.get().allowlistMode();
  }

  // ------------------------------------------------------------------ changes

  /**
   * Sets a domain's policy. Blocking also ends every membership from that domain, so nothing more is delivered
   * there; returns how many memberships ended.
   */
  public Future<Integer> set(String rawDomain, Policy policy, String reason, String publicComment, String byWhom) {
    String domain = DomainNames.normalize(rawDomain);
    return PgTx.transactions(pool).inTransaction(tx -> PgTx.sql(tx).preparedQuery("INSERT INTO domain_policies (domain, policy, reason, public_comment, created_by) "
            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (domain) DO UPDATE SET policy = EXCLUDED.policy, reason = EXCLUDED.reason, "
            + "public_comment = EXCLUDED.public_comment, created_by = EXCLUDED.created_by, created_at = now()")
        .execute(Tuple.of(domain, policy.name().toLowerCase(Locale.ROOT), reason, publicComment, byWhom))
        .compose(x -> policy != Policy.BLOCK ? Future.succeededFuture(0)
            : PgTx.sql(tx).preparedQuery("DELETE FROM members m USING remote_actors a WHERE a.id = m.actor_id AND "
                    + "(split_part(a.host, ':', 1) = $1 OR split_part(a.host, ':', 1) LIKE $2)")
                .execute(Tuple.of(domain, "%." + domain)).map(r -> r.rowCount()))
        .compose(n -> PgTx.sql(tx).preparedQuery("INSERT INTO audit_log (actor, action, target, reason) VALUES ($1, $2, $3, $4)")
            .execute(Tuple.of(byWhom, "domain." + policy.name().toLowerCase(Locale.ROOT), domain, reason)).map(n)))
        .compose(n -> reload().map(n))
        .onSuccess(n -> LOG.info("{} is now {} ({} memberships ended)", domain, policy, n));
  }

  public Future<Boolean> remove(String rawDomain, String byWhom) {
    String domain = DomainNames.normalize(rawDomain);
    return PgTx.transactions(pool).inTransaction(tx -> PgTx.sql(tx).preparedQuery("DELETE FROM domain_policies WHERE domain = $1").execute(Tuple.of(domain))
            .compose(r -> PgTx.sql(tx).preparedQuery("INSERT INTO audit_log (actor, action, target) VALUES ($1, 'domain.remove', $2)")
                .execute(Tuple.of(byWhom, domain)).map(r.rowCount() > 0)))
        .compose(removed -> reload().map(removed));
  }

  public Future<List<Entry>> list() {
    return pool.query("SELECT domain, policy, reason, public_comment FROM domain_policies ORDER BY domain").execute()
        .map(rows -> {
          List<Entry> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Entry(r.getString(0), Policy.valueOf(r.getString(1).toUpperCase(Locale.ROOT)),
              r.getString(2), r.getString(3))));
          return out;
        });
  }

  public Future<Void> setAllowlistMode(boolean on, String byWhom) {
    return pool.preparedQuery("INSERT INTO instance_settings (key, value) VALUES ('allowlist_mode', $1) "
            + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value").execute(Tuple.of(String.valueOf(on)))
        .compose(x -> pool.preparedQuery("INSERT INTO audit_log (actor, action, target) VALUES ($1, 'instance.allowlist_mode', $2)")
            .execute(Tuple.of(byWhom, String.valueOf(on))))
        .compose(x -> reload());
  }

  /** Bans an account on the whole instance (optionally until a date); its memberships end everywhere. */
  public Future<Void> ban(String actorId, String reason, OffsetDateTime until, String byWhom) {
    return PgTx.transactions(pool).inTransaction(tx -> PgTx.sql(tx).preparedQuery("INSERT INTO instance_bans (actor_id, reason, until, by_whom) VALUES ($1, $2, $3, $4) "
            + "ON CONFLICT (actor_id) DO UPDATE SET reason = EXCLUDED.reason, until = EXCLUDED.until, by_whom = EXCLUDED.by_whom")
        .execute(Tuple.of(actorId, reason, until, byWhom))
        .compose(x -> PgTx.sql(tx).preparedQuery("DELETE FROM members WHERE actor_id = $1").execute(Tuple.of(actorId)))
        .compose(x -> PgTx.sql(tx).preparedQuery("INSERT INTO audit_log (actor, action, target, reason) VALUES ($1, 'instance.ban', $2, $3)")
            .execute(Tuple.of(byWhom, actorId, reason))).<Void>mapEmpty())
        .compose(v -> reload());
  }

  public Future<Boolean> unban(String actorId, String byWhom) {
    return PgTx.transactions(pool).inTransaction(tx -> PgTx.sql(tx).preparedQuery("DELETE FROM instance_bans WHERE actor_id = $1").execute(Tuple.of(actorId))
            .compose(r -> PgTx.sql(tx).preparedQuery("INSERT INTO audit_log (actor, action, target) VALUES ($1, 'instance.unban', $2)")
                .execute(Tuple.of(byWhom, actorId)).map(r.rowCount() > 0)))
        .compose(done -> reload().map(done));
  }

  // ------------------------------------------------------------------ Mastodon's CSV blocklist format

  static final String CSV_HEADER = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate";

  /** Blocks and limits in Mastodon's CSV format (suspend = block, silence = limit). */
  public Future<String> exportCsv() {
    return list().map(entries -> {
      StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
      for (Entry e : entries) {
        if (e.policy() == Policy.ALLOW) {
          continue;
        }
        out.append(e.domain()).append(',').append(e.policy() == Policy.BLOCK ? "suspend" : "silence")
            .append(",false,false,").append(csv(e.publicComment())).append(",false\n");
      }
      return out.toString();
    });
  }

  /** Result of an import. */
  public record Imported(int applied, List<String> skipped) {}

  /** Imports Mastodon's CSV (with or without the header; also a plain list of domains, taken as blocks). */
  public Future<Imported> importCsv(String csv, String byWhom) {
    List<String[]> rows = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new StringReader(csv))) {
      String line;
      int count = 0;
      while ((line = in.readLine()) != null) {
        if (++count > 100_000) {
          skipped.add("lines after 100000");
          break;
        }
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#domain") || line.startsWith("domain,")) {
          continue;
        }
        List<String> cells = parseCsvLine(line);
        String severity = cells.size() > 1 ? cells.get(1).strip().toLowerCase(Locale.ROOT) : "suspend";
        Policy policy = switch (severity) {
          case "suspend", "" -> Policy.BLOCK;
          case "silence" -> Policy.LIMIT;
          default -> null;
        };
        String domain;
        try {
          domain = DomainNames.normalize(cells.get(0));
        } catch (IllegalArgumentException e) {
          skipped.add(cells.get(0) + ": not a domain name");
          continue;
        }
        if (policy == null) {
          skipped.add(domain + ": severity " + severity + " has no effect here");
          continue;
        }
        rows.add(new String[] {domain, policy.name(), cells.size() > 4 ? cells.get(4) : null});
      }
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    Future<Integer> chain = Future.succeededFuture(0);
    for (String[] r : rows) {
      chain = chain.compose(n -> set(r[0], Policy.valueOf(r[1]), "imported", r[2], byWhom).map(x -> n + 1));
    }
    return chain.map(n -> new Imported(n, skipped));
  }

  static List<String> parseCsvLine(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    cells.add(cur.toString());
    return cells;
  }

  private static String csv(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    return "\"" + value.replace("\"", "\"\"").replace("\n", " ") + "\"";
  }
}
