package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;

/**
 * The staff side's shared helper: who is signed in, the CSRF check of every state-changing request, the role the
 * session has in the path's community (moderators decide about people, owners also change the community, instance
 * admins may do anything), the staff pages' common model, and how an action answers (a redirect with a notice, or
 * JSON for the page script).
 */
public final class StaffSession {

  private final Pages pages;
  private final Auth auth;
  private final CommunityService communities;
  private final Uris uris;
  private final String handleHost;
  private final AuditLog audit;

  public StaffSession(Pages pages, Auth auth, CommunityService communities) {
    this(pages, auth, communities, AuditLog.discarding());
  }

  public StaffSession(Pages pages, Auth auth, CommunityService communities, AuditLog audit) {
    this.audit = audit;
    this.pages = pages;
    this.auth = auth;
    this.communities = communities;
    this.uris = pages.uris();
    this.handleHost = pages.handleHost();
  }

  Pages pages() {
    return pages;
  }

  Auth auth() {
    return auth;
  }

  /** The audit log, where the pages record the staff actions whose use case does not. */
  AuditLog audit() {
    return audit;
  }

  // ------------------------------------------------------------------ route guards

  /** Route handler for every /staff page: a session is required (GET goes to the login page). */
  public void requireStaff(RoutingContext ctx) {
    auth.session(ctx).onSuccess(session -> {
      if (session.isEmpty()) {
        if (ctx.request().method().name().equals("GET")) {
          redirect(ctx, "/login?next=" + Pages.encode(ctx.request().uri()));
        } else {
          pages.error(ctx, 403);
        }
        return;
      }
      // a password an instance admin reset: nothing else until the account has chosen its own
      if (session.get().mustChangePassword() && !ctx.request().path().equals("/staff/password")) {
        if (ctx.request().method().name().equals("GET")) {
          redirect(ctx, "/staff/password");
        } else {
          pages.error(ctx, 403);
        }
        return;
      }
      ctx.next();
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** Route handler for state-changing requests: the session's CSRF token must come with them. */
  public void requireCsrf(RoutingContext ctx) {
    if (!auth.csrfValid(ctx, session(ctx), uris.base())) {
      if (fetch(ctx)) {
        ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("ok", false).put("message", pages.i18n().t(Pages.lang(ctx), "error.csrf")).encode());
        return;
      }
      pages.error(ctx, new WebException(403, "error.csrf"));
      return;
    }
    ctx.next();
  }

  /** Route handler: only instance admins go on. */
  public void requireAdmin(RoutingContext ctx) {
    Auth.Session session = session(ctx);
    if (session == null || !session.isAdmin()) {
      pages.error(ctx, 403);
      return;
    }
    ctx.next();
  }

  // ------------------------------------------------------------------ who and where

  static Auth.Session session(RoutingContext ctx) {
    return ctx.get(Auth.SESSION_KEY);
  }

  /** Who did it, as the audit log and histories record staff. */
  static String by(RoutingContext ctx) {
    return "staff:" + session(ctx).username();
  }

  /** The community in the path, if the session may moderate it (or own it, when {@code owner}). */
  Future<Community> community(RoutingContext ctx, boolean owner) {
    Auth.Session session = session(ctx);
    return communities.bySlug(ctx.pathParam("slug")).compose(c -> {
      if (c.isEmpty()) {
        return Future.failedFuture(WebException.notFound());
      }
      boolean allowed = owner ? session.owns(c.get()) : session.mayModerate(c.get());
      return allowed ? Future.succeededFuture(c.get()) : Future.failedFuture(WebException.forbidden());
    });
  }

  /** The model of a community's staff page: header, tabs, and what the session may do there. */
  Map<String, Object> model(RoutingContext ctx, Community c, String tab) {
    Map<String, Object> m = pages.model(ctx);
    Map<String, Object> cm = new HashMap<>();
    cm.put("slug", c.slug());
    cm.put("name", c.name());
    cm.put("url", uris.community(c.slug()));
    cm.put("handle", "@" + c.slug() + "@" + handleHost);
    cm.put("joinQuestion", c.joinQuestion());
    m.put("community", cm);
    m.put("tab", tab);
    m.put("owner", session(ctx).owns(c));
    return m;
  }

  /** The model of an instance admin's page. */
  Map<String, Object> adminModel(RoutingContext ctx, String tab) {
    Map<String, Object> m = pages.model(ctx);
    m.put("tab", tab);
    return m;
  }

  // ------------------------------------------------------------------ answering actions

  /**
   * Runs a staff action on the path's community and answers: a redirect back with a notice for a form POST, or
   * JSON {@code {ok, message}} for the page script's fetch (the same form, sent without a reload).
   */
  void act(RoutingContext ctx, boolean ownerOnly, BiFunction<Auth.Session, Community, Future<String>> action,
           Function<Community, String> back) {
    community(ctx, ownerOnly).compose(c -> {
      Future<String> done;
      try {
        done = action.apply(session(ctx), c);
      } catch (WebException e) {
        done = Future.failedFuture(e);
      }
      return done.map(notice -> new String[] {notice, back.apply(c)});
    }).onSuccess(r -> {
      String lang = Pages.lang(ctx);
      if (fetch(ctx)) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("ok", true).put("message", pages.i18n().t(lang, "notice." + r[0])).encode());
        return;
      }
      redirect(ctx, withNotice(r[1], r[0]));
    }).onFailure(e -> failed(ctx, e));
  }

  void failed(RoutingContext ctx, Throwable e) {
    if (fetch(ctx)) {
      int status = e instanceof WebException w ? w.status() : e instanceof CoreException a ? Pages.status(a) : 500;
      String key = e instanceof WebException w && w.messageKey() != null ? w.messageKey()
          : status == 404 ? "error.not_found" : status == 409 ? "error.conflict" : status == 403 ? "error.forbidden"
          : status < 500 ? "error.bad_request" : "error.internal";
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("ok", false).put("message", pages.i18n().t(Pages.lang(ctx), key)).encode());
      return;
    }
    pages.error(ctx, e);
  }

  static String withNotice(String path, String notice) {
    int hash = path.indexOf('#');
    String fragment = hash < 0 ? "" : path.substring(hash);
    String p = hash < 0 ? path : path.substring(0, hash);
    return p + (p.contains("?") ? "&" : "?") + "notice=" + notice + fragment;
  }

  /** The local page a form asks to return to (field {@code back}), or the default. */
  static String back(RoutingContext ctx, String fallback) {
    String back = ctx.request().getFormAttribute("back");
    if (back == null || !back.startsWith("/staff/") || back.contains("//") || back.contains("\\") || back.length() > 300
        || back.contains("notice=") || back.chars().anyMatch(ch -> ch < 0x20)) {
      return fallback;
    }
    return back;
  }

  static boolean fetch(RoutingContext ctx) {
    return "fetch".equals(ctx.request().getHeader("X-Requested-With"));
  }

  static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }
}
