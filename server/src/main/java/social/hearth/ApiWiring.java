package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import social.hearth.apub.Uris;
import social.hearth.core.account.StaffAccounts;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.core.community.InstanceSettings;
import social.hearth.core.community.Lifecycle;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.core.moderation.FederationHealth;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.Reports;
import social.hearth.core.moderation.Sanctions;
import social.hearth.core.moderation.Warnings;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.RuleStore;
import social.hearth.db.PgSessionStore;
import social.hearth.db.PgWebhookDeliveries;
import social.hearth.http.ActorResolver;
import social.hearth.http.AdminApi;
import social.hearth.http.ApiCalls;
import social.hearth.http.AuditApi;
import social.hearth.web.I18n;
import social.hearth.http.CommunitiesApi;
import social.hearth.http.CommunityJson;
import social.hearth.http.DomainPoliciesApi;
import social.hearth.http.FederationApi;
import social.hearth.http.FiltersApi;
import social.hearth.http.InstanceApi;
import social.hearth.http.InstanceBansApi;
import social.hearth.http.InvitesApi;
import social.hearth.http.MembersApi;
import social.hearth.http.PinsApi;
import social.hearth.http.PostsApi;
import social.hearth.http.QueueApi;
import social.hearth.http.ReportsApi;
import social.hearth.http.RulesApi;
import social.hearth.http.SettingsApi;
import social.hearth.http.StaffApi;
import social.hearth.http.WebhookApi;
import social.hearth.http.WebhookSettingsApi;

/** Wiring of the admin API (one {@link AdminApi.Feature} per file) and the payment webhook, for {@link Hearth}. */
final class ApiWiring {

  /** What the admin API's features are built from. */
  record Parts(Vertx vertx, Pool pool, Clock clock, Uris uris, String handleHost, CommunityService communities,
               CommunityStore communityStore, Lifecycle lifecycle, InstanceSettings instance, Curation curation,
               Membership membership, ActorResolver actorResolver, RuleStore rules, InviteStore invites,
               AccountStore accounts, DomainPolicies domains, Moderation moderation, Reports reports, AuditLog audit,
               PostsApi posts, FederationHealth federation, Warnings warnings, Sanctions sanctions) {}

  private ApiWiring() {}

  /** The audit log's API, its summaries in the web UI's languages. */
  private static AuditApi auditApi(ApiCalls calls, AuditLog audit) {
    I18n i18n = new I18n();
    return new AuditApi(calls, audit, (lang, key) -> i18n.has(key) ? i18n.t(lang, key) : null, I18n.LANGUAGES);
  }

  static void mount(Router router, String adminToken, Parts p) {
    ApiCalls apiCalls = new ApiCalls(p.communities(), p.audit());
    CommunityJson communityJson = new CommunityJson(p.uris(), p.handleHost());
    new AdminApi(adminToken, List.of(
        new CommunitiesApi(p.communities(), p.lifecycle(), communityJson, p.uris()),
        new InstanceApi(p.instance()),
        new SettingsApi(p.communities(), p.curation(), communityJson, p.audit()),
        new PinsApi(p.communities(), p.curation(), p.audit()),
        new MembersApi(apiCalls, p.communities(), p.membership(), p.actorResolver(), p.warnings(), p.sanctions()),
        new RulesApi(apiCalls, p.rules()),
        new InvitesApi(apiCalls, p.invites(), p.membership(), p.actorResolver(), p.uris()),
        new WebhookSettingsApi(apiCalls, p.communityStore(), p.uris()),
        new StaffApi(apiCalls, p.accounts(), new StaffAccounts(p.vertx(), p.accounts(), new PgSessionStore(p.pool()), p.audit()),
            p.communities(), p.uris()),
        new DomainPoliciesApi(apiCalls, p.domains()),
        new InstanceBansApi(apiCalls, p.domains(), p.actorResolver()),
        new FiltersApi(apiCalls, p.moderation()),
        new QueueApi(apiCalls, p.moderation()),
        new ReportsApi(apiCalls, p.reports()),
        auditApi(apiCalls, p.audit()), p.posts(),
        new FederationApi(p.federation()))).mount(router);
    new WebhookApi(p.communities(), p.communityStore(), new PgWebhookDeliveries(p.pool()), p.membership(),
        p.actorResolver(), p.clock()).mount(router);
  }
}
