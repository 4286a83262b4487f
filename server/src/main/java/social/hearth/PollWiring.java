package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import social.hearth.apub.CreateListener;
import social.hearth.apub.PollListeners;
import social.hearth.apub.PollRoutes;
import social.hearth.apub.QuestionMapper;
import social.hearth.apub.Uris;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.polls.PollPublisher;
import social.hearth.core.polls.PollTallies;
import social.hearth.core.polls.Polls;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PollStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.StaffOutbound;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.db.PgPollStore;
import social.hearth.http.PollsApi;

/**
 * Wiring of polls: the use case, its publisher and tally worker, the Question's route, the admin API and the
 * listeners that count votes; built here for {@link Hearth}, which mounts and starts them.
 */
record PollWiring(Polls polls, PollTallies worker, PollRoutes routes, PollsApi api, PollListeners listeners) {

  /** How often the worker looks for polls to close or tallies to send when nothing woke it. */
  static final Duration POLL = Duration.ofSeconds(5);
  /** The least time between two Updates of a poll's tallies while votes come in. */
  static final Duration EVERY = Duration.ofMinutes(1);

  /** What polls are built from. */
  record Parts(Vertx vertx, Pool pool, Clock clock, Uris uris, TransactionalOutbox out, CommunityService communities,
               PostStore posts, AccountStore accounts, MemberStore members, Actors actors, AuditLog audit,
               StaffOutbound staff, CreateListener create) {}

  static PollWiring wire(Parts p) {
    PollStore store = new PgPollStore(p.pool());
    QuestionMapper questions = new QuestionMapper(p.uris());
    PollPublisher publisher = new PollPublisher(p.out(), store, p.posts(), questions, p.communities(), p.staff(),
        p.audit(), p.clock(), EVERY);
    Polls polls = new Polls(store, publisher, p.communities(), p.accounts(), p.members(), p.posts(), p.actors(),
        p.clock());
    PollTallies worker = new PollTallies(p.vertx(), POLL, publisher);
    polls.onCounted(worker::wake);
    return new PollWiring(polls, worker, new PollRoutes(p.uris(), p.communities(), store, questions, p.clock()),
        new PollsApi(p.communities(), polls, p.uris(), p.clock()), new PollListeners(p.uris(), polls, p.create()));
  }
}
