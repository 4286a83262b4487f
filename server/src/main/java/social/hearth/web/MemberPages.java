package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.Person;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.StaffPageQueries;
import social.hearth.core.text.Links;

/**
 * A community's members: requests with their answers, approvals, removals, bans, expiry and roles; one person's
 * membership with its history. Roles and expiry are for owners.
 */
public final class MemberPages {

  static final int MEMBERS_PAGE = 50;

  private final StaffSession staff;
  private final Pages pages;
  private final StaffPageQueries queries;
  private final BanStore bans;
  private final Membership membership;

  public MemberPages(StaffSession staff, StaffPageQueries queries, BanStore bans, Membership membership) {
    this.staff = staff;
    this.pages = staff.pages();
    this.queries = queries;
    this.bans = bans;
    this.membership = membership;
  }

  public void members(RoutingContext ctx) {
    String state = ctx.request().getParam("state", "pending");
    if (!List.of("pending", "accepted", "banned").contains(state)) {
      state = "pending";
    }
    String tab = state;
    int page = Forms.page(ctx);
    pages.handle(ctx, staff.community(ctx, false).compose(c -> {
      Future<?> list = tab.equals("banned") ? queries.bans(c.id())
          : queries.members(c.id(), tab, (page - 1) * MEMBERS_PAGE, MEMBERS_PAGE + 1);
      return Future.all(list, queries.count(c.id(), "pending"), queries.count(c.id(), "accepted")).map(all -> {
        Map<String, Object> m = staff.model(ctx, c, "members");
        m.put("state", tab);
        List<?> rows = all.resultAt(0);
        m.put("rows", rows.size() > MEMBERS_PAGE ? rows.subList(0, MEMBERS_PAGE) : rows);
        m.put("more", rows.size() > MEMBERS_PAGE);
        m.put("page", page);
        m.put("pendingCount", all.resultAt(1));
        m.put("acceptedCount", all.resultAt(2));
        m.put("joinQuestion", c.joinQuestion());
        return m;
      });
    }), m -> pages.render(ctx, "staff/members", m));
  }

  /** One person: their membership, its history, and what can be done. */
  public void member(RoutingContext ctx) {
    String actor = ctx.request().getParam("actor", "");
    pages.handle(ctx, staff.community(ctx, false).compose(c -> Future.all(queries.member(c.id(), actor),
        queries.history(c.id(), actor), bans.active(c.id(), actor)).compose(all -> {
          List<StaffPageQueries.MemberRow> rows = all.resultAt(0);
          List<StaffPageQueries.Event> history = all.resultAt(1);
          if (rows.isEmpty() && history.isEmpty()) {
            return Future.failedFuture(WebException.notFound());
          }
          Map<String, Object> m = staff.model(ctx, c, "members");
          m.put("actor", actor);
          m.put("member", rows.isEmpty() ? null : rows.get(0));
          m.put("history", history);
          m.put("ban", all.<Optional<?>>resultAt(2).orElse(null));
          m.put("person", rows.isEmpty() ? Person.unknown(actor) : rows.get(0).person());
          return Future.succeededFuture(m);
        })), m -> pages.render(ctx, "staff/member", m));
  }

  /** POST /staff/c/{slug}/members/{action} with the form field {@code actor}. */
  public void memberAction(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    var f = ctx.request().formAttributes();
    String actor = f.get("actor");
    String by = StaffSession.by(ctx);
    boolean ownerOnly = action.equals("role") || action.equals("expiry");
    staff.act(ctx, ownerOnly, (session, c) -> {
      if (actor == null || Links.httpUrl(actor) == null) {
        return Future.failedFuture(WebException.badRequest("error.actor"));
      }
      String reason = Forms.clip(f.get("reason"), 500);
      return switch (action) {
        case "approve" -> membership.approve(c, actor, by).map("approved");
        case "reject" -> membership.reject(c, actor, by).map("rejected");
        case "remove" -> membership.remove(c, actor, reason, by).map("removed");
        case "ban" -> membership.ban(c, actor, reason, Forms.date(f.get("until"), "error.date"), by).map("banned");
        case "unban" -> membership.unban(c, actor, by).map("unbanned");
        case "role" -> {
          String role = f.get("role");
          if (!"member".equals(role) && !"moderator".equals(role)) {
            yield Future.failedFuture(WebException.badRequest("error.role"));
          }
          yield membership.setRole(c, actor, Member.Role.valueOf(role.toUpperCase(Locale.ROOT)), by).map("role_set");
        }
        case "expiry" -> {
          String days = f.get("addDays");
          if (days != null && !days.isBlank()) {
            yield membership.renew(c, actor, null, Forms.number(days, 1, 3650, "error.days"), by).map("renewed");
          }
          yield membership.renew(c, actor, Forms.date(f.get("until"), "error.date"), null, by).map("renewed");
        }
        default -> Future.failedFuture(WebException.notFound());
      };
    }, c -> StaffSession.back(ctx, "/staff/c/" + c.slug() + "/members"));
  }
}
