package social.hearth.core.moderation;

import social.hearth.core.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.DomainPolicy;
import social.hearth.core.domain.DomainPolicy.Policy;
import social.hearth.core.port.DomainPolicyStore;
import social.hearth.core.port.Transactions;

/**
 * Instance-wide federation policy: domains that are blocked (nothing accepted, nothing fetched or delivered),
 * limited (new content held for review) or, in allowlist mode, allowed; and instance-wide bans of single accounts.
 * Decisions are answered from memory (reloaded every 30 seconds, and at once after a change on this node), so every
 * inbox request and outbound connection can ask.
 */
public final class DomainPolicies {

  private static final Logger LOG = LoggerFactory.getLogger(DomainPolicies.class);

  /**
   * What is answered from memory, as read by the reload numbered {@code reload}: replaced whole and never changed in
   * place, so every reader on every event loop sees one consistent load.
   */
  private record State(long reload, Map<String, Policy> policies, Map<String, OffsetDateTime> bans, boolean allowlistMode) {}

  private final DomainPolicyStore store;
  private final Transactions transactions;
  private final AuditLog audit;
  private final Vertx vertx;
  private final AtomicReference<State> state = new AtomicReference<>(new State(0, Map.of(), Map.of(), false));
  private final AtomicLong reloads = new AtomicLong();
  private volatile long timer = -1;

  public DomainPolicies(Vertx vertx, DomainPolicyStore store, Transactions transactions, AuditLog audit) {
    this.vertx = vertx;
    this.store = store;
    this.transactions = transactions;
    this.audit = audit;
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
    return store.load().map(loaded -> {
      State next = new State(ticket, Map.copyOf(loaded.policies()), Map.copyOf(loaded.bans()), loaded.allowlistMode());
      state.accumulateAndGet(next, (current, read) -> read.reload() > current.reload() ? read : current);
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
    return transactions.inTransaction(tx -> store.upsert(tx, new DomainPolicy(domain, policy, reason, publicComment), byWhom)
            .compose(x -> policy != Policy.BLOCK ? Future.succeededFuture(0) : store.endMemberships(tx, domain))
            .compose(n -> audit.record(tx, null, byWhom, "domain." + policy.name().toLowerCase(Locale.ROOT), domain, reason,
                null, null).map(n)))
        .compose(n -> reload().map(n))
        .onSuccess(n -> LOG.info("{} is now {} ({} memberships ended)", domain, policy, n));
  }

  public Future<Boolean> remove(String rawDomain, String byWhom) {
    String domain = DomainNames.normalize(rawDomain);
    return transactions.inTransaction(tx -> store.remove(tx, domain)
            .compose(removed -> audit.record(tx, null, byWhom, "domain.remove", domain, null, null, null).map(removed)))
        .compose(removed -> reload().map(removed));
  }

  public Future<List<DomainPolicy>> list() {
    return store.list();
  }

  public Future<Void> setAllowlistMode(boolean on, String byWhom) {
    return store.setAllowlistMode(on)
        .compose(x -> audit.record(null, byWhom, "instance.allowlist_mode", String.valueOf(on), null))
        .compose(x -> reload());
  }

  /** Bans an account on the whole instance (optionally until a date); its memberships end everywhere. */
  public Future<Void> ban(String actorId, String reason, OffsetDateTime until, String byWhom) {
    return transactions.inTransaction(tx -> store.ban(tx, actorId, reason, until, byWhom)
            .compose(x -> audit.record(tx, null, byWhom, "instance.ban", actorId, reason, null, null)))
        .compose(v -> reload());
  }

  public Future<Boolean> unban(String actorId, String byWhom) {
    return transactions.inTransaction(tx -> store.unban(tx, actorId)
            .compose(done -> audit.record(tx, null, byWhom, "instance.unban", actorId, null, null, null).map(done)))
        .compose(done -> reload().map(done));
  }

  // ------------------------------------------------------------------ Mastodon's CSV blocklist format

  static final String CSV_HEADER = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate";

  /** Blocks and limits in Mastodon's CSV format (suspend = block, silence = limit). */
  public Future<String> exportCsv() {
    return list().map(entries -> {
      StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
      for (DomainPolicy e : entries) {
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
