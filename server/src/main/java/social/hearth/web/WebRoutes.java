package social.hearth.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import social.hearth.Services;

/**
 * The HTML side of Hearth: public pages and the staff's workroom. Mounted after the ActivityPub routes, which
 * answer ActivityPub clients at the same IRIs (content negotiation) and hand browsers to {@link Pages}.
 */
public final class WebRoutes {

  /** Form bodies (everything but image uploads). */
  static final int FORM_LIMIT = 256 * 1024;
  static final int UPLOAD_LIMIT = Media.MAX_BANNER + 64 * 1024;

  private final Services services;
  private final Pages pages;

  public WebRoutes(Services services, Pages pages) {
    this.services = services;
    this.pages = pages;
  }

  public void mount(Router router) {
    Services s = services;
    WebQueries queries = new WebQueries(s.pool());
    Media media = new Media(s.pool());
    Topics topics = new Topics(s.pool());
    Auth auth = new Auth(s.vertx(), s.pool(), s.accounts(), s.trustedProxies(), s.uris().scheme().equals("https"));
    PublicPages pub = new PublicPages(s, pages, queries, media, auth, topics);
    pages.attach(pub);
    StaffPages staff = new StaffPages(s, pages, auth, new StaffQueries(s.pool()), queries, media, topics);
    ModerationPages moderation = new ModerationPages(s, pages, staff);
    AdminPages admin = new AdminPages(s, pages, auth);

    router.get("/static/:name").handler(pages::asset);
    router.get("/").handler(ctx -> auth.session(ctx).onComplete(x -> pub.home(ctx)));
    router.get("/lang").handler(pub::language);
    router.get("/c/:slug/posts/:id").handler(pub::post);
    router.get("/c/:slug/tags/:tag").handler(pub::topic);
    router.get("/c/:slug/feed.atom").handler(pub::feed);
    router.get("/c/:slug/join").handler(pub::join);
    router.get("/c/:slug/invite/:code").handler(pub::invite);
    router.get("/c/:slug/media/:kind").handler(pub::media);

    BodyHandler forms = BodyHandler.create(false).setBodyLimit(FORM_LIMIT);
    BodyHandler uploads;
    try {
      uploads = BodyHandler.create(Files.createTempDirectory("hearth-uploads").toString()).setBodyLimit(UPLOAD_LIMIT)
          .setDeleteUploadedFilesOnEnd(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    router.get("/login").handler(staff::loginForm);
    router.post("/login").handler(this::limit);
    router.post("/login").handler(forms);
    router.post("/login").handler(staff::login);
    router.post("/logout").handler(this::limit);
    router.post("/logout").handler(forms);
    router.post("/logout").handler(staff::requireStaff);
    router.post("/logout").handler(staff::requireCsrf);
    router.post("/logout").handler(staff::logout);

    router.post("/staff/*").handler(this::limit);
    router.post("/staff/c/:slug/settings/media").handler(uploads);
    router.post("/staff/admin/domains/import").handler(uploads);
    router.post("/staff/*").handler(forms);
    router.route("/staff*").handler(staff::requireStaff);
    router.post("/staff/*").handler(staff::requireCsrf);
    router.route("/staff/admin*").handler(admin::requireAdmin);

    router.get("/staff").handler(staff::dashboard);
    router.get("/staff/password").handler(staff::passwordForm);
    router.post("/staff/password").handler(staff::changePassword);
    router.get("/staff/c/:slug").handler(staff::communityDashboard);
    router.get("/staff/c/:slug/members").handler(staff::members);
    router.get("/staff/c/:slug/member").handler(staff::member);
    router.post("/staff/c/:slug/members/:action").handler(staff::memberAction);
    router.get("/staff/c/:slug/invites").handler(staff::invites);
    router.post("/staff/c/:slug/invites").handler(staff::createInvite);
    router.post("/staff/c/:slug/invites/:id/revoke").handler(staff::revokeInvite);
    router.post("/staff/c/:slug/preapprove").handler(staff::preapprove);
    router.get("/staff/c/:slug/settings").handler(staff::settings);
    router.post("/staff/c/:slug/settings").handler(staff::saveSettings);
    router.post("/staff/c/:slug/settings/rules").handler(staff::saveRules);
    router.post("/staff/c/:slug/settings/topics").handler(staff::saveTopics);
    router.post("/staff/c/:slug/settings/pins").handler(staff::pin);
    router.post("/staff/c/:slug/settings/media").handler(staff::uploadMedia);
    router.get("/staff/c/:slug/queue").handler(moderation::queue);
    router.post("/staff/c/:slug/queue/:id/:decision").handler(moderation::decide);
    router.get("/staff/c/:slug/reports").handler(moderation::reports);
    router.post("/staff/c/:slug/reports/:id/resolve").handler(moderation::resolve);
    router.get("/staff/c/:slug/audit").handler(moderation::audit);
    router.get("/staff/c/:slug/filters").handler(moderation::filters);
    router.post("/staff/c/:slug/filters").handler(moderation::saveFilter);
    router.get("/staff/admin").handler(admin::accounts);
    router.get("/staff/admin/domains").handler(moderation::domains);
    router.post("/staff/admin/domains").handler(moderation::setDomain);
    router.get("/staff/admin/domains/export").handler(moderation::exportDomains);
    router.post("/staff/admin/domains/import").handler(moderation::importDomains);
    router.get("/staff/admin/settings").handler(moderation::instanceSettings);
    router.post("/staff/admin/settings").handler(moderation::saveInstanceSettings);
    router.post("/staff/admin/bans").handler(moderation::instanceBan);
    router.get("/staff/admin/audit").handler(moderation::instanceAudit);
    router.get("/staff/admin/reports").handler(moderation::instanceReports);
    router.post("/staff/admin/reports/:id/dismiss").handler(moderation::dismissInstanceReport);
    router.post("/staff/admin/accounts").handler(admin::createAccount);
    router.post("/staff/admin/roles").handler(admin::setRole);

    // anything else a browser asks for: an HTML "not found" page (API clients keep their JSON 404)
    router.get().handler(ctx -> {
      String accept = ctx.request().getHeader("Accept");
      if (accept != null && accept.contains("text/html")) {
        auth.session(ctx).onComplete(x -> pages.error(ctx, 404));
      } else {
        ctx.next();
      }
    });
  }

  /** Refuses a body larger than its limit (images or forms) with a page, before reading it. */
  private void limit(RoutingContext ctx) {
    String path = ctx.request().path();
    long max = path.endsWith("/settings/media") || path.endsWith("/domains/import") ? UPLOAD_LIMIT : FORM_LIMIT;
    String length = ctx.request().getHeader("Content-Length");
    try {
      if (length != null && Long.parseLong(length) > max) {
        pages.error(ctx, new WebException(413, "error.too_large"));
        return;
      }
    } catch (NumberFormatException e) {
      pages.error(ctx, 400);
      return;
    }
    ctx.next();
  }
}
