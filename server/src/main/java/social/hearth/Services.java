package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import social.hearth.apub.ActorMapper;
import social.hearth.apub.Uris;
import social.hearth.config.Config;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.MemberStore;
import social.hearth.db.OutboxStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.ReportStore;
import social.hearth.core.port.RuleStore;
import social.hearth.federation.webfinger.WebFingerClient;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.Reports;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.core.membership.Membership;
import social.hearth.apub.RemoteActors;
import social.hearth.web.ClientAddress;

/**
 * The application's parts, wired once in {@link Hearth} and handed to the route groups that need many of them
 * (the web pages). Plain data: no behaviour here.
 */
public record Services(Vertx vertx, Config config, Clock clock, Pool pool, Uris uris, String handleHost,
                       CommunityService communities, CommunityStore communityStore, MemberStore members,
                       PostStore posts, RuleStore rules, InviteStore invites, BanStore bans, AccountStore accounts,
                       ReportStore reports, OutboxStore outbox, RemoteActors actors, Membership membership,
                       Curation curation, ActorMapper mapper, WebFingerClient webfinger,
                       ClientAddress trustedProxies, Moderation moderation, Reports moderationReports) {}
