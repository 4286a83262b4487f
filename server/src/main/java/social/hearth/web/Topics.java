package social.hearth.web;

import social.hearth.core.port.Tx;
import social.hearth.db.PgTx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** A community's topic hashtags ("rubrics"), in order, each with what it is for. */
public final class Topics {

  public static final int MAX = 30;

  /** A topic hashtag (without #, lower case) and its description. */
  public record Topic(String tag, String description) {}

  private final Pool pool;

  public Topics(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Topic>> list(long communityId) {
    return pool.preparedQuery("SELECT tag, description FROM community_topics WHERE community_id = $1 ORDER BY position")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<Topic> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Topic(r.getString(0), r.getString(1))));
          return out;
        });
  }

  /** Replaces the whole list. */
  public Future<Void> replace(long communityId, List<Topic> topics) {
    return PgTx.transactions(pool).inTransaction(tx -> PgTx.sql(tx).preparedQuery("DELETE FROM community_topics WHERE community_id = $1")
        .execute(Tuple.of(communityId)).compose(x -> {
          if (topics.isEmpty()) {
            return Future.succeededFuture();
          }
          List<Tuple> batch = new ArrayList<>();
          for (int i = 0; i < topics.size(); i++) {
            batch.add(Tuple.of(communityId, i + 1, topics.get(i).tag(), topics.get(i).description()));
          }
          return PgTx.sql(tx).preparedQuery("INSERT INTO community_topics (community_id, position, tag, description) VALUES ($1, $2, $3, $4)")
              .executeBatch(batch).mapEmpty();
        }));
  }
}
