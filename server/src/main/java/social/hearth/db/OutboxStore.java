package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for activities we author, the posts we re-share, and the delivery queue. */
public final class OutboxStore {

  /** A claimed delivery with what is needed to sign and send it. */
  public record Delivery(long id, String inbox, String host, int attempts, String body, Long communityId) {}

  private final Pool pool;

  public OutboxStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> insertActivity(SqlClient conn, String iri, Long communityId, String type, String objectId,
                                     String body, boolean isPublic) {
    return conn.preparedQuery("INSERT INTO activities (iri, community_id, type, object_id, body, public) "
            + "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6) RETURNING id")
        .execute(Tuple.of(iri, communityId, type, objectId, body, isPublic))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Records a re-shared post; false when this community already has it. */
  public Future<Boolean> insertPost(SqlClient conn, long communityId, String objectId, String authorId, String type,
                                    String content, String objectJson) {
    return conn.preparedQuery("INSERT INTO posts (community_id, object_id, author_id, type, content, object) "
            + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT (community_id, object_id) DO NOTHING")
        .execute(Tuple.of(communityId, objectId, authorId, type, content, objectJson))
        .map(r -> r.rowCount() > 0);
  }

  public Future<Void> enqueue(SqlClient conn, long activityId, String inbox, String host) {
    return conn.preparedQuery("INSERT INTO deliveries (activity_id, inbox, host) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(activityId, inbox, host)).mapEmpty();
  }

  /** One delivery per distinct (shared) inbox of the community's accepted members, never to ourselves. */
  public Future<Integer> enqueueToMembers(SqlClient conn, long activityId, long communityId, String localOriginPrefix) {
    return conn.preparedQuery("INSERT INTO deliveries (activity_id, inbox, host) "
            + "SELECT DISTINCT $1::bigint, COALESCE(a.shared_inbox, a.inbox), a.host FROM members m "
            + "JOIN remote_actors a ON a.id = m.actor_id "
            + "WHERE m.community_id = $2 AND m.state = 'accepted' AND COALESCE(a.shared_inbox, a.inbox) NOT LIKE $3 "
            + "ON CONFLICT DO NOTHING")
        .execute(Tuple.of(activityId, communityId, localOriginPrefix + "%"))
        .map(r -> r.rowCount());
  }

  public Future<List<Delivery>> claim(int limit, Duration lease) {
    return pool.preparedQuery("WITH claimed AS (UPDATE deliveries SET locked_until = now() + $2 * interval '1 millisecond', "
            + "attempts = attempts + 1 WHERE id IN (SELECT id FROM deliveries WHERE state = 'pending' "
            + "AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now()) "
            + "ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, activity_id, inbox, host, attempts) "
            + "SELECT c.id, c.inbox, c.host, c.attempts, a.body::text, a.community_id FROM claimed c "
            + "JOIN activities a ON a.id = c.activity_id ORDER BY c.id")
        .execute(Tuple.of(limit, lease.toMillis()))
        .map(rows -> {
          List<Delivery> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Delivery(r.getLong(0), r.getString(1), r.getString(2), r.getInteger(3),
              r.getString(4), r.getLong(5))));
          return out;
        });
  }

  public Future<Void> delivered(long id, int status) {
    return pool.preparedQuery("UPDATE deliveries SET state = 'delivered', last_status = $2, locked_until = NULL, "
            + "finished_at = now() WHERE id = $1")
        .execute(Tuple.of(id, status)).mapEmpty();
  }

  public Future<Void> retry(long id, int status, String error, Duration delay) {
    return pool.preparedQuery("UPDATE deliveries SET last_status = $2, last_error = $3, locked_until = NULL, "
            + "next_attempt_at = now() + $4 * interval '1 millisecond' WHERE id = $1")
        .execute(Tuple.of(id, status == 0 ? null : status, error, delay.toMillis())).mapEmpty();
  }

  public Future<Void> failed(long id, int status, String error) {
    return pool.preparedQuery("UPDATE deliveries SET state = 'failed', last_status = $2, last_error = $3, "
            + "locked_until = NULL, finished_at = now() WHERE id = $1")
        .execute(Tuple.of(id, status == 0 ? null : status, error)).mapEmpty();
  }

  public Future<Long> outboxCount(long communityId) {
    return pool.preparedQuery("SELECT count(*) FROM activities WHERE community_id = $1 AND public")
        .execute(Tuple.of(communityId)).map(r -> r.iterator().next().getLong(0));
  }

  /** Public activities of a community, newest first, as JSON text. */
  public Future<List<String>> outboxPage(long communityId, int offset, int limit) {
    return pool.preparedQuery("SELECT body::text FROM activities WHERE community_id = $1 AND public "
            + "ORDER BY id DESC OFFSET $2 LIMIT $3")
        .execute(Tuple.of(communityId, offset, limit))
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  public Future<Optional<String>> publicActivity(String iri) {
    return pool.preparedQuery("SELECT body::text FROM activities WHERE iri = $1 AND public")
        .execute(Tuple.of(iri))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  public Future<Long> postCount() {
    return pool.query("SELECT count(*) FROM posts").execute().map(r -> r.iterator().next().getLong(0));
  }
}
