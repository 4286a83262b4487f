package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.account.Passwords;
import social.hearth.core.account.StaffAccounts;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Account;
import social.hearth.core.domain.Community;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.AdminPageQueries;

/**
 * Staff accounts and their roles per community, for instance admins (a demotion or removal ends the account's
 * sessions at once).
 */
public final class AccountPages {

  private final StaffSession staff;
  private final Pages pages;
  private final CommunityService communities;
  private final AccountStore accounts;
  private final StaffAccounts staffAccounts;
  private final AdminPageQueries queries;

  public AccountPages(StaffSession staff, CommunityService communities, AccountStore accounts, StaffAccounts staffAccounts,
                      AdminPageQueries queries) {
    this.staff = staff;
    this.pages = staff.pages();
    this.communities = communities;
    this.accounts = accounts;
    this.staffAccounts = staffAccounts;
    this.queries = queries;
  }

  public void accounts(RoutingContext ctx) {
    render(ctx, 200, null);
  }

  public void create(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String username = f.get("username") == null ? "" : f.get("username").strip().toLowerCase(Locale.ROOT);
    String password = f.get("password");
    if (!username.matches("[a-z0-9_]{2,32}")) {
      render(ctx, 400, "error.account.username");
      return;
    }
    if (password == null || password.length() < Passwords.MIN_LENGTH || password.length() > Passwords.MAX_LENGTH) {
      render(ctx, 400, "error.password.weak");
      return;
    }
    staffAccounts.create(username, password, f.get("instanceAdmin") != null)
        .onSuccess(a -> StaffSession.redirect(ctx, "/staff/admin?notice=account_created"))
        .onFailure(e -> {
          if (e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT) {
            render(ctx, 400, "error.account.taken");
          } else {
            pages.error(ctx, e);
          }
        });
  }

  /** Gives an account a role in a community, or takes it away ("none"); a demotion ends its sessions. */
  public void setRole(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String role = f.get("role") == null ? "" : f.get("role");
    if (!List.of("owner", "moderator", "none").contains(role)) {
      render(ctx, 400, "error.role");
      return;
    }
    pages.handle(ctx, Future.all(accounts.byUsername(Forms.nz(f.get("username"))), communities.bySlug(Forms.nz(f.get("community"))))
        .compose(all -> {
          Optional<Account> account = all.resultAt(0);
          Optional<Community> community = all.resultAt(1);
          if (account.isEmpty() || community.isEmpty()) {
            return Future.failedFuture(WebException.notFound());
          }
          long id = account.get().id();
          long cid = community.get().id();
          return accounts.role(id, cid).compose(before -> {
            boolean demotion = before.isPresent() && (role.equals("none") || (before.get().equals("owner") && !role.equals("owner")));
            Future<?> change = role.equals("none") ? accounts.removeRole(id, cid) : accounts.setRole(id, cid, role);
            return change.compose(x -> demotion ? staff.auth().endSessions(id) : Future.succeededFuture());
          });
        }), x -> StaffSession.redirect(ctx, "/staff/admin?notice=role_set"));
  }

  /** The accounts page, with an error message when a form was refused. */
  private void render(RoutingContext ctx, int status, String error) {
    pages.handle(ctx, Future.all(queries.accounts(), communities.list()), all -> {
      Map<String, Object> m = staff.adminModel(ctx, "accounts");
      m.put("accounts", all.resultAt(0));
      m.put("communities", all.resultAt(1));
      if (error != null) {
        m.put("error", error);
      }
      pages.render(ctx, status, "admin/accounts", m);
    });
  }
}
