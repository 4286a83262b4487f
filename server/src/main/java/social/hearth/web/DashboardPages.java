package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.StaffPageQueries;

/** What needs attention: every community the account works in, and one community's overview. */
public final class DashboardPages {

  private final StaffSession staff;
  private final Pages pages;
  private final CommunityService communities;
  private final StaffPageQueries queries;
  private final MemberStore members;
  private final social.hearth.core.membership.Membership membership;

  public DashboardPages(StaffSession staff, CommunityService communities, StaffPageQueries queries, MemberStore members,
                        social.hearth.core.membership.Membership membership) {
    this.membership = membership;
    this.staff = staff;
    this.pages = staff.pages();
    this.communities = communities;
    this.queries = queries;
    this.members = members;
  }

  /** Every community the account works in, with what needs attention in each. */
  public void dashboard(RoutingContext ctx) {
    Auth.Session session = StaffSession.session(ctx);
    pages.handle(ctx, communities.list().compose(all -> {
      List<Community> mine = all.stream().filter(session::mayModerate).toList();
      return queries.counts(mine.stream().map(Community::id).toList()).map(counts -> {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Community c : mine) {
          Map<String, Object> row = new HashMap<>();
          row.put("slug", c.slug());
          row.put("name", c.name());
          row.put("role", session.role(c.id()));
          row.put("counts", counts.get(c.id()));
          row.put("archived", c.archived());
          rows.add(row);
        }
        return rows;
      });
    }), rows -> {
      Map<String, Object> m = pages.model(ctx);
      m.put("communities", rows);
      m.put("admin", session.isAdmin());
      pages.render(ctx, "staff/dashboard", m);
    });
  }

  /** One community: its setup checklist (for owners), join requests, held posts, open reports, memberships ending soon. */
  public void community(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> Future.all(
        queries.members(c.id(), "pending", 0, 10), queries.expiring(c.id(), 10), queries.counts(List.of(c.id())),
        members.count(c.id()), queries.setup(c.id())).map(all -> {
          Map<String, Object> m = staff.model(ctx, c, "overview");
          m.put("pending", all.resultAt(0));
          m.put("expiring", all.resultAt(1));
          m.put("counts", all.<Map<Long, StaffPageQueries.Counts>>resultAt(2).get(c.id()));
          m.put("memberCount", all.resultAt(3));
          List<Map<String, Object>> checklist = checklist(c.slug(), all.resultAt(4));
          m.put("checklist", checklist);
          m.put("checklistDone", checklist.stream().filter(i -> (Boolean) i.get("done")).count());
          m.put("archived", c.archived());
          m.put("bulk", true);
          return m;
        })), m -> pages.render(ctx, "staff/overview", m));
  }

  /** Join requests at most decided at once. */
  static final int BULK_MAX = 100;

  /**
   * Approves or declines the ticked join requests ({@code actor}, repeated; {@code do} approve or reject), one after
   * the other; one another moderator decided meanwhile is skipped.
   */
  public void bulk(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String decision = Forms.nz(f.get("do"));
    List<String> actors = f.getAll("actor").stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
    staff.act(ctx, false, (session, c) -> {
      if (!decision.equals("approve") && !decision.equals("reject")) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      if (actors.isEmpty() || actors.size() > BULK_MAX) {
        return Future.failedFuture(WebException.badRequest("error.requests.none"));
      }
      Future<Void> chain = Future.succeededFuture();
      for (String actor : actors) {
        chain = chain.compose(v -> (decision.equals("approve") ? membership.approve(c, actor, StaffSession.by(ctx))
            : membership.reject(c, actor, StaffSession.by(ctx))).recover(e -> Future.succeededFuture()));
      }
      return chain.map(decision.equals("approve") ? "requests_approved" : "requests_rejected");
    }, c -> "/staff/c/" + c.slug());
  }

  /**
   * The setup checklist, in the order a creator works through it: each item's text key ({@code setup.<key>}),
   * whether it is done, and where it is done (the settings form's section, or the compose page with the pinned post's
   * template).
   */
  static List<Map<String, Object>> checklist(String slug, StaffPageQueries.Setup s) {
    String settings = "/staff/c/" + slug + "/settings";
    String compose = "/staff/c/" + slug + "/posts/new?template=";
    List<Map<String, Object>> out = new ArrayList<>();
    item(out, "profile", s.profile(), settings + "#profile");
    item(out, "images", s.images(), settings + "#images");
    item(out, "rules", s.rules(), settings + "#rules");
    item(out, "welcome", s.welcome(), settings + "#welcomeMessage");
    item(out, "pinned1", s.pinned() >= 1, compose + "about");
    item(out, "pinned2", s.pinned() >= 2, compose + "routine");
    item(out, "pinned3", s.pinned() >= 3, compose + "calendar");
    item(out, "topics", s.topics() > 0, settings + "#topics");
    item(out, "policies", s.policies(), settings + "#joinPolicy");
    return out;
  }

  private static void item(List<Map<String, Object>> out, String key, boolean done, String href) {
    out.add(Map.of("key", key, "done", done, "href", href));
  }
}
