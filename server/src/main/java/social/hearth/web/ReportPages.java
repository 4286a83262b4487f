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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Person;
import social.hearth.core.port.PublicPageQueries;
import social.hearth.core.port.ReportStore;
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
  private final PublicPageQueries posts;

  public ReportPages(StaffSession staff, Reports reports, StaffPageQueries queries, PublicPageQueries posts) {
    this.staff = staff;
    this.pages = staff.pages();
    this.reports = reports;
    this.queries = queries;
    this.posts = posts;
  }

  public void reports(RoutingContext ctx) {
    String state = state(ctx);
    int page = Forms.page(ctx);
    pages.handle(ctx, staff.community(ctx, false).compose(c -> reports.page(c.id(), false, state, page, QueuePages.LIST_LIMIT)
        .compose(found -> rows(c, found.items()).map(rows -> {
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

  /**
   * Reports as the pages show them, with the names of the people involved and, on a community's page, the posts of
   * the community they name as its pages show them (content, content warning, author, date, link to the post's page);
   * a removed post as removed. Other addresses (posts elsewhere) are listed as links.
   */
  private Future<List<Map<String, Object>>> rows(Community c, List<Report> list) {
    Future<List<ReportStore.ReportedPost>> named = c == null ? Future.succeededFuture(List.of())
        : reports.reportedPosts(list.stream().map(Report::id).toList());
    return named.compose(reported -> {
      Set<String> ids = new LinkedHashSet<>();
      for (Report r : list) {
        ids.add(r.reporterId());
        ids.addAll(r.accounts());
      }
      reported.forEach(p -> ids.add(p.authorId()));
      Map<Long, Future<Optional<PublicPageQueries.Post>>> live = new LinkedHashMap<>();
      for (ReportStore.ReportedPost p : reported) {
        if (!p.removed()) {
          live.computeIfAbsent(p.postId(), id -> posts.post(c.id(), id));
        }
      }
      return Future.all(new ArrayList<>(live.values())).compose(x -> queries.people(ids)).map(people -> {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Report r : list) {
          rows.add(row(c, r, reported, live, people));
        }
        return rows;
      });
    });
  }

  private Map<String, Object> row(Community c, Report r, List<ReportStore.ReportedPost> reported,
                                  Map<Long, Future<Optional<PublicPageQueries.Post>>> live, Map<String, Person> people) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", r.id());
    row.put("community", r.community());
    row.put("reporter", people.get(r.reporterId()));
    List<Person> accounts = new ArrayList<>();
    r.accounts().forEach(a -> accounts.add(people.get(a)));
    row.put("accounts", accounts);
    List<PostView> shown = new ArrayList<>();
    List<Person> removedBy = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (ReportStore.ReportedPost p : reported) {
      if (p.reportId() != r.id()) {
        continue;
      }
      known.add(p.objectId());
      Optional<PublicPageQueries.Post> post = p.removed() ? Optional.empty() : live.get(p.postId()).result();
      if (post.isPresent()) {
        shown.add(PostView.of(post.get(), c, pages));
      } else {
        removedBy.add(people.get(p.authorId()));
      }
    }
    row.put("posts", shown);
    row.put("removedPosts", removedBy);
    List<String> objects = new ArrayList<>();
    r.objects().forEach(o -> {
      String url = Links.httpUrl(o);
      if (url != null && !known.contains(o) && !r.accounts().contains(o)) {
        objects.add(url);
      }
    });
    row.put("objects", objects);
    row.put("comment", r.comment() == null ? "" : r.comment());
    row.put("source", r.source() == null ? "flag" : r.source());
    row.put("createdAt", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
    row.put("resolution", r.resolution());
    row.put("resolvedBy", r.resolvedBy());
    return row;
  }

  public void resolve(RoutingContext ctx) {
    long id = Forms.pathId(ctx);
    var f = ctx.request().formAttributes();
    staff.act(ctx, false, (session, c) -> {
      Reports.Action action;
      try {
        // the "Remove the post" button names its action itself; "Resolve" takes the one chosen in the list
        String chosen = f.get("do") != null ? f.get("do") : f.get("action");
        action = Reports.Action.valueOf(String.valueOf(chosen).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      String note = Forms.clip(f.get("note"), 1000);
      boolean forward = f.get("forward") != null;
      // the report must belong to this community: the service resolves any report by its id
      return queries.reportIn(id, c.id()).compose(found -> !found ? Future.failedFuture(WebException.notFound())
          : reports.resolve(id, action, forward, note, StaffSession.by(ctx)).map(ReportPages::notice)
              .recover(ReportPages::notRemoved));
    }, c -> "/staff/c/" + c.slug() + "/reports");
  }

  /** The notice after resolving: dismissed, resolved, or the posts removed (and whether some could not be). */
  static String notice(Reports.Resolution done) {
    if ("dismissed".equals(done.state())) {
      return "report_dismissed";
    }
    if (done.removed().isEmpty()) {
      return "report_resolved";
    }
    return done.notRemoved().isEmpty() ? "report_post_removed" : "report_posts_partly_removed";
  }

  /** Why removing the post did nothing, in the reader's language (the report stays open). */
  private static Future<String> notRemoved(Throwable e) {
    if (e instanceof CoreException ce && ce.kind() == CoreException.Kind.CONFLICT) {
      String key = switch (ce.code()) {
        case "report_names_no_post" -> "reports.error.no_post";
        case "post_already_removed" -> "reports.error.already_removed";
        case "post_written_by_staff" -> "reports.error.written_by_staff";
        case "post_not_in_community" -> "reports.error.not_in_community";
        default -> null;
      };
      if (key != null) {
        return Future.failedFuture(new WebException(409, key));
      }
    }
    return Future.failedFuture(e);
  }

  /**
   * Reports that concern no community here (forwarded by other servers): an instance admin reads and dismisses them,
   * a page at a time.
   */
  public void instanceReports(RoutingContext ctx) {
    String state = state(ctx);
    int page = Forms.page(ctx);
    pages.handle(ctx, reports.page(null, true, state, page, QueuePages.LIST_LIMIT)
        .compose(found -> rows(null, found.items()).map(rows -> {
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
