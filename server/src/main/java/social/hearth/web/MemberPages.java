package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.Person;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.Sanctions;
import social.hearth.core.moderation.Warnings;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.MemberRecordStore;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.StaffPageQueries;
import social.hearth.core.text.Links;

/**
 * A community's members: requests with their answers, approvals, removals, bans, expiry and roles; one person's
 * membership with its history, their posts here, the reports about them, their warnings and the moderators' private
 * notes. Roles and expiry are for owners. Also the moderation actions of a public post's page (remove the post; warn,
 * remove or ban its author), which come back here or to the community's page.
 */
public final class MemberPages {

  static final int MEMBERS_PAGE = 50;
  /** Rows of each kind (posts, reports, warnings, notes) the member page shows, newest first. */
  static final int RECORD_ROWS = 30;

  private final StaffSession staff;
  private final Pages pages;
  private final StaffPageQueries queries;
  private final BanStore bans;
  private final Membership membership;
  private final Tools tools;

  /** The moderation use cases and stores the member page uses besides membership. */
  public record Tools(Warnings warnings, Sanctions sanctions, Moderation moderation, MemberRecordStore records,
                      RuleStore rules) {}

  public MemberPages(StaffSession staff, StaffPageQueries queries, BanStore bans, Membership membership, Tools tools) {
    this.staff = staff;
    this.pages = staff.pages();
    this.queries = queries;
    this.bans = bans;
    this.membership = membership;
    this.tools = tools;
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

  /** One person: their membership, its history, their posts, reports, warnings and notes, and what can be done. */
  public void member(RoutingContext ctx) {
    String actor = ctx.request().getParam("actor", "");
    String removed = ctx.request().getParam("removed");
    FormState none = new FormState();
    pages.handle(ctx, staff.community(ctx, false).compose(c -> memberModel(ctx, c, actor, removed, none)),
        m -> pages.render(ctx, "staff/member", m));
  }

  /** The member page's model, with the warn and note forms' state (as typed, with their problems, after a refusal). */
  private Future<Map<String, Object>> memberModel(RoutingContext ctx, Community c, String actor, String removed,
                                                  FormState form) {
    return Future.all(List.of(queries.member(c.id(), actor),
        queries.history(c.id(), actor), bans.active(c.id(), actor), tools.records().posts(c.id(), actor, RECORD_ROWS),
        tools.records().reports(c.id(), actor, RECORD_ROWS), tools.records().warnings(c.id(), actor, RECORD_ROWS),
        tools.records().notes(c.id(), actor, RECORD_ROWS), tools.rules().list(c.id()))).compose(all -> {
          List<StaffPageQueries.MemberRow> rows = all.resultAt(0);
          List<StaffPageQueries.Event> history = all.resultAt(1);
          List<?> posts = all.resultAt(3);
          if (rows.isEmpty() && history.isEmpty() && posts.isEmpty()) {
            return Future.failedFuture(WebException.notFound());
          }
          Map<String, Object> m = staff.model(ctx, c, "members");
          m.put("actor", actor);
          m.put("member", rows.isEmpty() ? null : rows.get(0));
          m.put("history", history);
          m.put("ban", all.<Optional<?>>resultAt(2).orElse(null));
          m.put("person", rows.isEmpty() ? Person.unknown(actor) : rows.get(0).person());
          m.put("posts", posts);
          m.put("reports", all.resultAt(4));
          m.put("warnings", all.resultAt(5));
          m.put("notes", all.resultAt(6));
          m.put("rules", all.resultAt(7));
          m.put("removedPosts", removed != null && removed.matches("\\d{1,4}") ? Integer.valueOf(removed) : null);
          m.put("maxDays", Sanctions.MAX_DAYS);
          m.put("memberPath", "/staff/c/" + c.slug() + "/member?actor=" + Pages.encode(actor));
          form.into(m);
          m.put("sponsor", null); // shown only when the member has one (the template's variables are strict)
          return sponsors == null ? Future.succeededFuture(m) : sponsors.pairOf(c, actor).map(p -> {
            p.ifPresent(pair -> m.put("sponsor", pair.sponsor()));
            return m;
          });
        });
  }

  private social.hearth.core.recognition.Sponsors sponsors;

  /** The member's sponsor is shown on their page (issue 18). */
  public MemberPages withSponsors(social.hearth.core.recognition.Sponsors sponsors) {
    this.sponsors = sponsors;
    return this;
  }

  /**
   * POST /staff/c/{slug}/members/warn or /note from a page (not a script): a refusal shows the member page again with
   * the text as typed and the reason next to its field; success goes back with a notice.
   */
  private void formAction(RoutingContext ctx, String action) {
    var f = ctx.request().formAttributes();
    String actor = Forms.nz(f.get("actor"));
    FormState form = FormState.of(f, List.of("rule", "note", "text"));
    String by = StaffSession.by(ctx);
    pages.handle(ctx, staff.community(ctx, false), c -> {
      if (Links.httpUrl(actor) == null) {
        pages.error(ctx, WebException.badRequest("error.actor"));
        return;
      }
      Future<String> done;
      if (action.equals("warn")) {
        Integer rule = form.check("rule", () -> Forms.number(form.text("rule"), 1, 1_000, "error.rule"));
        done = rule == null ? Future.failedFuture(WebException.badRequest("form.invalid"))
            : tools.warnings().warn(c, actor, rule, Forms.clip(form.text("note"), Warnings.NOTE_MAX * 2), by,
                post(f.get("post"))).map("warned");
      } else {
        String text = Forms.clip(form.text("text"), MemberRecordStore.NOTE_MAX + 1);
        if (text == null || text.isBlank() || text.length() > MemberRecordStore.NOTE_MAX) {
          form.error("text", "error.note");
          done = Future.failedFuture(WebException.badRequest("form.invalid"));
        } else {
          done = tools.records().addNote(c.id(), actor, by, text).map("note_added");
        }
      }
      done.onSuccess(notice -> StaffSession.redirect(ctx, StaffSession.withNotice(
              StaffSession.back(ctx, "/staff/c/" + c.slug() + "/members"), notice)))
          .onFailure(e -> {
            if (e instanceof CoreException ce && ce.kind() == CoreException.Kind.INVALID) {
              form.error("unknown_rule".equals(ce.code()) ? "rule" : "note", ce,
                  "unknown_rule".equals(ce.code()) ? "error.rule" : "error.warn.note");
            } else if (!form.invalid()) {
              pages.error(ctx, e);
              return;
            }
            pages.handle(ctx, memberModel(ctx, c, actor, null, form), m -> pages.render(ctx, 400, "staff/member", m));
          });
    });
  }

  /** POST /staff/c/{slug}/moderate/remove-post with {@code object} (and {@code reason}): back to the community. */
  public void removePost(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String object = f.get("object");
    staff.act(ctx, false, (session, c) -> object == null || Links.httpUrl(object) == null
            ? Future.failedFuture(WebException.badRequest("error.bad_request"))
            : tools.moderation().removePost(c, object, Forms.clip(f.get("reason"), 500), StaffSession.by(ctx))
                .map("post_removed"),
        c -> "/c/" + c.slug());
  }

  /** POST /staff/c/{slug}/members/{action} with the form field {@code actor}. */
  public void memberAction(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    var f = ctx.request().formAttributes();
    String actor = f.get("actor");
    String by = StaffSession.by(ctx);
    boolean ownerOnly = action.equals("role") || action.equals("expiry");
    int[] removedPosts = {-1};
    if ((action.equals("warn") || action.equals("note")) && !StaffSession.fetch(ctx)) {
      formAction(ctx, action);
      return;
    }
    staff.act(ctx, ownerOnly, (session, c) -> {
      if (actor == null || Links.httpUrl(actor) == null) {
        return Future.failedFuture(WebException.badRequest("error.actor"));
      }
      String reason = Forms.clip(f.get("reason"), 500);
      return switch (action) {
        case "approve" -> membership.approve(c, actor, by).map("approved");
        case "reject" -> membership.reject(c, actor, by).map("rejected");
        case "remove" -> membership.remove(c, actor, reason, by).map("removed");
        case "ban" -> {
          Integer days = Forms.optionalNumber(f.get("removeDays"), 0, Sanctions.MAX_DAYS, "error.remove_days");
          yield days == null || days == 0
              ? membership.ban(c, actor, reason, Forms.date(f.get("until"), "error.date"), by).map("banned")
              : tools.sanctions().banAndRemove(c, actor, reason, Forms.date(f.get("until"), "error.date"), days, by)
                  .map(n -> {
                    removedPosts[0] = n;
                    return "banned_removed";
                  });
        }
        case "warn" -> tools.warnings().warn(c, actor, Forms.number(f.get("rule"), 1, 1_000, "error.rule"),
            Forms.clip(f.get("note"), Warnings.NOTE_MAX * 2), by, post(f.get("post"))).map("warned");
        case "note" -> {
          String text = Forms.clip(f.get("text"), MemberRecordStore.NOTE_MAX + 1);
          if (text == null || text.length() > MemberRecordStore.NOTE_MAX) {
            yield Future.failedFuture(WebException.badRequest("error.note"));
          }
          yield tools.records().addNote(c.id(), actor, by, text).map("note_added");
        }
        case "unnote" -> tools.records().deleteNote(c.id(), actor, Forms.number(f.get("note"), 1, Integer.MAX_VALUE,
            "error.bad_request")).compose(done -> done ? Future.succeededFuture("note_deleted")
            : Future.failedFuture(WebException.notFound()));
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
    }, c -> {
      String back = StaffSession.back(ctx, "/staff/c/" + c.slug() + "/members");
      return removedPosts[0] < 0 ? back : back + (back.contains("?") ? "&" : "?") + "removed=" + removedPosts[0];
    });
  }

  /** The post a warning is about (a form field), or null. */
  private static String post(String objectId) {
    return objectId == null || Links.httpUrl(objectId) == null ? null : objectId;
  }
}
