package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.account.Passwords;
import social.hearth.core.account.StaffAccounts;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.AccountStore;

/**
 * Staff accounts for instance admins: their roles per community (a demotion or removal ends the account's sessions
 * at once), disabling, re-enabling, deleting and resetting a password, and invitations by a one-time link; and the
 * invitee's page at that link ({@code /staff/join/{token}}), where they choose a username and password.
 */
public final class AccountPages {

  private static final List<String> MANAGE = List.of("disable", "enable", "delete", "reset");

  private final StaffSession staff;
  private final Pages pages;
  private final CommunityService communities;
  private final AccountStore accounts;
  private final StaffAccounts staffAccounts;

  public AccountPages(StaffSession staff, CommunityService communities, AccountStore accounts, StaffAccounts staffAccounts,
                      social.hearth.core.port.AdminPageQueries queries) {
    this.staff = staff;
    this.pages = staff.pages();
    this.communities = communities;
    this.accounts = accounts;
    this.staffAccounts = staffAccounts;
  }

  public void accounts(RoutingContext ctx) {
    render(ctx, 200, null, Map.of());
  }

  public void create(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String username = f.get("username") == null ? "" : f.get("username").strip().toLowerCase(Locale.ROOT);
    String password = f.get("password");
    if (!username.matches("[a-z0-9_]{2,32}")) {
      render(ctx, 400, "error.account.username", Map.of());
      return;
    }
    if (password == null || password.length() < Passwords.MIN_LENGTH || password.length() > Passwords.MAX_LENGTH) {
      render(ctx, 400, "error.password.weak", Map.of());
      return;
    }
    staffAccounts.create(username, password, f.get("instanceAdmin") != null, StaffSession.by(ctx))
        .onSuccess(a -> StaffSession.redirect(ctx, "/staff/admin?notice=account_created"))
        .onFailure(e -> refused(ctx, e));
  }

  /** Gives an account a role in a community, or takes it away ("none"); a demotion ends its sessions. */
  public void setRole(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String role = f.get("role") == null ? "" : f.get("role");
    if (!List.of("owner", "moderator", "none").contains(role)) {
      render(ctx, 400, "error.role", Map.of());
      return;
    }
    pages.handle(ctx, communities.bySlug(Forms.nz(f.get("community"))).compose(c -> c.isEmpty()
            ? Future.failedFuture(WebException.notFound())
            : staffAccounts.setRole(Forms.nz(f.get("username")), c.get(), role, StaffSession.by(ctx))),
        x -> StaffSession.redirect(ctx, "/staff/admin?notice=role_set"));
  }

  /** Disables, re-enables, deletes an account or resets its password (shown once, on the page that answers). */
  public void manage(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    String username = ctx.pathParam("username");
    if (!MANAGE.contains(action)) {
      pages.error(ctx, 404);
      return;
    }
    String by = StaffSession.by(ctx);
    if (action.equals("reset")) {
      staffAccounts.resetPassword(username, by)
          .onSuccess(temporary -> render(ctx, 200, null, Map.of("reset", Map.of("username", username, "password", temporary))))
          .onFailure(e -> refused(ctx, e));
      return;
    }
    if (action.equals("delete") && !username.equals(ctx.request().getFormAttribute("confirm"))) {
      render(ctx, 400, "error.account.confirm", Map.of());
      return;
    }
    Future<Void> done = switch (action) {
      case "disable" -> staffAccounts.disable(username, by);
      case "enable" -> staffAccounts.enable(username, by);
      default -> staffAccounts.delete(username, by);
    };
    done.onSuccess(x -> StaffSession.redirect(ctx, "/staff/admin?notice=account_" + action + "d"))
        .onFailure(e -> refused(ctx, e));
  }

  /** A new invitation: the page shows its link once. */
  public void invite(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String username = f.get("username") == null ? "" : f.get("username").strip().toLowerCase(Locale.ROOT);
    if (!username.isEmpty() && !username.matches("[a-z0-9_]{2,32}")) {
      render(ctx, 400, "error.account.username", Map.of());
      return;
    }
    communities.list().compose(all -> {
      Map<Community, String> roles = new LinkedHashMap<>();
      for (Community c : all) {
        String role = f.get("role_" + c.slug());
        if ("owner".equals(role) || "moderator".equals(role)) {
          roles.put(c, role);
        }
      }
      return staffAccounts.invite(username.isEmpty() ? null : username, f.get("instanceAdmin") != null, roles,
          StaffSession.by(ctx));
    }).onSuccess(inv -> render(ctx, 200, null, Map.of("invitationLink", pages.uris().base() + "/staff/join/" + inv.token())))
        .onFailure(e -> refused(ctx, e));
  }

  public void revokeInvitation(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, staffAccounts.revokeInvitation(id, StaffSession.by(ctx)),
        x -> StaffSession.redirect(ctx, "/staff/admin?notice=invitation_revoked"));
  }

  // ------------------------------------------------------------------ the invitee's page

  public void joinForm(RoutingContext ctx) {
    renderJoin(ctx, 200, null, "");
  }

  public void join(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String username = f.get("username") == null ? "" : f.get("username").strip().toLowerCase(Locale.ROOT);
    String password = f.get("password");
    if (password == null || !password.equals(f.get("repeat"))) {
      renderJoin(ctx, 400, "error.password.mismatch", username);
      return;
    }
    staffAccounts.join(ctx.pathParam("token"), username, password)
        .onSuccess(a -> StaffSession.redirect(ctx, "/login?notice=joined"))
        .onFailure(e -> {
          if (e instanceof CoreException c && c.kind() != CoreException.Kind.NOT_FOUND) {
            String key = "error.account." + c.code();
            renderJoin(ctx, 400, pages.i18n().has(key) ? key : Passwords.weakness(password) != null
                ? "error.password.weak" : "error.account.username", username);
          } else {
            pages.error(ctx, e instanceof CoreException ? new WebException(404, "error.invitation.gone") : e);
          }
        });
  }

  private void renderJoin(RoutingContext ctx, int status, String error, String username) {
    pages.handle(ctx, staffAccounts.invitation(ctx.pathParam("token")), found -> {
      if (found.isEmpty()) {
        pages.error(ctx, new WebException(404, "error.invitation.gone"));
        return;
      }
      Map<String, Object> m = pages.model(ctx);
      m.put("invitation", found.get());
      m.put("token", ctx.pathParam("token"));
      m.put("username", found.get().username() != null ? found.get().username() : username);
      m.put("error", error);
      pages.render(ctx, status, "join_staff", m);
    });
  }

  // ------------------------------------------------------------------ the page

  /** A refused action: the page again with the reason, or the error page for anything unexpected. */
  private void refused(RoutingContext ctx, Throwable e) {
    if (e instanceof CoreException c && c.kind() != CoreException.Kind.NOT_FOUND) {
      String key = "error.account." + c.code();
      render(ctx, c.kind() == CoreException.Kind.CONFLICT ? 409 : 400,
          pages.i18n().has(key) ? key : c.kind() == CoreException.Kind.CONFLICT ? "error.account.taken" : "error.bad_request",
          Map.of());
    } else {
      pages.error(ctx, e);
    }
  }

  /** The accounts page, with an error message when a form was refused and what an action made (a link, a password). */
  private void render(RoutingContext ctx, int status, String error, Map<String, Object> made) {
    pages.handle(ctx, Future.all(accounts.overview(), communities.list(), staffAccounts.invitations()), all -> {
      Map<String, Object> m = staff.adminModel(ctx, "accounts");
      m.put("accounts", all.resultAt(0));
      m.put("communities", all.resultAt(1));
      m.put("invitations", all.resultAt(2));
      m.put("me", StaffSession.session(ctx).username());
      m.put("reset", null);
      m.put("invitationLink", null);
      m.putAll(new HashMap<>(made));
      if (error != null) {
        m.put("error", error);
      }
      pages.render(ctx, status, "admin/accounts", m);
    });
  }
}
