package social.hearth.web;

import social.hearth.core.domain.Account;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.Services;
import social.hearth.core.CoreException;
import social.hearth.core.account.StaffAccounts;

/**
 * The instance admin's pages: staff accounts and their roles per community (a demotion or removal ends the
 * account's sessions at once). Only accounts with {@code instance_admin} reach them.
 */
public final class AdminPages {

  /** A staff account with its roles. */
  public record AccountRow(long id, String username, boolean instanceAdmin, OffsetDateTime createdAt, List<String[]> roles) {}

  private final Services s;
  private final Pages pages;
  private final Auth auth;

  public AdminPages(Services s, Pages pages, Auth auth) {
    this.s = s;
    this.pages = pages;
    this.auth = auth;
  }

  /** Route handler: only instance admins go on. */
  public void requireAdmin(RoutingContext ctx) {
    Auth.Session session = ctx.get(Auth.SESSION_KEY);
    if (session == null || !session.isAdmin()) {
      pages.error(ctx, 403);
      return;
    }
    ctx.next();
  }

  Map<String, Object> model(RoutingContext ctx, String tab) {
    Map<String, Object> m = pages.model(ctx);
    m.put("tab", tab);
    return m;
  }

  public void accounts(RoutingContext ctx) {
    pages.handle(ctx, Future.all(accountRows(), s.communities().list()), all -> {
      Map<String, Object> m = model(ctx, "accounts");
      m.put("accounts", all.resultAt(0));
      m.put("communities", all.resultAt(1));
      pages.render(ctx, "admin/accounts", m);
    });
  }

  Future<List<AccountRow>> accountRows() {
    return s.pool().query("SELECT a.id, a.username, a.instance_admin, a.created_at, COALESCE(string_agg(c.slug || ' ' || r.role, "
            + "',' ORDER BY c.slug), '') FROM accounts a LEFT JOIN staff_roles r ON r.account_id = a.id LEFT JOIN communities c "
            + "ON c.id = r.community_id GROUP BY a.id ORDER BY a.username").execute().map(rows -> {
              List<AccountRow> out = new ArrayList<>();
              rows.forEach(r -> {
                List<String[]> roles = new ArrayList<>();
                for (String pair : r.getString(4).isEmpty() ? new String[0] : r.getString(4).split(",")) {
                  roles.add(pair.split(" ", 2));
                }
                out.add(new AccountRow(r.getLong(0), r.getString(1), r.getBoolean(2), r.getOffsetDateTime(3), roles));
              });
              return out;
            });
  }

  public void createAccount(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String username = f.get("username") == null ? "" : f.get("username").strip().toLowerCase(Locale.ROOT);
    String password = f.get("password");
    if (!username.matches("[a-z0-9_]{2,32}")) {
      fail(ctx, "error.account.username");
      return;
    }
    if (password == null || password.length() < social.hearth.core.account.Passwords.MIN_LENGTH
        || password.length() > social.hearth.core.account.Passwords.MAX_LENGTH) {
      fail(ctx, "error.password.weak");
      return;
    }
    new StaffAccounts(s.vertx(), s.accounts()).create(username, password, f.get("instanceAdmin") != null)
        .onSuccess(a -> StaffPages.redirect(ctx, "/staff/admin?notice=account_created"))
        .onFailure(e -> {
          if (e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT) {
            fail(ctx, "error.account.taken");
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
      fail(ctx, "error.role");
      return;
    }
    pages.handle(ctx, Future.all(s.accounts().byUsername(nz(f.get("username"))), s.communities().bySlug(nz(f.get("community"))))
        .compose(all -> {
          var account = all.<java.util.Optional<Account>>resultAt(0);
          var community = all.<java.util.Optional<social.hearth.core.domain.Community>>resultAt(1);
          if (account.isEmpty() || community.isEmpty()) {
            return Future.failedFuture(WebException.notFound());
          }
          long id = account.get().id();
          long cid = community.get().id();
          return s.accounts().role(id, cid).compose(before -> {
            boolean demotion = before.isPresent() && (role.equals("none") || (before.get().equals("owner") && !role.equals("owner")));
            Future<?> change = role.equals("none") ? s.accounts().removeRole(id, cid) : s.accounts().setRole(id, cid, role);
            return change.compose(x -> demotion ? auth.endSessions(id) : Future.succeededFuture());
          });
        }), x -> StaffPages.redirect(ctx, "/staff/admin?notice=role_set"));
  }

  private void fail(RoutingContext ctx, String key) {
    pages.handle(ctx, Future.all(accountRows(), s.communities().list()), all -> {
      Map<String, Object> m = model(ctx, "accounts");
      m.put("accounts", all.resultAt(0));
      m.put("communities", all.resultAt(1));
      m.put("error", key);
      pages.render(ctx, 400, "admin/accounts", m);
    });
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
