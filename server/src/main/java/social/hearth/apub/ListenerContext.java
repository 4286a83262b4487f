package social.hearth.apub;

import io.vertx.sqlclient.Pool;
import social.hearth.db.MemberStore;
import social.hearth.db.PostStore;
import social.hearth.db.ReportStore;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.services.CommunityService;
import social.hearth.services.DeliveryWorker;
import social.hearth.services.Membership;
import social.hearth.services.Outbound;
import social.hearth.services.RemoteActors;

/** What the inbox listeners share: stores, services and the outbound side. */
public record ListenerContext(Uris uris, CommunityService communities, RemoteActors actors, MemberStore members,
                              PostStore posts, ReportStore reports, Outbound outbound, ActivityPubFetcher fetcher,
                              Pool pool, DeliveryWorker delivery, Membership membership,
                              social.hearth.moderation.Moderation moderation, social.hearth.services.Publishing publishing,
                              social.hearth.moderation.Reports reportDesk) {}
