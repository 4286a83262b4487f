package social.hearth.apub;

import io.vertx.sqlclient.Pool;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.ReportStore;
import social.hearth.core.port.Outbound;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.core.community.CommunityService;
import social.hearth.apub.delivery.DeliveryWorker;
import social.hearth.core.membership.Membership;

/** What the inbox listeners share: stores, services and the outbound side. */
public record ListenerContext(Uris uris, CommunityService communities, RemoteActors actors, MemberStore members,
                              PostStore posts, ReportStore reports, Outbound outbound, ActivityPubFetcher fetcher,
                              Pool pool, DeliveryWorker delivery, Membership membership,
                              social.hearth.core.moderation.Moderation moderation, social.hearth.core.publishing.Publishing publishing,
                              social.hearth.core.moderation.Reports reportDesk) {}
