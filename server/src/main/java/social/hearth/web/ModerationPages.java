package social.hearth.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import social.hearth.Services;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.AuditLog;
import java.time.ZoneOffset;
import social.hearth.core.domain.AuditEntry;
import social.hearth.core.domain.DomainPolicy;
import social.hearth.core.domain.DryRunResult;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.Report;
import social.hearth.core.moderation.QueueItem;
import social.hearth.core.moderation.Reason;
import social.hearth.core.moderation.FilterRule;
import social.hearth.core.moderation.Reports;

/**
 * The moderation pages: a community's queue of held posts with the reasons each was held, its reports with the
 * actions that resolve them, its filters (with a dry-run over recent posts before saving), and its audit log; for
 * instance admins, domain policies (with Mastodon-compatible CSV import and export), instance bans and allowlist
 * mode, and the whole audit log. Every action goes through the moderation services.
 */
public final class ModerationPages {

  static final int LIST_LIMIT = 100;
  static final int CSV_LIMIT = 1024 * 1024;

  private final Services s;
  private final Pages pages;
  private final StaffPages staff;

  public ModerationPages(Services s, Pages pages, StaffPages staff) {
    this.s = s;
    this.pages = pages;
    this.staff = staff;
  }

  private static String by(RoutingContext ctx) {
    return "staff:" + StaffPages.session(ctx).username();
  }

  // ------------------------------------------------------------------ queue

  public void queue(RoutingContext ctx) {
    String state = ctx.request().getParam("state", "held");
    String shown = List.of("held", "approved", "declined", "rejected").contains(state) ? state : "held";
    pages.handle(ctx, staff.community(ctx, false).compose(c -> s.moderation().queue(c.id(), shown, LIST_LIMIT)
        .compose(items -> withPeople(items).map(people -> {
          Map<String, Object> m = staff.model(ctx, c, "queue");
          List<Map<String, Object>> rows = new ArrayList<>();
          for (QueueItem item : items) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", item.id());
            row.put("kind", item.kind());
            row.put("object", WebQueries.httpUrl(item.objectId()));
            row.put("author", people.get(item.authorId()));
            row.put("content", Pages.safe(item.content() == null ? "" : item.content()));
            row.put("summary", item.summary());
            row.put("createdAt", OffsetDateTime.ofInstant(item.createdAt(), ZoneOffset.UTC));
            row.put("decidedBy", item.decidedBy());
            row.put("reasons", reasons(item.reasons(), Pages.lang(ctx)));
            rows.add(row);
          }
          m.put("items", rows);
          m.put("state", shown);
          return m;
        }))), m -> pages.render(ctx, "staff/queue", m));
  }

  /**
   * Reasons as the page shows them: the filter's kind and what it found, both in the reader's language
   * ({@code reason.<key>} with the reason's values in order); the stored English sentence when no translation exists.
   */
  private List<Map<String, String>> reasons(List<Reason> reasons, String lang) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Reason r : reasons) {
      String code = r.code() == null ? "" : r.code();
      Map<String, String> reason = new HashMap<>();
      reason.put("label", pages.i18n().has("filter.kind." + code) ? "filter.kind." + code : "filter.kind.other");
      String key = "reason." + (r.key() == null ? code : r.key());
      if (pages.i18n().has(key)) {
        List<Object> values = new ArrayList<>();
        if (r.args() != null) {
          r.args().values().forEach(v -> values.add(v == null ? "null" : v));
        }
        reason.put("message", pages.i18n().t(lang, key, values.toArray()));
      } else {
        reason.put("message", r.message() == null ? "" : r.message());
      }
      reason.put("action", "reject".equals(r.action()) ? "filter.action.reject" : "filter.action.hold");
      out.add(reason);
    }
    return out;
  }

  public void decide(RoutingContext ctx) {
    long id = id(ctx);
    String decision = ctx.pathParam("decision");
    String notice = StaffPages.clip(ctx.request().getFormAttribute("notice"), 1000);
    staff.act(ctx, false, (session, c) -> switch (decision) {
      case "approve" -> s.moderation().approve(c, id, by(ctx)).map("item_approved");
      case "decline" -> s.moderation().decline(c, id, notice, by(ctx)).map("item_declined");
      default -> Future.failedFuture(WebException.notFound());
    }, c -> "/staff/c/" + c.slug() + "/queue");
  }

  // ------------------------------------------------------------------ reports

  public void reports(RoutingContext ctx) {
    String state = reportState(ctx);
    pages.handle(ctx, staff.community(ctx, false).compose(c -> s.moderationReports().list(c.id(), state, LIST_LIMIT)
        .compose(this::reportRows).map(rows -> {
          Map<String, Object> m = staff.model(ctx, c, "reports");
          m.put("reports", rows);
          m.put("state", state);
          return m;
        })), m -> pages.render(ctx, "staff/reports", m));
  }

  private static String reportState(RoutingContext ctx) {
    String state = ctx.request().getParam("state", "open");
    return List.of("open", "resolved", "dismissed").contains(state) ? state : "open";
  }

  /** Reports as the pages show them, with the names of the people involved. */
  private Future<List<Map<String, Object>>> reportRows(List<Report> list) {
    Set<String> ids = new LinkedHashSet<>();
    for (Report r : list) {
      ids.add(r.reporterId());
      ids.addAll(r.accounts());
    }
    return people(ids).map(people -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Report r : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", r.id());
        row.put("community", r.community());
        row.put("reporter", people.get(r.reporterId()));
        List<WebQueries.Person> accounts = new ArrayList<>();
        r.accounts().forEach(a -> accounts.add(people.get(a)));
        row.put("accounts", accounts);
        List<String> objects = new ArrayList<>();
        r.objects().forEach(o -> {
          String url = WebQueries.httpUrl(o);
          if (url != null) {
            objects.add(url);
          }
        });
        row.put("objects", objects);
        row.put("comment", r.comment() == null ? "" : r.comment());
        row.put("source", r.source() == null ? "flag" : r.source());
        row.put("createdAt", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
        row.put("resolution", r.resolution());
        row.put("resolvedBy", r.resolvedBy());
        rows.add(row);
      }
      return rows;
    });
  }

  /** Reports that concern no community here (forwarded by other servers): an instance admin reads and dismisses them. */
  public void instanceReports(RoutingContext ctx) {
    String state = reportState(ctx);
    pages.handle(ctx, s.moderationReports().list(null, state, 1000).compose(all -> {
      List<Report> unassigned = new ArrayList<>();
      for (Report r : all) {
        if (r.community() == null && unassigned.size() < LIST_LIMIT) {
          unassigned.add(r);
        }
      }
      return reportRows(unassigned);
    }), rows -> {
      Map<String, Object> m = adminModel(ctx, "reports");
      m.put("reports", rows);
      m.put("state", state);
      pages.render(ctx, "admin/reports", m);
    });
  }

  public void dismissInstanceReport(RoutingContext ctx) {
    long id = id(ctx);
    pages.handle(ctx, s.moderationReports().belongsTo(id, null)
        .compose(found -> !found ? Future.failedFuture(WebException.notFound())
            : s.moderationReports().resolve(id, Reports.Action.DISMISS, ctx.request().getFormAttribute("forward") != null,
                StaffPages.clip(ctx.request().getFormAttribute("note"), 1000), by(ctx))),
        x -> StaffPages.redirect(ctx, "/staff/admin/reports?notice=report_dismissed"));
  }

  public void resolve(RoutingContext ctx) {
    long id = id(ctx);
    var f = ctx.request().formAttributes();
    staff.act(ctx, false, (session, c) -> {
      Reports.Action action;
      try {
        action = Reports.Action.valueOf(String.valueOf(f.get("action")).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      String note = StaffPages.clip(f.get("note"), 1000);
      boolean forward = f.get("forward") != null;
      // the report must belong to this community: the service resolves any report by its id
      return s.moderationReports().belongsTo(id, c.id())
          .compose(found -> !found ? Future.failedFuture(WebException.notFound())
              : s.moderationReports().resolve(id, action, forward, note, by(ctx)).map(action == Reports.Action.DISMISS
                  ? "report_dismissed" : "report_resolved"));
    }, c -> "/staff/c/" + c.slug() + "/reports");
  }

  // ------------------------------------------------------------------ audit log

  public void audit(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> s.moderation().audit()
        .query(new AuditLog.Query(c.id(), null, null, null, null, 200)).map(entries -> {
          Map<String, Object> m = staff.model(ctx, c, "audit");
          m.put("entries", auditRows(entries));
          return m;
        })), m -> pages.render(ctx, "staff/audit", m));
  }

  static List<Map<String, Object>> auditRows(List<AuditEntry> entries) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AuditEntry e : entries) {
      Map<String, Object> row = new HashMap<>();
      row.put("community", e.community());
      row.put("actor", e.actor() == null ? "" : e.actor());
      row.put("action", e.action() == null ? "" : e.action());
      row.put("target", e.target());
      row.put("reason", e.reason());
      row.put("rule", e.rule());
      row.put("at", OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
      rows.add(row);
    }
    return rows;
  }

  // ------------------------------------------------------------------ filters

  public void filters(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, true).compose(c -> filtersModel(ctx, c, null, null)),
        m -> pages.render(ctx, "staff/filters", m));
  }

  private Future<Map<String, Object>> filtersModel(RoutingContext ctx, Community c, Map<String, Object> form, DryRunResult dryRun) {
    return s.moderation().filters().list(c.id()).map(list -> {
      Map<String, Object> m = staff.model(ctx, c, "filters");
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Filter f : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", f.id());
        row.put("kind", f.kind());
        row.put("action", f.action());
        row.put("enabled", f.enabled());
        row.put("form", formOf(f.kind(), configTree(f.config())));
        rows.add(row);
      }
      m.put("filters", rows);
      m.put("kinds", FilterRule.KINDS);
      m.put("form", form == null ? Map.of("kind", "keywords", "action", "hold", "words", "", "number", "", "pattern", "",
          "allow", "", "deny", "", "newcomerPeriod", true, "days", "30") : form);
      m.put("dryRun", dryRun == null ? null : dryRunRows(dryRun));
      return m;
    });
  }

  /** A stored filter's configuration as a tree (an empty one when unreadable). */
  private static JsonNode configTree(String config) {
    try {
      return JsonLimits.MAPPER.readTree(config);
    } catch (Exception e) {
      return JsonLimits.MAPPER.createObjectNode();
    }
  }

  private static Map<String, Object> dryRunRows(DryRunResult r) {
    Map<String, Object> out = new HashMap<>();
    out.put("days", r.days());
    out.put("examined", r.examined());
    out.put("matched", r.matched());
    List<Map<String, Object>> matches = new ArrayList<>();
    for (DryRunResult.Match m : r.matches()) {
      Map<String, Object> row = new HashMap<>();
      row.put("author", m.author());
      row.put("object", WebQueries.httpUrl(m.object()));
      row.put("was", m.was());
      row.put("reason", m.reason());
      row.put("excerpt", m.excerpt());
      matches.add(row);
    }
    out.put("matches", matches);
    return out;
  }

  /** The form fields of a stored filter's configuration. */
  private static Map<String, Object> formOf(String kind, JsonNode config) {
    Map<String, Object> f = new HashMap<>();
    f.put("kind", kind);
    f.put("words", lines(config.has("words") ? config.get("words") : config.path("hashtags")));
    f.put("pattern", config.path("pattern").asText(""));
    String number = "";
    for (String field : List.of("max", "minDays", "firstPosts", "minutes")) {
      if (config.has(field)) {
        number = config.get(field).asText();
      }
    }
    f.put("number", number);
    f.put("allow", lines(config.path("allow")));
    f.put("deny", lines(config.path("deny")));
    f.put("newcomerPeriod", !config.has("newcomerPeriod") || config.path("newcomerPeriod").asBoolean(true));
    return f;
  }

  private static String lines(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join("\n", out);
  }

  /** The filter configuration the form describes, in the shape each kind expects. */
  static ObjectNode config(String kind, Map<String, Object> form) {
    ObjectNode c = JsonLimits.MAPPER.createObjectNode();
    String number = String.valueOf(form.get("number")).strip();
    switch (kind) {
      case "keywords", "sensitive_words" -> list(c.putArray("words"), form.get("words"));
      case "topics" -> list(c.putArray("hashtags"), form.get("words"));
      case "regex" -> c.put("pattern", String.valueOf(form.get("pattern")));
      case "links" -> {
        if (!number.isEmpty()) {
          c.put("max", StaffPages.number(number, 0, 1000, "error.number"));
        }
        list(c.putArray("allow"), form.get("allow"));
        list(c.putArray("deny"), form.get("deny"));
      }
      case "mentions" -> c.put("max", StaffPages.number(number, 0, 1000, "error.number"));
      case "account_age" -> c.put("minDays", StaffPages.number(number, 1, 3650, "error.number"));
      case "probation" -> c.put("firstPosts", StaffPages.number(number, 0, 1000, "error.number"))
          .put("newcomerPeriod", Boolean.TRUE.equals(form.get("newcomerPeriod")));
      case "slow_mode" -> c.put("minutes", StaffPages.number(number, 1, 10080, "error.number"));
      case "attachments" -> c.put("allowed", false);
      default -> throw WebException.badRequest("error.bad_request");
    }
    return c;
  }

  private static void list(ArrayNode out, Object text) {
    for (String line : String.valueOf(text).split("\\r?\\n")) {
      String t = line.strip().replaceFirst("^#", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
  }

  /** Create, update, delete, or try (dry-run) a filter. */
  public void saveFilter(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Map<String, Object> form = new HashMap<>();
    form.put("kind", StaffPages.nz(f.get("kind")));
    form.put("action", "reject".equals(f.get("action")) ? "reject" : "hold");
    for (String field : List.of("words", "number", "pattern", "allow", "deny")) {
      form.put(field, StaffPages.nz(f.get(field)));
    }
    form.put("newcomerPeriod", f.get("newcomerPeriod") != null);
    form.put("days", StaffPages.nz(f.get("days")).isBlank() ? "30" : f.get("days"));
    String todo = StaffPages.nz(f.get("do"));
    String idParam = f.get("id");
    pages.handle(ctx, staff.community(ctx, true), c -> {
      if (todo.equals("delete")) {
        staff.act(ctx, true, (session, com) -> s.moderation().filters().delete(com.id(), parse(idParam)).map("filter_deleted"),
            com -> "/staff/c/" + com.slug() + "/filters");
        return;
      }
      String kind = (String) form.get("kind");
      ObjectNode config;
      int days;
      try {
        if (!FilterRule.KINDS.contains(kind)) {
          throw WebException.badRequest("error.bad_request");
        }
        config = config(kind, form);
        days = StaffPages.number((String) form.get("days"), 1, 90, "error.days");
      } catch (WebException e) {
        filterError(ctx, c, form, e.messageKey());
        return;
      }
      String action = (String) form.get("action");
      boolean enabled = f.get("enabled") != null || idParam == null;
      Future<?> work = switch (todo) {
        case "dryrun" -> s.moderation().dryRun(c, kind, config.toString(), action, days);
        case "update" -> s.moderation().filters().update(c.id(), parse(idParam), kind, config.toString(), action, enabled);
        default -> s.moderation().filters().create(c.id(), kind, config.toString(), action, true);
      };
      work.onSuccess(result -> {
        if (todo.equals("dryrun")) {
          pages.handle(ctx, filtersModel(ctx, c, form, (DryRunResult) result), m -> pages.render(ctx, "staff/filters", m));
        } else {
          StaffPages.redirect(ctx, "/staff/c/" + c.slug() + "/filters?notice=filter_saved");
        }
      }).onFailure(e -> {
        if (e instanceof CoreException api && api.kind() == CoreException.Kind.INVALID) {
          ctx.put("hearth.detail", api.getMessage());
          filterError(ctx, c, form, "error.filter.invalid");
        } else if (e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT) {
          filterError(ctx, c, form, "error.filter.many");
        } else {
          pages.error(ctx, e);
        }
      });
    });
  }

  private void filterError(RoutingContext ctx, Community c, Map<String, Object> form, String key) {
    pages.handle(ctx, filtersModel(ctx, c, form, null), m -> {
      m.put("error", key);
      m.put("detail", ctx.get("hearth.detail"));
      pages.render(ctx, 400, "staff/filters", m);
    });
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id == null ? "" : id);
    } catch (NumberFormatException e) {
      throw WebException.notFound();
    }
  }

  private static long id(RoutingContext ctx) {
    return parse(ctx.pathParam("id"));
  }

  // ------------------------------------------------------------------ instance admin

  private Map<String, Object> adminModel(RoutingContext ctx, String tab) {
    Map<String, Object> m = pages.model(ctx);
    m.put("tab", tab);
    return m;
  }

  public void domains(RoutingContext ctx) {
    pages.handle(ctx, s.moderation().domains().list(), list -> {
      Map<String, Object> m = adminModel(ctx, "domains");
      m.put("domains", domainRows(list));
      m.put("allowlist", s.moderation().domains().allowlistMode());
      m.put("imported", null);
      pages.render(ctx, "admin/domains", m);
    });
  }

  private static List<Map<String, Object>> domainRows(List<DomainPolicy> list) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DomainPolicy e : list) {
      Map<String, Object> row = new HashMap<>();
      row.put("domain", e.domain());
      row.put("policy", e.policy().name().toLowerCase(Locale.ROOT));
      row.put("reason", e.reason());
      row.put("publicComment", e.publicComment());
      rows.add(row);
    }
    return rows;
  }

  public void setDomain(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String domain = StaffPages.nz(f.get("domain")).strip();
    String todo = StaffPages.nz(f.get("do"));
    Future<?> work;
    try {
      if (todo.equals("remove")) {
        work = s.moderation().domains().remove(domain, by(ctx));
      } else {
        DomainPolicy.Policy policy = StaffPages.choice(DomainPolicy.Policy.class, f.get("policy"));
        work = s.moderation().domains().set(domain, policy, StaffPages.clip(f.get("reason"), 500),
            StaffPages.clip(f.get("publicComment"), 500), by(ctx));
      }
    } catch (WebException | IllegalArgumentException e) {
      pages.error(ctx, e instanceof WebException w ? w : new WebException(400, "error.domain"));
      return;
    }
    work.onSuccess(x -> StaffPages.redirect(ctx, "/staff/admin/domains?notice=" + (todo.equals("remove") ? "domain_removed" : "domain_saved")))
        .onFailure(e -> pages.error(ctx, e instanceof IllegalArgumentException || (e instanceof CoreException a && a.kind() == CoreException.Kind.INVALID)
            ? new WebException(400, "error.domain") : e));
  }

  public void exportDomains(RoutingContext ctx) {
    s.moderation().domains().exportCsv().onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"domain_blocks.csv\"")
            .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store").end(csv))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** Imports a Mastodon domain-block CSV, uploaded as a file or pasted. */
  public void importDomains(RoutingContext ctx) {
    FileUpload upload = ctx.fileUploads().stream().filter(u -> u.name().equals("file") && u.size() > 0).findFirst().orElse(null);
    Future<String> csv = upload != null
        ? s.vertx().executeBlocking(() -> Files.readString(Path.of(upload.uploadedFileName()), StandardCharsets.UTF_8), false)
        : Future.succeededFuture(StaffPages.nz(ctx.request().getFormAttribute("csv")));
    pages.handle(ctx, csv.compose(text -> text.isBlank() ? Future.failedFuture(WebException.badRequest("error.csv"))
        : s.moderation().domains().importCsv(text, by(ctx))).recover(e -> Future.failedFuture(
            e instanceof CoreException a && a.kind() == CoreException.Kind.INVALID ? WebException.badRequest("error.csv") : e))
        .compose(imported -> s.moderation().domains().list().map(list -> {
          Map<String, Object> m = adminModel(ctx, "domains");
          m.put("domains", domainRows(list));
          m.put("allowlist", s.moderation().domains().allowlistMode());
          m.put("imported", imported);
          return m;
        })), m -> pages.render(ctx, "admin/domains", m));
  }

  public void instanceSettings(RoutingContext ctx) {
    pages.handle(ctx, s.pool().query("SELECT b.actor_id, a.name, a.preferred_username, a.host, a.document->>'url', b.reason, "
        + "b.until FROM instance_bans b LEFT JOIN remote_actors a ON a.id = b.actor_id WHERE b.until IS NULL OR b.until > now() "
        + "ORDER BY b.created_at DESC LIMIT 500").execute().map(rows -> {
          List<Map<String, Object>> bans = new ArrayList<>();
          rows.forEach(r -> {
            Map<String, Object> b = new HashMap<>();
            b.put("person", WebQueries.person(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
            b.put("reason", r.getString(5));
            b.put("until", r.getOffsetDateTime(6));
            bans.add(b);
          });
          return bans;
        }), bans -> {
          Map<String, Object> m = adminModel(ctx, "settings");
          m.put("allowlist", s.moderation().domains().allowlistMode());
          m.put("bans", bans);
          pages.render(ctx, "admin/settings", m);
        });
  }

  public void saveInstanceSettings(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    pages.handle(ctx, s.moderation().domains().setAllowlistMode(f.get("allowlist") != null, by(ctx)),
        x -> StaffPages.redirect(ctx, "/staff/admin/settings?notice=saved"));
  }

  public void instanceBan(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String todo = StaffPages.nz(f.get("do"));
    pages.handle(ctx, staff.resolveActor(f.get("actor")).compose(actor -> todo.equals("unban")
            ? s.moderation().domains().unban(actor, by(ctx)).map("instance_unbanned")
            : s.moderation().domains().ban(actor, StaffPages.clip(f.get("reason"), 500), StaffPages.date(f.get("until"), "error.date"),
                by(ctx)).map("instance_banned")),
        notice -> StaffPages.redirect(ctx, "/staff/admin/settings?notice=" + notice));
  }

  public void instanceAudit(RoutingContext ctx) {
    pages.handle(ctx, s.moderation().audit().query(new AuditLog.Query(null, null, null, null, null, 300)), entries -> {
      Map<String, Object> m = adminModel(ctx, "audit");
      m.put("entries", auditRows(entries));
      pages.render(ctx, "admin/audit", m);
    });
  }

  // ------------------------------------------------------------------ helpers

  private Future<Map<String, WebQueries.Person>> withPeople(List<QueueItem> items) {
    Set<String> ids = new LinkedHashSet<>();
    items.forEach(i -> ids.add(i.authorId()));
    return people(ids);
  }

  /** Names of remote accounts by id; unknown ones show their id. */
  Future<Map<String, WebQueries.Person>> people(Set<String> ids) {
    String[] list = ids.toArray(new String[0]);
    return s.pool().preparedQuery("SELECT id, name, preferred_username, host, document->>'url' FROM remote_actors WHERE id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(list)).map(rows -> {
          Map<String, WebQueries.Person> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString(0), WebQueries.person(r.getString(0), r.getString(1), r.getString(2),
              r.getString(3), r.getString(4))));
          for (String id : list) {
            out.putIfAbsent(id, WebQueries.person(id, null, null, null, id));
          }
          return out;
        });
  }
}
