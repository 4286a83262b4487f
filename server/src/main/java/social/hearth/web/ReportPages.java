package social.hearth.web;

import social.hearth.core.domain.Report;
import java.time.ZoneOffset;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import social.hearth.core.domain.Person;
import social.hearth.core.moderation.Reports;
import social.hearth.core.port.StaffPageQueries;
import social.hearth.core.text.Links;

/**
 * Reports: a community's, with the actions that resolve them; and, for instance admins, those that concern no
 * community here (forwarded by other servers), which they read and dismiss.
 */
public final class ReportPages {

  private final StaffSession staff;
  private final Pages pages;
  private final Reports reports;
  private final StaffPageQueries queries;

  public ReportPages(StaffSession staff, Reports reports, StaffPageQueries queries) {
    this.staff = staff;
    this.pages = staff.pages();
    this.reports = reports;
    this.queries = queries;
  }

  public void reports(RoutingContext ctx) {
    String state = state(ctx);
    int page = Forms.page(ctx);
    pages.handle(ctx, staff.community(ctx, false).compose(c -> reports.page(c.id(), false, state, page, QueuePages.LIST_LIMIT)
        .compose(found -> rows(found.items()).map(rows -> {
          Map<String, Object> m = staff.model(ctx, c, "reports");
          m.put("reports", rows);
          m.put("state", state);
          m.put("page", page);
          m.put("more", found.hasNext());
          return m;
        }))), m -> pages.render(ctx, "staff/reports", m));
  }

  private static String state(RoutingContext ctx) {
    String state = ctx.request().getParam("state", "open");
    return List.of("open", "resolved", "dismissed").contains(state) ? state : "open";
  }

  /** Reports as the pages show them, with the names of the people involved. */
  private Future<List<Map<String, Object>>> rows(List<Report> list) {
    Set<String> ids = new LinkedHashSet<>();
    for (Report r : list) {
      ids.add(r.reporterId());
      ids.addAll(r.accounts());
    }
    return queries.people(ids).map(people -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Report r : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", r.id());
        row.put("community", r.community());
        row.put("reporter", people.get(r.reporterId()));
        List<Person> accounts = new ArrayList<>();
        r.accounts().forEach(a -> accounts.add(people.get(a)));
        row.put("accounts", accounts);
        List<String> objects = new ArrayList<>();
        r.objects().forEach(o -> {
          String url = Links.httpUrl(o);
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

  public void resolve(RoutingContext ctx) {
    long id = Forms.pathId(ctx);
    var f = ctx.request().formAttributes();
    staff.act(ctx, false, (session, c) -> {
      Reports.Action action;
      try {
        action = Reports.Action.valueOf(String.valueOf(f.get("action")).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      String note = Forms.clip(f.get("note"), 1000);
      boolean forward = f.get("forward") != null;
      // the report must belong to this community: the service resolves any report by its id
      return queries.reportIn(id, c.id()).compose(found -> !found ? Future.failedFuture(WebException.notFound())
          : reports.resolve(id, action, forward, note, StaffSession.by(ctx)).map(action == Reports.Action.DISMISS
              ? "report_dismissed" : "report_resolved"));
    }, c -> "/staff/c/" + c.slug() + "/reports");
  }

  /**
   * Reports that concern no community here (forwarded by other servers): an instance admin reads and dismisses them,
   * a page at a time.
   */
  public void instanceReports(RoutingContext ctx) {
    String state = state(ctx);
    int page = Forms.page(ctx);
    pages.handle(ctx, reports.page(null, true, state, page, QueuePages.LIST_LIMIT)
        .compose(found -> rows(found.items()).map(rows -> {
          Map<String, Object> m = staff.adminModel(ctx, "reports");
          m.put("reports", rows);
          m.put("state", state);
          m.put("page", page);
          m.put("more", found.hasNext());
          return m;
        })), m -> pages.render(ctx, "admin/reports", m));
  }

  public void dismissInstanceReport(RoutingContext ctx) {
    long id = Forms.pathId(ctx);
    pages.handle(ctx, queries.reportIn(id, null)
        .compose(found -> !found ? Future.failedFuture(WebException.notFound())
            : reports.resolve(id, Reports.Action.DISMISS, ctx.request().getFormAttribute("forward") != null,
                Forms.clip(ctx.request().getFormAttribute("note"), 1000), StaffSession.by(ctx))),
        x -> StaffSession.redirect(ctx, "/staff/admin/reports?notice=report_dismissed"));
  }
}
