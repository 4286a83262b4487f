package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import social.hearth.apub.AuthoredRoutes;
import social.hearth.apub.MentionResolver;
import social.hearth.apub.NoteMapper;
import social.hearth.apub.Uris;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.authoring.CommunityPosts;
import social.hearth.core.authoring.Publisher;
import social.hearth.core.authoring.ScheduledPosts;
import social.hearth.core.authoring.Schedules;
import social.hearth.core.authoring.Writing;
import social.hearth.core.community.CommunityService;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.db.PgAuthoredPostStore;
import social.hearth.db.PgScheduleStore;
import social.hearth.federation.webfinger.WebFingerClient;
import social.hearth.http.PostsApi;

/**
 * Wiring of the posts a community's staff write (as the community or as themselves), their schedules and the worker
 * that publishes them: built here for {@link Hearth}, which mounts the routes and starts the worker.
 */
record Authoring(CommunityPosts posts, Schedules schedules, ScheduledPosts worker, AuthoredRoutes routes, PostsApi api) {

  /** How often the worker looks for due posts when nothing woke it. */
  static final Duration POLL = Duration.ofSeconds(5);

  static Authoring wire(Vertx vertx, Pool pool, Clock clock, Uris uris, String handleHost, TransactionalOutbox out,
                        CommunityService communities, PostStore posts, AccountStore accounts, Actors actors,
                        WebFingerClient webfinger, AuditLog audit, social.hearth.core.port.StaffOutbound staff) {
    AuthoredPostStore store = new PgAuthoredPostStore(pool);
    NoteMapper notes = new NoteMapper(uris);
    Writing writing = new Writing(accounts, new MentionResolver(webfinger, actors, communities, uris, handleHost), notes);
    Publisher publisher = new Publisher(out, store, posts, notes, communities, staff, clock);
    CommunityPosts own = new CommunityPosts(publisher, store, posts, communities, writing, audit, clock, vertx);
    Schedules schedules = new Schedules(out, new PgScheduleStore(pool), store, communities, writing, audit, clock);
    ScheduledPosts worker = new ScheduledPosts(vertx, POLL, schedules, publisher, store);
    return new Authoring(own, schedules, worker, new AuthoredRoutes(uris, communities, store, notes),
        new PostsApi(communities, own, schedules, uris));
  }
}
