package social.hearth.web;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import social.hearth.core.moderation.FederationHealth;
import social.hearth.core.port.FederationHealthQueries;
import social.hearth.core.port.FederationHealthQueries.Server;

/**
 * Federation health, for instance admins ({@code /staff/admin/federation}): the servers Hearth talks to, problems
 * first, with what NodeInfo says they run, the members there, delivery health and backlog, and what the inboxes
 * refused from them by reason; "Retry now" makes a host's pending deliveries due at once. One card per server, so
 * it reads on a phone as on a desktop.
 */
public final class FederationPages {

  /** The refusal codes of each reason shown; any other code is a signature failure. */
  static final Map<String, Set<String>> REASONS = reasons();

  private final StaffSession staff;
  private final Pages pages;
  private final FederationHealth health;

  public FederationPages(StaffSession staff, FederationHealth health) {
    this.staff = staff;
    this.pages = staff.pages();
    this.health = health;
  }

  private static Map<String, Set<String>> reasons() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("blocked", Set.of("blocked_domain", "banned"));
    m.put("rate_limited", Set.of("key_fetch_limited"));
    m.put("invalid", Set.of("invalid_activity", "unsupported_media_type", "forged_origin"));
    m.put("rejected", Set.of("rejected"));
    return m;
  }

  /** The reason a refusal code is shown under: blocked, rate_limited, invalid, rejected or signature. */
  static String reason(String code) {
    for (Map.Entry<String, Set<String>> e : REASONS.entrySet()) {
      if (e.getValue().contains(code)) {
        return e.getKey();
      }
    }
    return "signature";
  }

  public void page(RoutingContext ctx) {
    var q = ctx.request();
    String search = Forms.nz(q.getParam("search")).strip();
    boolean problems = q.getParam("problems") != null && !q.getParam("problems").isEmpty();
    String sort = FederationHealth.sort(q.getParam("sort")).name().toLowerCase(Locale.ROOT);
    int page;
    try {
      page = Math.max(1, Integer.parseInt(q.getParam("page", "1")));
    } catch (NumberFormatException e) {
      page = 1;
    }
    int current = page;
    pages.handle(ctx, health.servers(search, problems, sort, page), result -> {
      Map<String, Object> m = staff.adminModel(ctx, "federation");
      m.put("search", search);
      m.put("problems", problems);
      m.put("sort", sort);
      m.put("sorts", List.of("problems", "host", "backlog", "members", "refusals"));
      m.put("servers", result.servers().stream().map(FederationPages::row).toList());
      m.put("total", result.total());
      m.put("page", current);
      m.put("more", (long) current * FederationHealth.PAGE_SIZE < result.total());
      m.put("query", "search=" + Pages.encode(search) + (problems ? "&problems=1" : "") + "&sort=" + sort);
      m.put("days", FederationHealthQueries.REFUSAL_DAYS);
      pages.render(ctx, "admin/federation", m);
    });
  }

  private static Map<String, Object> row(Server s) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("host", s.host());
    r.put("software", s.software());
    r.put("version", s.version());
    r.put("members", s.members());
    r.put("lastSuccess", s.lastSuccess());
    r.put("state", s.state().name().toLowerCase(Locale.ROOT));
    r.put("failingSince", s.failingSince());
    r.put("failures", s.failures());
    r.put("lastFailure", s.lastFailure());
    r.put("nextProbe", s.nextProbe());
    r.put("backlog", s.backlog());
    r.put("retrying", s.retrying());
    r.put("oldestPending", s.oldestPending());
    r.put("lastError", s.lastError() == null ? null : Forms.clip(s.lastError(), 300));
    r.put("refused", s.refused());
    Map<String, List<FederationHealthQueries.Refusal>> byReason = new LinkedHashMap<>();
    for (FederationHealthQueries.Refusal refusal : s.refusals()) {
      byReason.computeIfAbsent(reason(refusal.code()), k -> new ArrayList<>()).add(refusal);
    }
    List<Map<String, Object>> reasons = new ArrayList<>();
    byReason.forEach((reason, list) -> reasons.add(Map.of("reason", reason,
        "count", list.stream().mapToLong(FederationHealthQueries.Refusal::count).sum(),
        "codes", String.join(", ", list.stream().map(x -> x.code() + " ×" + x.count()).toList()))));
    r.put("refusals", reasons);
    r.put("canRetry", s.backlog() > 0 || !s.state().equals(FederationHealthQueries.State.AVAILABLE));
    return r;
  }

  /** Retry now: the host's pending deliveries are due at once, its next delivery its probe; back to that host. */
  public void retry(RoutingContext ctx) {
    String host = Forms.nz(ctx.request().formAttributes().get("host")).strip().toLowerCase(Locale.ROOT);
    pages.handle(ctx, health.retry(host, StaffSession.by(ctx)),
        n -> StaffSession.redirect(ctx, "/staff/admin/federation?notice=federation_retried&search=" + Pages.encode(host)));
  }
}
