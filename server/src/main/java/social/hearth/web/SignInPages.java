package social.hearth.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;

/** Signing in and out, and changing one's own password. */
public final class SignInPages {

  private final Pages pages;
  private final Auth auth;

  public SignInPages(StaffSession staff) {
    this.pages = staff.pages();
    this.auth = staff.auth();
  }

  public void loginForm(RoutingContext ctx) {
    auth.session(ctx).onSuccess(session -> {
      if (session.isPresent()) {
        StaffSession.redirect(ctx, "/staff");
        return;
      }
      renderLogin(ctx, 200, null, "");
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void renderLogin(RoutingContext ctx, int status, String error, String username) {
    Map<String, Object> m = pages.model(ctx);
    m.put("loginToken", auth.loginToken(ctx));
    String next = ctx.request().getFormAttribute("next");
    m.put("next", safeNext(next != null ? next : ctx.request().getParam("next")));
    m.put("error", error);
    m.put("username", username);
    pages.render(ctx, status, "login", m);
  }

  public void login(RoutingContext ctx) {
    if (!auth.loginTokenMatches(ctx)) {
      pages.error(ctx, new WebException(403, "error.csrf"));
      return;
    }
    String username = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    auth.login(ctx, username, password).onSuccess(result -> {
      switch (result) {
        case OK -> StaffSession.redirect(ctx, next);
        case LIMITED -> {
          ctx.response().putHeader("Retry-After", String.valueOf(Auth.WINDOW.toSeconds()));
          renderLogin(ctx, 429, "error.login.limited", username == null ? "" : username);
        }
        case DISABLED -> renderLogin(ctx, 403, "error.login.disabled", username == null ? "" : username);
        default -> renderLogin(ctx, 401, "error.login.invalid", username == null ? "" : username);
      }
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** Where to go after signing in: only our own staff pages. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/staff") || next.contains("//") || next.contains("\\") || next.length() > 300
        || next.chars().anyMatch(ch -> ch < 0x20)) {
      return "/staff";
    }
    return next;
  }

  public void logout(RoutingContext ctx) {
    auth.logout(ctx, StaffSession.session(ctx)).onSuccess(v -> StaffSession.redirect(ctx, "/?notice=signed_out"))
        .onFailure(e -> pages.error(ctx, e));
  }

  public void passwordForm(RoutingContext ctx) {
    Map<String, Object> m = pages.model(ctx);
    m.put("forced", StaffSession.session(ctx).mustChangePassword());
    pages.render(ctx, "password", m);
  }

  public void changePassword(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Auth.Session session = StaffSession.session(ctx);
    (session.mustChangePassword() ? auth.replaceResetPassword(ctx, session, f.get("password"), f.get("repeat"))
        : auth.changePassword(ctx, session, f.get("current"), f.get("password"), f.get("repeat"))).onSuccess(result -> {
      if (result == Auth.PasswordResult.OK) {
        StaffSession.redirect(ctx, "/staff?notice=password_changed");
        return;
      }
      Map<String, Object> m = pages.model(ctx);
      m.put("forced", session.mustChangePassword());
      m.put("error", "error.password." + result.name().toLowerCase(Locale.ROOT));
      pages.render(ctx, result == Auth.PasswordResult.LIMITED ? 429 : 400, "password", m);
    }).onFailure(e -> pages.error(ctx, e));
  }
}
