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

/**
 * The wiring of recognition and insight (issue 18): the points ledger, leaderboards and leaders ({@link Recognition}),
 * the daily figures and the sponsors' roster ({@link Insights}), sponsors paired with newcomers
 * ({@link social.hearth.core.recognition.Sponsors}: hooked into admissions, publishing and direct messages by
 * {@link Hearth}), their admin API.
 */
record RecognitionWiring(Recognition recognition, Insights insights, social.hearth.core.recognition.Sponsors sponsors,
                         social.hearth.core.recognition.Trends trends) {

  static RecognitionWiring wire(Pool pool, Clock clock, TransactionalOutbox out, MemberStore members, AuditLog audit) {
    PgLedgerStore ledger = new PgLedgerStore(pool);
    return new RecognitionWiring(new Recognition(ledger, members, out, audit, Voice.standard(), clock),
        new Insights(new PgAnalyticsStore(pool), ledger, new PgSponsorStore(pool), members, out.transactions(), audit),
        new social.hearth.core.recognition.Sponsors(new social.hearth.db.PgPairingStore(pool), out, audit, Voice.standard()),
        new social.hearth.core.recognition.Trends(new social.hearth.db.PgTrendStore(pool), clock));
  }

  /** The admin API, behind the bearer guard mounted before it. */
  void mountApi(Router router, CommunityService communities, Clock clock) {
    new RecognitionApi(communities, recognition, insights, clock).withTrends(trends).mount(router);
    new social.hearth.http.SponsorsApi(communities, sponsors).mount(router);
  }
}
