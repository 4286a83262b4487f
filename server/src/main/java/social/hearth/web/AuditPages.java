package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.audit.AuditText;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.AuditStore;

/**
 * The audit log as sentences in the reader's language, with names (the community, the member, the staff member),
 * filterable by staff member, kind of action, member and dates (and community, for instance admins), 50 a page:
 * a community's, and for instance admins the whole log.
 */
public final class AuditPages {

  static final int PAGE = 50;
  /** The kinds of action the filter offers (an action's first part). */
  static final List<String> KINDS = List.of("member", "post", "queue", "report", "rule", "topic", "settings", "image",
      "pin", "filter", "invite", "schedule", "staff", "community", "domain", "instance", "auto");

  private final StaffSession staff;
  private final Pages pages;
  private final AuditLog audit;
  private final AccountStore accounts;
  private final CommunityService communities;

  public AuditPages(StaffSession staff, AuditLog audit, AccountStore accounts, CommunityService communities) {
    this.staff = staff;
    this.pages = staff.pages();
    this.audit = audit;
    this.accounts = accounts;
    this.communities = communities;
  }

  public void audit(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> {
      Filter f = filter(ctx, c.id());
      return Future.all(audit.search(f.search()), accounts.staff(c.id())).map(all -> {
        Map<String, Object> m = staff.model(ctx, c, "audit");
        List<String> names = new ArrayList<>();
        all.<List<social.hearth.core.domain.StaffRole>>resultAt(1).forEach(r -> names.add(r.username()));
        fill(ctx, m, f, all.resultAt(0), names, List.of());
        return m;
      });
    }), m -> pages.render(ctx, "staff/audit", m));
  }

  public void instanceAudit(RoutingContext ctx) {
    String slug = ctx.request().getParam("community");
    Future<Long> communityId = slug == null || slug.isBlank() ? Future.succeededFuture(null)
        : communities.bySlug(slug).map(c -> c.map(Community::id).orElse(-1L));
    pages.handle(ctx, communityId.compose(id -> {
      Filter f = filter(ctx, id);
      return Future.all(audit.search(f.search()), accounts.list(), communities.list()).map(all -> {
        Map<String, Object> m = staff.adminModel(ctx, "audit");
        List<String> names = new ArrayList<>();
        all.<List<social.hearth.core.domain.Account>>resultAt(1).forEach(a -> names.add(a.username()));
        fill(ctx, m, f, all.resultAt(0), names, all.resultAt(2));
        m.put("communityFilter", slug == null ? "" : slug);
        return m;
      });
    }), m -> pages.render(ctx, "admin/audit", m));
  }

  /** The filter in the query string; a malformed date is ignored (the form shows it empty). */
  record Filter(Long communityId, String actor, String kind, String member, LocalDate from, LocalDate to, int page) {
    AuditStore.Search search() {
      return new AuditStore.Search(communityId, actor, kind, member,
          from == null ? null : from.atStartOfDay().atOffset(ZoneOffset.UTC),
          to == null ? null : to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), (page - 1) * PAGE, PAGE + 1);
    }
  }

  static Filter filter(RoutingContext ctx, Long communityId) {
    String actor = blankToNull(ctx.request().getParam("actor"));
    String kind = blankToNull(ctx.request().getParam("kind"));
    String member = blankToNull(ctx.request().getParam("member"));
    if (member != null && !member.startsWith("http") && !member.startsWith("@")) {
      member = "@" + member;
    }
    return new Filter(communityId, actor, kind != null && KINDS.contains(kind) ? kind : null,
        member == null || member.length() > 500 ? null : member, date(ctx.request().getParam("from")),
        date(ctx.request().getParam("to")), Forms.page(ctx));
  }

  private void fill(RoutingContext ctx, Map<String, Object> m, Filter f, List<AuditStore.Named> found,
                    List<String> staffNames, List<Community> communityList) {
    String lang = Pages.lang(ctx);
    Function<String, String> messages = key -> pages.i18n().has(key) ? pages.i18n().t(lang, key) : null;
    List<AuditStore.Named> shown = found.size() > PAGE ? found.subList(0, PAGE) : found;
    m.put("entries", rows(shown, messages));
    Map<String, Object> filter = new HashMap<>();
    filter.put("actor", f.actor() == null ? "" : f.actor());
    filter.put("kind", f.kind() == null ? "" : f.kind());
    filter.put("member", ctx.request().getParam("member") == null ? "" : ctx.request().getParam("member"));
    filter.put("from", f.from() == null ? "" : f.from().toString());
    filter.put("to", f.to() == null ? "" : f.to().toString());
    m.put("filter", filter);
    Map<String, String> actors = new LinkedHashMap<>();
    staffNames.forEach(n -> actors.put("staff:" + n, n));
    m.put("actors", actors);
    m.put("kinds", KINDS);
    m.put("communities", communityList);
    m.put("communityFilter", "");
    m.put("page", f.page());
    m.put("older", found.size() > PAGE ? query(ctx, f.page() + 1) : null);
    m.put("newer", f.page() > 1 ? query(ctx, f.page() - 1) : null);
  }

  /** The same filter on another page. */
  private static String query(RoutingContext ctx, int page) {
    StringBuilder q = new StringBuilder("?page=").append(page);
    for (String name : List.of("community", "actor", "kind", "member", "from", "to")) {
      String v = ctx.request().getParam(name);
      if (v != null && !v.isBlank()) {
        q.append('&').append(name).append('=').append(Pages.encode(v));
      }
    }
    return q.toString();
  }

  static List<Map<String, Object>> rows(List<AuditStore.Named> entries, Function<String, String> messages) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AuditStore.Named n : entries) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", n.entry().id());
      row.put("sentence", Pages.safe(AuditText.html(n, messages)));
      row.put("community", n.communityName() != null ? n.communityName() : n.entry().community());
      row.put("slug", n.entry().community());
      row.put("reason", n.entry().reason());
      row.put("rule", n.entry().rule());
      row.put("action", n.entry().action());
      row.put("at", OffsetDateTime.ofInstant(n.entry().at(), ZoneOffset.UTC));
      rows.add(row);
    }
    return rows;
  }

  private static LocalDate date(String s) {
    try {
      return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
