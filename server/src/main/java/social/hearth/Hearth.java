package social.hearth;

import social.hearth.db.PgRuleStore;
import social.hearth.db.PgReportStore;
import social.hearth.db.PgPostStore;
import social.hearth.db.PgNoteStore;
import social.hearth.db.PgMemberStore;
import social.hearth.db.PgInviteStore;
import social.hearth.db.PgCommunityStore;
import social.hearth.db.PgBanStore;
import social.hearth.db.PgPostingStandings;
import social.hearth.db.PgAccountStore;
import social.hearth.db.PgQueueStore;
import social.hearth.db.PgTx;
import social.hearth.db.PgDeletedObjects;
import social.hearth.core.port.DeletedObjects;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.apub.ActorMapper;
import social.hearth.apub.ActorRoutes;
import social.hearth.apub.CollectionRoutes;
import social.hearth.apub.FetchSigners;
import social.hearth.apub.InboxRoutes;
import social.hearth.apub.CreateListener;
import social.hearth.apub.InboxEndpoint;
import social.hearth.apub.InboundMapper;
import social.hearth.apub.SubmissionMapper;
import social.hearth.apub.Uris;
import social.hearth.apub.WellKnownRoutes;
import social.hearth.config.Config;
import social.hearth.config.ConfigException;
import social.hearth.db.ActorStore;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.BanStore;
import social.hearth.db.Database;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.RuleStore;
import social.hearth.db.HostStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.ReportStore;
import social.hearth.db.InboxStore;
import social.hearth.core.port.MemberStore;
import social.hearth.db.DeliveryBatches;
import social.hearth.db.OutboxStore;
import social.hearth.federation.delivery.Deliverer;
import social.hearth.federation.delivery.RetryPolicy;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.federation.fetch.AddressGuard;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.inbox.InboxVerifier;
import social.hearth.federation.inbox.ListenerTable;
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.http.ActorResolver;
import social.hearth.http.ErrorHandler;
import social.hearth.http.Health;
import social.hearth.core.account.StaffAccounts;
import social.hearth.db.PgQueueDepths;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.core.moderation.DryRun;
import social.hearth.core.moderation.Filters;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.ModerationOutbox;
import social.hearth.core.moderation.ModerationPass;
import social.hearth.core.moderation.ModerationQueue;
import social.hearth.core.moderation.Removals;
import social.hearth.core.moderation.Reports;
import social.hearth.core.publishing.DirectMessages;
import social.hearth.core.publishing.PostIntake;
import social.hearth.core.publishing.Screening;
import social.hearth.core.publishing.BatchIntake;
import social.hearth.core.publishing.PostScreen;
import social.hearth.core.port.Transactions;
import social.hearth.db.PgAuditStore;
import social.hearth.db.PgDomainPolicyStore;
import social.hearth.db.PgFilterStore;
import social.hearth.db.PgModerationItems;
import social.hearth.core.moderation.ModerationItems;
import social.hearth.db.PgTx;
import social.hearth.db.PgDeletedObjects;
import social.hearth.core.port.DeletedObjects;
import social.hearth.core.publishing.Publishing;
import social.hearth.core.publishing.Retractions;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.membership.Expiry;
import social.hearth.federation.webfinger.WebFingerClient;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.core.community.InstanceSettings;
import social.hearth.core.community.Lifecycle;
import social.hearth.db.PgInstanceProfileStore;
import social.hearth.apub.NodeInfoClient;
import social.hearth.apub.FollowPages;
import social.hearth.apub.QuoteRoutes;
import social.hearth.apub.delivery.DeliveryWorker;
import social.hearth.apub.InboxWorkers;
import social.hearth.apub.CreateScreen;
import social.hearth.apub.InboxProcessor;
import social.hearth.apub.delivery.HostSignatureSchemes;
import social.hearth.apub.LocalKeys;
import social.hearth.core.membership.Membership;
import social.hearth.core.membership.Maintenance;
import social.hearth.apub.OutboundActivities;
import social.hearth.apub.RemoteActors;
import social.hearth.web.ClientAddress;
import social.hearth.web.Pages;
import social.hearth.apub.FederationMetrics;
import social.hearth.federation.fetch.KeyFetchLimiter;
import social.hearth.metrics.Metrics;
import social.hearth.metrics.MetricsEndpoint;

/** A running Hearth: database, workers and HTTP server, wired from a {@link Config}. */
public final class Hearth {

  private static final Logger LOG = LoggerFactory.getLogger(Hearth.class);
  public static final Duration SIGNATURE_WINDOW = Duration.ofHours(1);

  private final Vertx vertx;
  private final Database database;
  private final HttpServers server;
  private final InboxWorkers inboxProcessor;
  private final DeliveryWorker deliveryWorker;
  private final GuardedHttpClient http;
  private final Maintenance maintenance;
  private final MetricsEndpoint metrics;
  private final Authoring authoring;
  private final PollWiring polls;
  /** The worker that reminds attendees of events (issue 16). */
  private social.hearth.core.events.EventReminders eventReminders;
  /** The wiki, the board and the digest, whose worker stops with the node (issue 19). */
  private Commons commons;
  private social.hearth.core.recognition.Announcements announcements;

  private Hearth(Vertx vertx, Database database, HttpServers server, InboxWorkers inboxProcessor,
                 DeliveryWorker deliveryWorker, GuardedHttpClient http, Maintenance maintenance, MetricsEndpoint metrics,
                 Authoring authoring, PollWiring polls) {
    this.authoring = authoring;
    this.polls = polls;
    this.metrics = metrics;
    this.maintenance = maintenance;
    this.vertx = vertx;
    this.database = database;
    this.server = server;
    this.inboxProcessor = inboxProcessor;
    this.deliveryWorker = deliveryWorker;
    this.http = http;
  }

  public int port() {
    return server.port();
  }

  /** The port {@code /metrics} is served on by itself ({@code HEARTH_METRICS_PORT}), or -1. */
  public int metricsPort() {
    return metrics.port();
  }

  public Database database() {
    return database;
  }

  public Maintenance maintenance() {
    return maintenance;
  }

  /** The worker that publishes scheduled and recurring posts (tests run its passes by hand). */
  public social.hearth.core.authoring.ScheduledPosts scheduledPosts() {
    return authoring.worker();
  }

  /** The worker that closes polls and sends their tallies (tests run its passes by hand). */
  public social.hearth.core.polls.PollTallies pollTallies() {
    return polls.worker();
  }

  /** The worker that reminds attendees before an event (tests run its passes by hand). */
  public social.hearth.core.events.EventReminders eventReminders() {
    return eventReminders;
  }

  /** The digests, whose scheduled pass tests run by hand (issue 19). */
  public social.hearth.core.digest.Digests digests() {
    return commons.digests();
  }

  /**
   * Starts Hearth on {@code vertx}. With metrics on, HTTP and pool metrics need a Vert.x built by
   * {@link Metrics#newVertx()}: use {@link #start(Vertx, Config, Clock, Metrics)} with that.
   */
  public static Future<Hearth> start(Vertx vertx, Config config, Clock clock) {
    return start(vertx, config, clock, Metrics.create(config));
  }

  /** Starts Hearth on {@code vertx}, made by {@code metrics.newVertx()}. */
  public static Future<Hearth> start(Vertx vertx, Config config, Clock clock, Metrics metrics) {
    return vertx.executeBlocking(() -> {
      String token = AdminToken.of(config);
      return new Object[] {Database.open(vertx, config), token};
    }, false).compose(opened -> wire(vertx, config, clock, (Database) opened[0], (String) opened[1], metrics));
  }

  private static Future<Hearth> wire(Vertx vertx, Config config, Clock clock, Database db, String adminToken,
                                     Metrics metrics) {
    FederationMetrics counted = metrics.federation();
    Uris uris = new Uris(config.baseUrl());
    String handleHost = config.handleHost();
    CommunityStore communityStore = new PgCommunityStore(db.pool());
    ActorStore actorStore = new ActorStore(db.pool());
    MemberStore members = new PgMemberStore(db.pool());
    InboxStore inboxStore = new InboxStore(db.pool());
    OutboxStore outboxStore = new OutboxStore(db.pool());
    PostStore postStore = new PgPostStore(db.pool());
    HostStore hostStore = new HostStore(db.pool());
    ReportStore reportStore = new PgReportStore(db.pool());

    social.hearth.core.port.PersonStore personStore = new social.hearth.db.PgPersonStore(db.pool());
    LocalKeys keys = new LocalKeys(vertx, communityStore, personStore, uris);
    CommunityService communities = new CommunityService(communityStore, keys);
    HttpSignatures signatures = new HttpSignatures(clock, SIGNATURE_WINDOW);
    HostSignatureSchemes schemes = new HostSignatureSchemes(hostStore);
    Transactions transactions = PgTx.transactions(db.pool());
    AuditLog audit = new AuditLog(new PgAuditStore(db.pool()));
    DomainPolicies domains = new DomainPolicies(vertx, new PgDomainPolicyStore(db.pool()), transactions, audit);
    GuardedHttpClient http = new GuardedHttpClient(vertx, new AddressGuard(config.allowPrivateAddresses()),
        Duration.ofSeconds(10), "Hearth/" + Version.VERSION + " (+" + uris.base() + "/)", host -> !domains.blocked(host));
    ActivityPubFetcher fetcher = new ActivityPubFetcher(http, signatures, keys::instance, schemes);
    NodeInfoClient nodeInfo = new NodeInfoClient(http, hostStore);
    RemoteActors actors = new RemoteActors(actorStore, fetcher, uris, clock, nodeInfo,
        new KeyFetchLimiter(metrics.keyFetchListener()), counted);
    ActorMapper mapper = new ActorMapper(uris);
    OutboundActivities outbound = new OutboundActivities(outboxStore, postStore, new PgNoteStore(db.pool()), uris, mapper, clock);
    DeliveryWorker deliveryWorker = new DeliveryWorker(vertx, outboxStore, new DeliveryBatches(db.pool()), hostStore,
        new Deliverer(http, signatures, schemes), schemes, keys, new RetryPolicy(new Random()), config.queueLease(), config.queuePoll(), counted);

    BanStore bans = new PgBanStore(db.pool());
    InviteStore invites = new PgInviteStore(db.pool());
    RuleStore rules = new PgRuleStore(db.pool());
    AccountStore accounts = new PgAccountStore(db.pool());
    TransactionalOutbox out = new TransactionalOutbox(transactions, outbound, deliveryWorker);
    Membership membership = new Membership(out, new Membership.Stores(members, bans, invites, rules, postStore),
        communities, actors, audit, clock);
    Publishing publishing = new Publishing(out, postStore);
    ModerationOutbox moderationOutbox = new ModerationOutbox(transactions, outbound, actors, deliveryWorker);
    Filters filters = new Filters(new PgFilterStore(db.pool()));
    ModerationItems moderationItems = new PgModerationItems(db.pool());
    Removals removals = new Removals(postStore, audit, moderationOutbox);
    ModerationPass pass = new ModerationPass(filters, domains, audit, moderationItems, new PgNoteStore(db.pool()),
        moderationOutbox, clock);
    Moderation moderation = new Moderation(new Moderation.Features(pass,
        new ModerationQueue(moderationItems, publishing, new InboundMapper(), postStore, audit, moderationOutbox),
        removals, new DryRun(moderationItems, new SubmissionMapper())), filters, domains, audit);
    Reports reports = new Reports(reportStore, postStore, new social.hearth.apub.PostLinks(uris), communities, membership,
        removals, moderationOutbox, audit);
    DeletedObjects deletedObjects = new PgDeletedObjects(db.pool());
    PgPostingStandings standings = new PgPostingStandings(db.pool());
    RecognitionWiring recognition = RecognitionWiring.wire(db.pool(), clock, out, members, audit); // issue 18
    PostIntake intake = new PostIntake(communities, postStore, members, bans, Screening.of(moderation),
        publishing, new DirectMessages(actors, membership, reports)
        .also(recognition.recognition()::onDirectMessage).also(recognition.sponsors()::onDirectMessage),
        standings, actors);
    membership.onboarding(recognition.sponsors()); // issue 18: sponsors offered on admission, first posts flagged
    publishing.hooks(recognition.sponsors());
    Retractions retractions = new Retractions(out, communities, postStore, members, actors, deletedObjects);
    social.hearth.db.PgQuoteStore quoteStore = new social.hearth.db.PgQuoteStore(db.pool());
    actors.onGone(retractions::accountGone);
    CreateListener create = new CreateListener(uris, fetcher, intake);
    PersonWiring.Persons persons = PersonWiring.build(new PersonWiring.Parts(vertx, db.pool(), personStore, keys, uris,
        mapper, outboxStore, transactions, deliveryWorker, actors, accounts, deletedObjects, clock));
    PollWiring polls = PollWiring.wire(new PollWiring.Parts(vertx, db.pool(), clock, uris, out, communities, postStore,
        accounts, members, actors, audit, persons.outbound(), create));
    // events (issue 16): Join, Leave, Undo{Join} and replies that answer an event
    EventWiring events = EventWiring.wire(vertx, db.pool(), clock, uris, out, outboxStore, communities, postStore,
        accounts, actors, members, audit);
    ListenerTable listeners = Listeners.table(new Listeners.Parts(db.pool(), uris, fetcher, communities, membership,
        retractions, intake, create, actors, out, postStore, reportStore, members, bans, quoteStore, persons, polls, events));
    InboxWorkers inboxProcessor = new InboxWorkers(vertx, inboxStore, listeners, config.queueLease(), config.queuePoll(),
        InboxProcessor.concurrency(config.databasePool()), counted,
        new CreateScreen(uris, new PostScreen(standings), new BatchIntake(standings, actors, pass, publishing)),
        deliveryWorker::backedUp);
    InboxVerifier verifier = new InboxVerifier(signatures, actors, schemes);
    InboxEndpoint inbox = new InboxEndpoint(verifier, listeners, inboxStore, inboxProcessor, uris, domains, counted,
        new social.hearth.apub.InboxRefusals(vertx, new social.hearth.db.InboxRefusalStore(db.pool())));
    Pages pages = new Pages(uris, handleHost);

    Router router = Router.router(vertx);
    router.route().failureHandler(new ErrorHandler());
    PgQueueDepths queueDepths = new PgQueueDepths(db.pool());
    new Health(queueDepths, Version.VERSION).mount(router);
    InstanceSettings instance = new InstanceSettings(new PgInstanceProfileStore(db.pool()), transactions, audit);
    new WellKnownRoutes(uris, handleHost, communities, communityStore, postStore, instance, accounts).mount(router);
    new InboxRoutes(uris, communities, inbox, persons.profiles()).mount(router);
    FetchSigners signers = new FetchSigners(uris, verifier, domains, counted);
    new social.hearth.apub.PrivateReads(uris, communities, members, signers, outboxStore,
        new social.hearth.db.PgAuthoredPostStore(db.pool())).mount(router); // issue 17, before the routes it guards
    MemberSignInWiring.mount(router, new MemberSignInWiring.Parts(vertx, db.pool(), pages, out, members, actors,
        communities, accounts, http, config.trustedProxies())); // issue 17 item 5: members sign in to read
    PrivateWiring.wire(new PrivateWiring.Parts(db.pool(), uris, clock, outboxStore, communities, out, actors, handleHost),
        publishing, retractions, removals, intake, router); // issue 17 items 2, 3: members post privately, the copies
    new ActorRoutes(uris, communities, communityStore, mapper, keys, pages, signers, config.authorizedFetch()).mount(router);
    PersonWiring.mount(router, persons, uris, mapper, signers, config.authorizedFetch());
    new CollectionRoutes(uris, communities, members, outboxStore, postStore, signers, config.authorizedFetch(), accounts)
        .mount(router);
    new QuoteRoutes(uris, communities, quoteStore).mount(router);
    Curation curation = new Curation(out, communityStore, postStore, communities, quoteStore);
    ActorResolver actorResolver = new ActorResolver(new WebFingerClient(http), uris);
    Authoring authoring = Authoring.wire(vertx, db.pool(), clock, uris, handleHost, out, communities, postStore, accounts,
        actors, new WebFingerClient(http), audit, persons.outbound());
    authoring.routes().mount(router);
    polls.routes().mount(router);
    events.routes().mount(router);
    Commons commons = Commons.wire(new Commons.Parts(vertx, db.pool(), clock, uris, out, communities, members, actors,
        audit, publishing, intake, listeners, authoring.posts(), config.workers())); // issue 19: wiki, board, digest
    commons.routes(router);
    social.hearth.core.recognition.Announcements announcements = recognition.announcements(vertx, communities, actors, authoring.posts()::shoutOut,
        config.workers()); // issue 18: levels and achievements
    Lifecycle lifecycle = new Lifecycle(out, communities, communityStore, accounts, audit);
    Workroom workroom = Workroom.wire(new Workroom.Parts(db.pool(), clock, uris, out, audit, deliveryWorker, members,
        rules, postStore, actors, outboxStore, hostStore, nodeInfo, persons.profiles()::person, membership, removals));
    ApiWiring.mount(router, adminToken, new ApiWiring.Parts(vertx, db.pool(), clock, uris, handleHost, communities,
        communityStore, lifecycle, instance, curation, membership, actorResolver, rules, invites, accounts, domains,
        moderation, reports, audit, authoring.api(), workroom.federation(), workroom.warnings(), workroom.sanctions()));
    polls.api().mount(router); // behind the admin API's bearer guard, mounted just before
    events.api().mount(router);
    recognition.mountApi(router, communities, clock);
    commons.api(router);
    WebFingerClient webfinger = new WebFingerClient(http);
    WebWiring.mount(router, vertx, clock, config.pageCache(), db.pool(), pages,
        new WebWiring.UseCases(communities, curation, membership, moderation, reports,
            new StaffAccounts(vertx, accounts, new social.hearth.db.PgSessionStore(db.pool()), audit), lifecycle, instance,
            persons.profiles(), persons.inbox(), authoring.posts(), authoring.schedules(), workroom.federation(),
            workroom.warnings(), workroom.sanctions(), polls.polls(), events, recognition, commons),
        new WebWiring.Stores(accounts, invites, rules, bans, members), webfinger::resolve,
        ClientAddress.parse(config.trustedProxies()), new FollowPages(webfinger, nodeInfo, config.allowPrivateAddresses()));
    router.route().last().handler(ctx -> ctx.fail(404));

    Future<MetricsEndpoint> metricsEndpoint = MetricsEndpoint.start(vertx, metrics, router, config.bindAddress(),
        inboxStore, hostStore, queueDepths, config.databasePool());
    return metricsEndpoint.compose(v -> domains.start()).compose(v -> keys.loadInstanceKey())
        .compose(v -> keys.ensureEd25519()).compose(v -> HttpServers.start(vertx, router,
            new HttpServerOptions().setMaxHeaderSize(16 * 1024).setCompressionSupported(true), config.httpThreads(),
            config.port(), config.bindAddress()))
        .map(server -> {
          Maintenance maintenance = new Maintenance(vertx, new PgQueueStore(db.pool()),
              new Expiry(out, communities, members, actors));
          if (config.workers()) {
            inboxProcessor.start();
            deliveryWorker.start();
            maintenance.start();
            authoring.worker().start();
            polls.worker().start();
            events.worker().start();
          }
          LOG.info("Hearth {} listening on {}:{} ({} HTTP threads) as {}", Version.VERSION, config.bindAddress(), server.port(),
              config.httpThreads(), uris.base());
          Hearth hearth = new Hearth(vertx, db, server, inboxProcessor, deliveryWorker, http, maintenance,
              metricsEndpoint.result(), authoring, polls);
          hearth.eventReminders = events.worker();
          hearth.commons = commons;
          hearth.announcements = announcements;
          return hearth;
        })
        .recover(e -> (metricsEndpoint.succeeded() ? metricsEndpoint.result().close() : Future.<Void>succeededFuture())
            .transform(x -> db.closeAsync()).transform(x -> Future.failedFuture(e instanceof java.net.BindException
            ? new ConfigException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage())
            : e)));
  }

  public Future<Void> stop() {
    inboxProcessor.stop();
    maintenance.stop();
    authoring.worker().stop();
    polls.worker().stop();
    if (eventReminders != null) {
      eventReminders.stop();
    }
    if (commons != null) {
      commons.worker().stop();
    }
    if (announcements != null) {
      announcements.stop();
    }
    return deliveryWorker.close().compose(v -> server.close()).compose(v -> metrics.close()).compose(v -> http.close())
        .compose(v -> database.closeAsync());
  }
}
