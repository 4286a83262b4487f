package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.port.SponsorStore;
import social.hearth.core.port.Tx;

/** SQL for the sponsors' roster (V47). */
public final class PgSponsorStore implements SponsorStore {

  private final Pool pool;

  public PgSponsorStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<String>> list(long communityId) {
    return pool.preparedQuery("SELECT actor_id FROM sponsors WHERE community_id = $1 ORDER BY added_at, actor_id")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  @Override
  public Future<Void> replace(Tx tx, long communityId, List<String> actors) {
    String[] list = actors.toArray(String[]::new);
    return PgTx.sql(tx).preparedQuery("DELETE FROM sponsors WHERE community_id = $1 AND NOT (actor_id = ANY($2))")
        .execute(Tuple.of(communityId).addArrayOfString(list))
        .compose(x -> PgTx.sql(tx).preparedQuery("INSERT INTO sponsors (community_id, actor_id) "
            + "SELECT $1, a FROM unnest($2::text[]) AS a ON CONFLICT DO NOTHING").execute(Tuple.of(communityId).addArrayOfString(list)))
        .mapEmpty();
  }
}
