package social.hearth.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The HTML side of Hearth: public pages and the staff's workroom. Mounted after the ActivityPub routes, which
 * answer ActivityPub clients at the same IRIs (content negotiation) and hand browsers to {@link Pages}.
 */
public final class WebRoutes {

  /** Form bodies (everything but image uploads). */
  static final int FORM_LIMIT = 256 * 1024;
  static final int UPLOAD_LIMIT = Media.MAX_BANNER + 64 * 1024;
  /** The composer's form (a new post, or an edit): multipart, with up to four images. */
  static final java.util.regex.Pattern COMPOSE = java.util.regex.Pattern.compile("/staff/c/[a-z0-9_.-]{1,64}/posts(/[a-z0-9]{1,20})?");

  /** What anyone may see. */
  public record PublicSite(HomePage home, CommunityPage community, PostPages posts, FeedPage feed,
                           InviteLinkPage inviteLink, ImagePages images) {}

  /** A community's staff: sign-in, dashboards, members, invites, settings. */
  public record Workroom(SignInPages signIn, DashboardPages dashboard, MemberPages members, InvitePages invites,
                         SettingsPages settings, RulesAndTopicsPages rulesAndTopics, PinPages pins,
                         ComposePages compose, PollPages polls) {}

  /** Moderation: the queue, reports, the audit log, filters. */
  public record ModerationDesk(QueuePages queue, ReportPages reports, AuditPages audit, FilterPages filters) {}

  /** The instance admin's pages. */
  public record InstanceAdmin(AccountPages accounts, DomainPages domains, InstancePages instance,
                              CommunityAdminPages communities, FederationPages federation) {}

  /** Staff as people: their profiles (their own form, the public page at their Person IRI) and their inbox. */
  public record People(ProfilePages profiles, StaffInboxPages inbox) {}

  private final Pages pages;
  private final StaffSession staff;
  private final PublicSite site;
  private final Workroom room;
  private final ModerationDesk desk;
  private final InstanceAdmin admin;
  private final People people;

  public WebRoutes(Pages pages, StaffSession staff, PublicSite site, Workroom room, ModerationDesk desk, InstanceAdmin admin,
                   People people) {
    this.people = people;
    this.pages = pages;
    this.staff = staff;
    this.site = site;
    this.room = room;
    this.desk = desk;
    this.admin = admin;
  }

  public void mount(Router router) {
    Auth auth = staff.auth();
    pages.attach(site.community());
    room.settings().attach(room.rulesAndTopics());
    room.rulesAndTopics().attach(room.settings());
    site.images().attach(room.settings());

    router.get("/static/:name").handler(pages::asset);
    router.get("/").handler(ctx -> auth.session(ctx).onComplete(x -> site.home().home(ctx)));
    router.get("/lang").handler(site.home()::language);
    router.get("/c/:slug/posts/:id").handler(site.posts()::post);
    router.get("/c/:slug/tags/:tag").handler(site.posts()::topic);
    router.get("/c/:slug/feed.atom").handler(site.feed()::feed);
    router.get("/c/:slug/join").handler(site.community()::join);
    router.get("/c/:slug/invite/:code").handler(site.inviteLink()::invite);
    router.post("/c/:slug/invite/:code").handler(this::limit);
    router.post("/c/:slug/invite/:code").handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT));
    router.post("/c/:slug/invite/:code").handler(site.inviteLink()::join);
    router.get("/c/:slug/media/:kind").handler(site.images()::serve);
    router.get("/u/:username").handler(ctx -> auth.session(ctx).onComplete(x -> people.profiles().page(ctx)));
    router.get("/u/:username/avatar").handler(people.profiles()::avatar);

    BodyHandler forms = BodyHandler.create(false).setBodyLimit(FORM_LIMIT);
    BodyHandler uploads;
    try {
      uploads = BodyHandler.create(Files.createTempDirectory("hearth-uploads").toString()).setBodyLimit(UPLOAD_LIMIT)
          .setDeleteUploadedFilesOnEnd(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SignInPages signIn = room.signIn();
    router.get("/login").handler(signIn::loginForm);
    router.post("/login").handler(this::limit);
    router.post("/login").handler(forms);
    router.post("/login").handler(signIn::login);
    router.post("/logout").handler(this::limit);
    router.post("/logout").handler(forms);
    router.post("/logout").handler(staff::requireStaff);
    router.post("/logout").handler(staff::requireCsrf);
    router.post("/logout").handler(signIn::logout);

    // an invitation to join the staff: the one staff page for people who have no account yet
    router.get("/staff/join/:token").handler(admin.accounts()::joinForm);
    router.post("/staff/join/:token").handler(this::limit);
    router.post("/staff/join/:token").handler(forms);
    router.post("/staff/join/:token").handler(admin.accounts()::join);

    router.post("/staff/*").handler(this::limit);
    router.post("/staff/c/:slug/settings/media").handler(uploads);
    router.post("/staff/admin/domains/import").handler(uploads);
    router.post("/staff/profile").handler(uploads);
    BodyHandler composeUploads = BodyHandler.create(uploadDirectory())
        .setBodyLimit(ComposePages.UPLOAD_LIMIT).setDeleteUploadedFilesOnEnd(true);
    router.postWithRegex(COMPOSE.pattern()).handler(composeUploads);
    router.post("/staff/*").handler(forms);
    router.route("/staff*").handler(staff::requireStaff);
    router.post("/staff/*").handler(staff::requireCsrf);
    router.route("/staff/admin*").handler(staff::requireAdmin);
    router.get("/staff*").handler(people.inbox()::countUnread);
    router.get("/staff/profile").handler(people.profiles()::form);
    router.post("/staff/profile").handler(people.profiles()::save);
    router.get("/staff/inbox").handler(people.inbox()::inbox);

    router.get("/staff").handler(room.dashboard()::dashboard);
    router.get("/staff/password").handler(signIn::passwordForm);
    router.post("/staff/password").handler(signIn::changePassword);
    router.get("/staff/c/:slug").handler(room.dashboard()::community);
    router.get("/staff/c/:slug/members").handler(room.members()::members);
    router.post("/staff/c/:slug/requests").handler(room.dashboard()::bulk);
    router.get("/staff/c/:slug/member").handler(room.members()::member);
    router.post("/staff/c/:slug/members/:action").handler(room.members()::memberAction);
    router.post("/staff/c/:slug/moderate/remove-post").handler(room.members()::removePost);
    router.get("/staff/c/:slug/invites").handler(room.invites()::invites);
    router.post("/staff/c/:slug/invites").handler(room.invites()::create);
    router.post("/staff/c/:slug/invites/:id/revoke").handler(room.invites()::revoke);
    router.post("/staff/c/:slug/preapprove").handler(room.invites()::preapprove);
    router.get("/staff/c/:slug/settings").handler(room.settings()::settings);
    router.post("/staff/c/:slug/settings").handler(room.settings()::save);
    router.post("/staff/c/:slug/settings/rules").handler(room.rulesAndTopics()::saveRules);
    router.post("/staff/c/:slug/settings/topics").handler(room.rulesAndTopics()::saveTopics);
    router.post("/staff/c/:slug/settings/pins").handler(room.pins()::pin);
    router.post("/staff/c/:slug/settings/media").handler(site.images()::upload);
    router.get("/staff/c/:slug/posts").handler(room.compose()::list);
    router.get("/staff/c/:slug/posts/new").handler(room.compose()::compose);
    router.post("/staff/c/:slug/posts").handler(room.compose()::save);
    router.get("/staff/c/:slug/posts/:key/edit").handler(room.compose()::edit);
    router.post("/staff/c/:slug/posts/:key").handler(room.compose()::save);
    router.post("/staff/c/:slug/posts/:key/delete").handler(room.compose()::delete);
    router.post("/staff/c/:slug/schedules").handler(room.compose()::schedule);
    router.post("/staff/c/:slug/schedules/:key/:action").handler(room.compose()::scheduleAction);
    router.get("/staff/c/:slug/polls").handler(room.polls()::list);
    router.post("/staff/c/:slug/polls").handler(room.polls()::create);
    router.get("/staff/c/:slug/queue").handler(desk.queue()::queue);
    router.post("/staff/c/:slug/queue/:id/:decision").handler(desk.queue()::decide);
    router.get("/staff/c/:slug/reports").handler(desk.reports()::reports);
    router.post("/staff/c/:slug/reports/:id/resolve").handler(desk.reports()::resolve);
    router.get("/staff/c/:slug/audit").handler(desk.audit()::audit);
    router.get("/staff/c/:slug/filters").handler(desk.filters()::filters);
    router.post("/staff/c/:slug/filters").handler(desk.filters()::save);
    router.get("/staff/admin").handler(admin.accounts()::accounts);
    router.get("/staff/admin/domains").handler(admin.domains()::domains);
    router.post("/staff/admin/domains").handler(admin.domains()::set);
    router.get("/staff/admin/domains/export").handler(admin.domains()::export);
    router.post("/staff/admin/domains/import").handler(admin.domains()::importCsv);
    router.get("/staff/admin/settings").handler(admin.instance()::settings);
    router.post("/staff/admin/settings").handler(admin.instance()::save);
    router.post("/staff/admin/bans").handler(admin.instance()::ban);
    router.get("/staff/admin/audit").handler(desk.audit()::instanceAudit);
    router.get("/staff/admin/reports").handler(desk.reports()::instanceReports);
    router.post("/staff/admin/reports/:id/dismiss").handler(desk.reports()::dismissInstanceReport);
    router.post("/staff/admin/accounts").handler(admin.accounts()::create);
    router.post("/staff/admin/roles").handler(admin.accounts()::setRole);
    router.post("/staff/admin/accounts/:username/:action").handler(admin.accounts()::manage);
    router.post("/staff/admin/invitations").handler(admin.accounts()::invite);
    router.post("/staff/admin/invitations/:id/revoke").handler(admin.accounts()::revokeInvitation);
    router.get("/staff/admin/communities").handler(admin.communities()::list);
    router.post("/staff/admin/communities").handler(admin.communities()::create);
    router.post("/staff/admin/communities/:slug/archive").handler(admin.communities()::archive);
    router.post("/staff/admin/communities/:slug/unarchive").handler(admin.communities()::unarchive);
    router.get("/staff/admin/communities/:slug/delete").handler(admin.communities()::confirmDelete);
    router.post("/staff/admin/communities/:slug/delete").handler(admin.communities()::delete);
    router.post("/staff/admin/settings/profile").handler(admin.instance()::saveProfile);
    router.get("/staff/admin/federation").handler(admin.federation()::page);
    router.post("/staff/admin/federation/retry").handler(admin.federation()::retry);

    more.forEach(m -> m.accept(router)); // pages of features wired elsewhere (events), behind the same guards
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

  /** Pages wired elsewhere, mounted after the guards above and before the "not found" page. */
  private final java.util.List<java.util.function.Consumer<Router>> more = new java.util.ArrayList<>();

  /** Adds pages mounted after the staff guards and before the "not found" page. */
  public WebRoutes with(java.util.function.Consumer<Router> pages) {
    more.add(pages);
    return this;
  }

  private static String uploadDirectory() {
    try {
      return Files.createTempDirectory("hearth-compose").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses a body larger than its limit (images or forms) with a page, before reading it. */
  private void limit(RoutingContext ctx) {
    String path = ctx.request().path();
    long max = COMPOSE.matcher(path).matches() ? ComposePages.UPLOAD_LIMIT
        : path.endsWith("/settings/media") || path.endsWith("/domains/import") || path.equals("/staff/profile")
        ? UPLOAD_LIMIT : FORM_LIMIT;
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
