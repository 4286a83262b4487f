package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.Topic;
import social.hearth.core.port.TopicStore;

/** A community's topic hashtags in {@code community_topics}. */
public final class PgTopicStore implements TopicStore {

  private final Pool pool;

  public PgTopicStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Topic>> list(long communityId) {
    return pool.preparedQuery("SELECT tag, description FROM community_topics WHERE community_id = $1 ORDER BY position")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<Topic> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Topic(r.getString(0), r.getString(1))));
          return out;
        });
  }

  @Override
  public Future<Void> replace(long communityId, List<Topic> topics) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM community_topics WHERE community_id = $1")
        .execute(Tuple.of(communityId)).compose(x -> {
          if (topics.isEmpty()) {
            return Future.<Void>succeededFuture();
          }
          List<Tuple> batch = new ArrayList<>();
          for (int i = 0; i < topics.size(); i++) {
            batch.add(Tuple.of(communityId, i + 1, topics.get(i).tag(), topics.get(i).description()));
          }
          return conn.preparedQuery("INSERT INTO community_topics (community_id, position, tag, description) VALUES ($1, $2, $3, $4)")
              .executeBatch(batch).<Void>mapEmpty();
        }));
  }
}
