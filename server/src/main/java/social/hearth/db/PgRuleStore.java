package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.RuleStore;
import social.hearth.core.domain.Rule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for a community's numbered rules. */
public final class PgRuleStore implements RuleStore {

  private final Pool pool;

  public PgRuleStore(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Rule>> list(long communityId) {
    return list(PgTx.autoCommit(pool), communityId);
  }

  /** As above, on {@code conn} (a transaction reads through its own connection). */
  public Future<List<Rule>> list(Tx conn, long communityId) {
    return PgTx.sql(conn).preparedQuery("SELECT text, consequence FROM rules WHERE community_id = $1 ORDER BY position")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<Rule> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Rule(r.getString(0), r.getString(1))));
          return out;
        });
  }

  /** Replaces the whole list. */
  public Future<Void> replace(long communityId, List<Rule> rules) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM rules WHERE community_id = $1").execute(Tuple.of(communityId))
        .compose(x -> {
          if (rules.isEmpty()) {
            return Future.succeededFuture();
          }
          List<Tuple> batch = new ArrayList<>();
          for (int i = 0; i < rules.size(); i++) {
            batch.add(Tuple.of(communityId, i + 1, rules.get(i).text(), rules.get(i).consequence()));
          }
          return tx.preparedQuery("INSERT INTO rules (community_id, position, text, consequence) VALUES ($1, $2, $3, $4)")
              .executeBatch(batch).mapEmpty();
        }));
  }
}
