package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for community membership. */
public final class MemberStore {

  private final Pool pool;

  public MemberStore(Pool pool) {
    this.pool = pool;
  }

  /** Adds or refreshes an accepted member; a repeated Follow updates the follow id. */
  public Future<Void> upsertAccepted(SqlClient conn, long communityId, String actorId, String followId) {
    return conn.preparedQuery("INSERT INTO members (community_id, actor_id, follow_id, state) VALUES ($1, $2, $3, 'accepted') "
            + "ON CONFLICT (community_id, actor_id) DO UPDATE SET follow_id = EXCLUDED.follow_id")
        .execute(Tuple.of(communityId, actorId, followId)).mapEmpty();
  }

  public Future<Boolean> remove(long communityId, String actorId) {
    return pool.preparedQuery("DELETE FROM members WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, actorId)).map(r -> r.rowCount() > 0);
  }

  /** Removes the membership created by the given Follow id, whatever community it was for. */
  public Future<Boolean> removeByFollow(String actorId, String followId) {
    return pool.preparedQuery("DELETE FROM members WHERE actor_id = $1 AND follow_id = $2")
        .execute(Tuple.of(actorId, followId)).map(r -> r.rowCount() > 0);
  }

  public Future<Boolean> isAccepted(long communityId, String actorId) {
    return pool.preparedQuery("SELECT 1 FROM members WHERE community_id = $1 AND actor_id = $2 AND state = 'accepted'")
        .execute(Tuple.of(communityId, actorId)).map(r -> r.size() > 0);
  }

  public Future<Long> count(long communityId) {
    return pool.preparedQuery("SELECT count(*) FROM members WHERE community_id = $1 AND state = 'accepted'")
        .execute(Tuple.of(communityId)).map(r -> r.iterator().next().getLong(0));
  }

  /** Member actor ids in join order, for the followers collection. */
  public Future<List<String>> page(long communityId, int offset, int limit) {
    return pool.preparedQuery("SELECT actor_id FROM members WHERE community_id = $1 AND state = 'accepted' "
            + "ORDER BY joined_at, actor_id OFFSET $2 LIMIT $3")
        .execute(Tuple.of(communityId, offset, limit))
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  /** Communities (ids) the actor is a member of. */
  public Future<List<Long>> communitiesOf(String actorId) {
    return pool.preparedQuery("SELECT community_id FROM members WHERE actor_id = $1").execute(Tuple.of(actorId))
        .map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  /** Removes the actor from every community; returns how many memberships ended. */
  public Future<Integer> removeEverywhere(SqlClient tx, String actorId) {
    return tx.preparedQuery("DELETE FROM members WHERE actor_id = $1").execute(Tuple.of(actorId)).map(r -> r.rowCount());
  }

  /**
   * Moves every membership of {@code from} to {@code to} (an account migration). Where {@code to} is already a
   * member, the old membership simply ends. Returns the number of memberships carried over.
   */
  public Future<Integer> move(SqlClient tx, String from, String to) {
    return tx.preparedQuery("UPDATE members m SET actor_id = $2 WHERE m.actor_id = $1 AND NOT EXISTS "
            + "(SELECT 1 FROM members o WHERE o.community_id = m.community_id AND o.actor_id = $2)")
        .execute(Tuple.of(from, to))
        .compose(moved -> tx.preparedQuery("DELETE FROM members WHERE actor_id = $1").execute(Tuple.of(from))
            .map(x -> moved.rowCount()));
  }
}
