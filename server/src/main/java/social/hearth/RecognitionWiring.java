package social.hearth;

import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Voice;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.recognition.Insights;
import social.hearth.core.recognition.Recognition;
import social.hearth.db.PgAnalyticsStore;
import social.hearth.db.PgLedgerStore;
import social.hearth.db.PgSponsorStore;
import social.hearth.http.RecognitionApi;
import social.hearth.http.AchievementsApi;
import social.hearth.core.recognition.Achievements;
import social.hearth.core.recognition.Announcements;
import social.hearth.core.port.Actors;
import social.hearth.core.port.ShoutOuts;
import social.hearth.db.PgAchievementStore;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The wiring of recognition and insight (issue 18): the points ledger, leaderboards and leaders ({@link Recognition}),
 * the daily figures and the sponsors' roster ({@link Insights}), sponsors paired with newcomers
 * ({@link social.hearth.core.recognition.Sponsors}: hooked into admissions, publishing and direct messages by
 * {@link Hearth}), their admin API.
 */
record RecognitionWiring(Recognition recognition, Insights insights, Achievements achievements,
                         PgAchievementStore achievementStore, TransactionalOutbox out,
                         social.hearth.core.recognition.Sponsors sponsors, social.hearth.core.recognition.Trends trends) {

  /** How often the worker of levels and achievements looks for members the ledger marked. */
  static final Duration ANNOUNCE_POLL = Duration.ofSeconds(2);

  static RecognitionWiring wire(Pool pool, Clock clock, TransactionalOutbox out, MemberStore members, AuditLog audit) {
    PgLedgerStore ledger = new PgLedgerStore(pool);
    PgAchievementStore levels = new PgAchievementStore(pool);
    return new RecognitionWiring(new Recognition(ledger, members, out, audit, Voice.standard(), clock, levels),
        new Insights(new PgAnalyticsStore(pool), ledger, new PgSponsorStore(pool), members, out.transactions(), audit),
        new Achievements(levels, out, audit, Voice.standard()), levels, out,
        new social.hearth.core.recognition.Sponsors(new social.hearth.db.PgPairingStore(pool), out, audit, Voice.standard()),
        new social.hearth.core.recognition.Trends(new social.hearth.db.PgTrendStore(pool), clock));
  }

  /**
   * The worker that records what members earned and announces it (shout-outs through the community's own posts);
   * started when this node runs workers.
   */
  Announcements announcements(Vertx vertx, CommunityService communities, Actors actors, ShoutOuts shouts,
                              boolean start) {
    Announcements worker = new Announcements(vertx, ANNOUNCE_POLL, new Announcements.Parts(achievementStore,
        achievements, communities, actors, Voice.standard(), out, shouts));
    if (start) {
      worker.start();
    }
    return worker;
  }

  /** The admin API, behind the bearer guard mounted before it. */
  void mountApi(Router router, CommunityService communities, Clock clock) {
    new RecognitionApi(communities, recognition, insights, clock).withTrends(trends).mount(router);
    new AchievementsApi(communities, achievements).mount(router);
    new social.hearth.http.SponsorsApi(communities, sponsors).mount(router);
  }
}
