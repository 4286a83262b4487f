package social.hearth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import social.hearth.core.account.StaffAccounts;
import social.hearth.core.account.StaffInbox;
import social.hearth.core.account.StaffProfiles;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.core.community.InstanceSettings;
import social.hearth.core.community.Lifecycle;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.Reports;
import social.hearth.core.moderation.Sanctions;
import social.hearth.core.moderation.Warnings;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.AdminPageQueries;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.MediaStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PublicPageQueries;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.StaffPageQueries;
import social.hearth.core.port.TopicStore;
import social.hearth.db.PgAdminPageQueries;
import social.hearth.db.PgLoginAttemptStore;
import social.hearth.db.PgMediaStore;
import social.hearth.db.PgMemberRecordStore;
import social.hearth.db.PgPublicPageQueries;
import social.hearth.db.PgSessionStore;
import social.hearth.db.PgStaffPageQueries;
import social.hearth.db.PgTopicStore;
import social.hearth.web.AccountPages;
import social.hearth.web.ActorInput;
import social.hearth.web.AuditPages;
import social.hearth.web.Auth;
import social.hearth.web.ClientAddress;
import social.hearth.web.CommunityAdminPages;
import social.hearth.web.CommunityPage;
import social.hearth.web.ComposePages;
import social.hearth.core.authoring.CommunityPosts;
import social.hearth.core.authoring.Schedules;
import social.hearth.web.DashboardPages;
import social.hearth.web.DomainPages;
import social.hearth.web.FeedPage;
import social.hearth.web.FollowHandover;
import social.hearth.apub.FollowPages;
import social.hearth.web.FilterPages;
import social.hearth.web.HomePage;
import social.hearth.web.ImagePages;
import social.hearth.web.InstancePages;
import social.hearth.web.InviteLinkPage;
import social.hearth.web.InvitePages;
import social.hearth.web.MemberPages;
import social.hearth.web.Pages;
import social.hearth.web.PinPages;
import social.hearth.web.PollPages;
import social.hearth.web.PostPages;
import social.hearth.web.ProfilePages;
import social.hearth.web.StaffInboxPages;
import social.hearth.web.QueuePages;
import social.hearth.web.ReportPages;
import social.hearth.web.RulesAndTopicsPages;
import social.hearth.web.SettingsPages;
import social.hearth.web.SignInPages;
import social.hearth.web.StaffSession;
import social.hearth.web.WebRoutes;

/** Wires the web pages: their database read models and stores, and each feature with what it uses. */
final class WebWiring {

  /** The core's use cases the pages call. */
  record UseCases(CommunityService communities, Curation curation, Membership membership, Moderation moderation,
                  Reports reports, StaffAccounts staffAccounts, Lifecycle lifecycle, InstanceSettings instance,
                  StaffProfiles profiles, StaffInbox staffInbox, CommunityPosts posts, Schedules schedules,
                  social.hearth.core.moderation.FederationHealth federation, Warnings warnings, Sanctions sanctions,
                  social.hearth.core.polls.Polls polls, EventWiring events, RecognitionWiring recognition,
                  Commons commons) {}

  /** The stores the pages share with the rest of the server. */
  record Stores(AccountStore accounts, InviteStore invites, RuleStore rules, BanStore bans, MemberStore members) {}

  private WebWiring() {}

  /**
   * Mounts the pages. {@code webfinger} resolves a typed handle to an actor IRI; {@code trustedProxies} tells whose
   * X-Forwarded-For is believed.
   */
  static void mount(Router router, Vertx vertx, Clock clock, Duration pageCache, Pool pool, Pages pages, UseCases core,
                    Stores stores, Function<String, Future<String>> webfinger, ClientAddress trustedProxies,
                    FollowPages followPages) {
    PublicPageQueries posts = new PgPublicPageQueries(pool);
    StaffPageQueries staffQueries = new PgStaffPageQueries(pool);
    AdminPageQueries adminQueries = new PgAdminPageQueries(pool);
    MediaStore media = new PgMediaStore(pool);
    TopicStore topics = new PgTopicStore(pool);
    CommunityService communities = core.communities();
    Auth auth = new Auth(vertx, new PgSessionStore(pool), new PgLoginAttemptStore(pool), stores.accounts(), trustedProxies,
        pages.uris().scheme().equals("https"));
    StaffSession staff = new StaffSession(pages, auth, communities, core.moderation().audit());
    ActorInput actors = new ActorInput(pages.uris(), webfinger);
    FollowHandover handover = new FollowHandover(pages, communities, followPages, auth, media);
    PollPages polls = new PollPages(staff, core.polls(), clock);

    WebRoutes.PublicSite site = new WebRoutes.PublicSite(
        new HomePage(pages, posts, core.instance()),
        new CommunityPage(pages, auth, communities,
            new CommunityPage.Reads(posts, stores.rules(), stores.members(), topics, media), pageCache, handover,
            polls),
        new PostPages(pages, auth, communities, posts, topics, media, stores.rules(), polls),
        new FeedPage(pages, communities, posts),
        new InviteLinkPage(pages, auth, communities, stores.invites(), media, clock, core.membership(), handover),
        new ImagePages(staff, communities, media, core.curation(), vertx));
    WebRoutes.Workroom room = new WebRoutes.Workroom(
        new SignInPages(staff),
        new DashboardPages(staff, communities, staffQueries, stores.members(), core.membership()),
        new MemberPages(staff, staffQueries, stores.bans(), core.membership(), new MemberPages.Tools(core.warnings(),
            core.sanctions(), core.moderation(), new PgMemberRecordStore(pool), stores.rules()))
            .withSponsors(core.recognition().sponsors()),
        new InvitePages(staff, stores.invites(), core.membership(), actors, clock),
        new SettingsPages(staff, new SettingsPages.Reads(stores.rules(), topics, media, posts, staffQueries), core.curation()),
        new RulesAndTopicsPages(staff, stores.rules(), topics),
        new PinPages(staff, core.curation()),
        new ComposePages(staff, core.posts(), core.schedules(), new ComposePages.Reads(stores.rules(), topics, posts), vertx),
        polls);
    WebRoutes.ModerationDesk desk = new WebRoutes.ModerationDesk(
        new QueuePages(staff, core.moderation(), staffQueries),
        new ReportPages(staff, core.reports(), staffQueries, posts),
        new AuditPages(staff, core.moderation().audit(), stores.accounts(), communities),
        new FilterPages(staff, core.moderation()));
    WebRoutes.InstanceAdmin admin = new WebRoutes.InstanceAdmin(
        new AccountPages(staff, communities, stores.accounts(), core.staffAccounts(), adminQueries),
        new DomainPages(staff, core.moderation().domains(), vertx),
        new InstancePages(staff, core.moderation().domains(), adminQueries, actors, core.instance()),
        new CommunityAdminPages(staff, communities, core.lifecycle(), adminQueries, stores.members()),
        new social.hearth.web.FederationPages(staff, core.federation()));
    WebRoutes.People people = new WebRoutes.People(new ProfilePages(staff, core.profiles(), vertx),
        new StaffInboxPages(staff, core.staffInbox()));
    new WebRoutes(pages, staff, site, room, desk, admin, people)
        .with(r -> EventWiring.mountPages(r, pages, auth, staff, communities, media, clock, core.events()))
        .with(r -> new social.hearth.web.RecognitionPages(staff, communities, core.recognition().recognition(),
            core.recognition().insights(), clock, core.membership(), core.recognition().achievements())
            .withTrends(core.recognition().trends()).mount(r))
        .with(r -> new social.hearth.web.AchievementPages(staff, core.recognition().achievements()).mount(r))
        .with(r -> new social.hearth.web.WikiPages(pages, auth, staff, communities, media, core.commons().wiki().wiki()).mount(r))
        .with(r -> new social.hearth.web.BoardPages(pages, auth, staff, communities, media, core.commons().board().board()).mount(r))
        .with(r -> new social.hearth.web.DigestPages(staff, core.commons().digests()).mount(r))
        .with(r -> new social.hearth.web.WikiEditorPages(pages, auth, staff, communities, media,
            core.commons().wiki().editors(), core.commons().wiki().wiki()).mount(r)) // the wiki's trusted editors
        .with(r -> new social.hearth.web.SponsorPages(staff, core.recognition().sponsors()).mount(r)) // issue 18
        .mount(router);
  }
}
