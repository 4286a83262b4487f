package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.ReportStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** SQL for reports (received Flags). */
public final class PgReportStore implements ReportStore {

  private final Pool pool;

  public PgReportStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores a report; false when this Flag was already stored. */
  public Future<Boolean> insert(String flagId, Long communityId, String reporterId, List<String> accounts,
                                List<String> objects, String comment) {
    return pool.preparedQuery("INSERT INTO reports (flag_id, community_id, reporter_id, accounts, objects, comment) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (flag_id) DO NOTHING")
        .execute(Tuple.of(flagId, communityId, reporterId, accounts.toArray(new String[0]), objects.toArray(new String[0]), comment))
        .map(r -> r.rowCount() > 0);
  }
}
