package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.port.Tx;
import social.hearth.core.port.WikiEditorStore;

/** SQL for the wiki's trusted editors (V57). */
public final class PgWikiEditorStore implements WikiEditorStore {

  private final Pool pool;

  public PgWikiEditorStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<String>> list(long communityId) {
    return pool.preparedQuery("SELECT actor_id FROM wiki_editors WHERE community_id = $1 ORDER BY added_at, actor_id "
        + "LIMIT 1000").execute(Tuple.of(communityId)).map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  @Override
  public Future<Boolean> isEditor(long communityId, String actorId) {
    return pool.preparedQuery("SELECT 1 FROM wiki_editors WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, actorId)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> replace(Tx tx, long communityId, List<String> actorIds, String by) {
    var sql = PgTx.sql(tx);
    String[] ids = actorIds.toArray(new String[0]);
    return sql.preparedQuery("DELETE FROM wiki_editors WHERE community_id = $1 AND NOT (actor_id = ANY($2))")
        .execute(Tuple.tuple().addLong(communityId).addArrayOfString(ids))
        .compose(v -> sql.preparedQuery("INSERT INTO wiki_editors (community_id, actor_id, added_by) "
                + "SELECT $1, a, $3 FROM unnest($2::text[]) a ON CONFLICT DO NOTHING")
            .execute(Tuple.tuple().addLong(communityId).addArrayOfString(ids).addString(by)))
        .mapEmpty();
  }
}
