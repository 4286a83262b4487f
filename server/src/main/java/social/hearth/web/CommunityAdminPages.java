package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Lifecycle;
import social.hearth.core.domain.Community;
import social.hearth.core.port.AdminPageQueries;
import social.hearth.core.port.MemberStore;

/**
 * The instance admin's communities: every community with its owners and state, a form that creates one (each
 * field's problem shown next to it, what was typed kept), archiving and unarchiving, and deleting after a
 * confirmation page that asks for the community's name to be typed.
 */
public final class CommunityAdminPages {

  /** The form's fields, in order. */
  static final List<String> FIELDS = List.of("slug", "name", "summary", "owner");

  private final StaffSession staff;
  private final Pages pages;
  private final CommunityService communities;
  private final Lifecycle lifecycle;
  private final AdminPageQueries queries;
  private final MemberStore members;

  public CommunityAdminPages(StaffSession staff, CommunityService communities, Lifecycle lifecycle,
                             AdminPageQueries queries, MemberStore members) {
    this.members = members;
    this.staff = staff;
    this.pages = staff.pages();
    this.communities = communities;
    this.lifecycle = lifecycle;
    this.queries = queries;
  }

  public void list(RoutingContext ctx) {
    Map<String, String> form = new HashMap<>();
    FIELDS.forEach(f -> form.put(f, ""));
    form.put("owner", StaffSession.session(ctx).username());
    render(ctx, 200, form, errors(List.of()));
  }

  public void create(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Map<String, String> form = new HashMap<>();
    FIELDS.forEach(field -> form.put(field, Forms.nz(f.get(field)).replace("\r\n", "\n")));
    form.put("slug", form.get("slug").strip());
    Lifecycle.NewCommunity wanted = new Lifecycle.NewCommunity(form.get("slug"), form.get("name"), form.get("summary"),
        form.get("owner"));
    pages.handle(ctx, lifecycle.problems(wanted), problems -> {
      if (!problems.isEmpty()) {
        render(ctx, 400, form, errors(problems));
        return;
      }
      lifecycle.create(wanted, StaffSession.by(ctx))
          .onSuccess(c -> StaffSession.redirect(ctx, "/staff/c/" + c.slug() + "?notice=community_created"))
          .onFailure(e -> {
            if (e instanceof CoreException c && c.kind() == CoreException.Kind.CONFLICT) {
              // taken between the check and the insert
              render(ctx, 400, form, errors(List.of(new Lifecycle.Problem("slug", "taken", c.getMessage()))));
            } else {
              pages.error(ctx, e);
            }
          });
    });
  }

  /** Each field's message key, or null: {@code error.community.<field>.<code>}. */
  static Map<String, String> errors(List<Lifecycle.Problem> problems) {
    Map<String, String> out = new HashMap<>();
    FIELDS.forEach(f -> out.put(f, null));
    for (Lifecycle.Problem p : problems) {
      out.putIfAbsent(p.field(), null);
      if (out.get(p.field()) == null) {
        out.put(p.field(), "error.community." + p.field() + "." + p.code());
      }
    }
    return out;
  }

  private void render(RoutingContext ctx, int status, Map<String, String> form, Map<String, String> errors) {
    pages.handle(ctx, Future.all(communities.list(), queries.accounts()), all -> {
      List<Community> list = all.resultAt(0);
      List<AdminPageQueries.AccountRow> accounts = all.resultAt(1);
      Map<String, List<String>> owners = new LinkedHashMap<>();
      for (AdminPageQueries.AccountRow a : accounts) {
        for (String[] role : a.roles()) {
          if (role.length == 2 && role[1].equals("owner")) {
            owners.computeIfAbsent(role[0], k -> new ArrayList<>()).add(a.username());
          }
        }
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Community c : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("slug", c.slug());
        row.put("name", c.name());
        row.put("archived", c.archived());
        row.put("createdAt", c.createdAt());
        row.put("url", pages.uris().community(c.slug()));
        row.put("owners", owners.getOrDefault(c.slug(), List.of()));
        rows.add(row);
      }
      Map<String, Object> m = staff.adminModel(ctx, "communities");
      m.put("communities", rows);
      m.put("accounts", accounts);
      m.put("form", form);
      m.put("errors", errors);
      m.put("invalid", errors.values().stream().anyMatch(v -> v != null));
      m.put("maxName", String.valueOf(CommunityService.MAX_NAME)); // text: "2000", never "2,000"
      m.put("maxSummary", String.valueOf(CommunityService.MAX_SUMMARY));
      pages.render(ctx, status, "admin/communities", m);
    });
  }

  public void archive(RoutingContext ctx) {
    pages.handle(ctx, communities.require(ctx.pathParam("slug")).compose(c -> lifecycle.archive(c, StaffSession.by(ctx))),
        c -> StaffSession.redirect(ctx, "/staff/admin/communities?notice=community_archived"));
  }

  public void unarchive(RoutingContext ctx) {
    pages.handle(ctx, communities.require(ctx.pathParam("slug")).compose(c -> lifecycle.unarchive(c, StaffSession.by(ctx))),
        c -> StaffSession.redirect(ctx, "/staff/admin/communities?notice=community_unarchived"));
  }

  /** The confirmation page: what deleting does, and the community's name to type. */
  public void confirmDelete(RoutingContext ctx) {
    pages.handle(ctx, communities.require(ctx.pathParam("slug")), c -> confirmPage(ctx, 200, c, null));
  }

  public void delete(RoutingContext ctx) {
    String typed = Forms.nz(ctx.request().getFormAttribute("confirm")).strip();
    pages.handle(ctx, communities.require(ctx.pathParam("slug")), c -> {
      if (!typed.equals(c.slug())) {
        confirmPage(ctx, 400, c, "error.community.delete.confirm");
        return;
      }
      pages.handle(ctx, lifecycle.delete(c, StaffSession.by(ctx)),
          n -> StaffSession.redirect(ctx, "/staff/admin/communities?notice=community_deleted"));
    });
  }

  private void confirmPage(RoutingContext ctx, int status, Community c, String error) {
    pages.handle(ctx, members.count(c.id()), count -> {
      Map<String, Object> m = staff.adminModel(ctx, "communities");
      m.put("target", Map.of("slug", c.slug(), "name", c.name(), "members", count,
          "handle", "@" + c.slug() + "@" + pages.handleHost()));
      m.put("error", error);
      pages.render(ctx, status, "admin/delete_community", m);
    });
  }
}
