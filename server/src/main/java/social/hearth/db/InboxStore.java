package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** SQL for the durable inbox: insert before acknowledging, then claim and process. */
public final class InboxStore {

  /** A claimed inbox row; {@code actorId} is the verified sender. */
  public record Item(long id, String activityId, String type, String actorId, String recipient, String body,
                     int attempts) {}

  /**
   * The activity types of the control lane (joins, leaves, deletions, blocks, moves, reports and answers); every other
   * type (Create, Update, Like, Announce...) is content.
   */


  /**
   * Due, unprocessed activities of a lane: how many (counted up to a cap) and how long ago the oldest arrived, in
   * seconds by the database's clock.
   */
  public record Backlog(String lane, long due, double ageSeconds) {}

  private final Pool pool;

  /** The content lane (apub.InboxLane.CONTENT), where an activity goes when no lane is given. */
  public static final int CONTENT = 1;
  /** Claims from both lanes. */
  public static final int ANY_LANE = -1;

  public InboxStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores a verified activity; false when the same activity id was already stored (redelivery). The body is kept as
   * the text received (already parsed and checked by the caller), so PostgreSQL does not parse it again.
   */
  public Future<Boolean> insert(String activityId, String type, String actorId, String recipient, String body,
                                String signatureScheme) {
    return insert(activityId, type, actorId, recipient, body, signatureScheme, CONTENT);
  }

  /** As above, in lane {@code lane} (0 control, 1 content: see apub.InboxLane). */
  public Future<Boolean> insert(String activityId, String type, String actorId, String recipient, String body,
                                String signatureScheme, int lane) {
    return pool.preparedQuery("INSERT INTO inbox (activity_id, type, actor_id, recipient, body, signature_scheme, lane) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (activity_id) DO NOTHING")
        .execute(Tuple.from(new Object[] {activityId, type, actorId, recipient, body, signatureScheme, (short) lane}))
        .map(r -> r.rowCount() > 0);
  }

  /**
   * Claims due items for {@code lease}, in arrival order; a node that dies leaves them to be claimed again when the
   * lease ends. An item is left for later while an earlier item of the same actor is due but not claimed with it:
   * another node holds it (leased, or being claimed right now), so the actor's activities are never processed out
   * of order on two nodes. An earlier item waiting for its retry does not hold the later ones back.
   */
  public Future<List<Item>> claim(int limit, Duration lease) {
    return claim(ANY_LANE, limit, lease);
  }

  /**
   * As above, from one lane ({@link #ANY_LANE} for both). The order rule spans the lanes: an activity waits while an
   * earlier one of its sender is due in either lane, so a Delete never overtakes the Create it deletes.
   */
  public Future<List<Item>> claim(int lane, int limit, Duration lease) {
    return pool.preparedQuery(lane < 0 ? CLAIM_ANY : CLAIM_LANE)
        .execute(lane < 0 ? Tuple.of(limit, lease.toMillis()) : Tuple.of(limit, lease.toMillis(), (short) lane))
        .map(rows -> {
          List<Item> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Item(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
              r.getString(4), r.getString(5), r.getInteger(6))));
          out.sort((a, b) -> Long.compare(a.id(), b.id()));
          return out;
        });
  }

  static final String CLAIM_LANE = claimStatement("AND lane = $3 ");
  private static final String CLAIM_ANY = claimStatement("");

  /** The claim statement; each lane's is its own (a lane's claim reads only its part of the pending index). */
  private static String claimStatement(String laneCondition) {
    return "WITH candidates AS (SELECT id, actor_id FROM inbox WHERE state = 'pending' "
            + laneCondition + "AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now()) "
            + "ORDER BY lane, id LIMIT $1 FOR UPDATE SKIP LOCKED), "
            + "ready AS (SELECT c.id FROM candidates c WHERE NOT EXISTS (SELECT 1 FROM inbox e "
            + "WHERE e.actor_id = c.actor_id AND e.state = 'pending' AND e.id < c.id AND e.next_attempt_at <= now() "
            + "AND e.id NOT IN (SELECT id FROM candidates))) "
            + "UPDATE inbox i SET locked_until = now() + $2 * interval '1 millisecond', attempts = i.attempts + 1 "
            + "FROM ready r WHERE i.id = r.id "
            + "RETURNING i.id, i.activity_id, i.type, i.actor_id, i.recipient, i.body::text, i.attempts";
  }

  /** Marks processed items done, in one statement; call only once their effects have committed. */
  public Future<Void> done(List<Long> ids) {
    return pool.preparedQuery("UPDATE inbox SET state = 'done', processed_at = now(), locked_until = NULL, error = NULL "
            + "WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(new Long[0]))).mapEmpty();
  }

  public Future<Void> retry(long id, String error, Duration delay) {
    return pool.preparedQuery("UPDATE inbox SET locked_until = NULL, error = $2, "
            + "next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1")
        .execute(Tuple.of(id, error, delay.toMillis())).mapEmpty();
  }

  public Future<Void> failed(long id, String error) {
    return pool.preparedQuery("UPDATE inbox SET state = 'failed', locked_until = NULL, processed_at = now(), error = $2 WHERE id = $1")
        .execute(Tuple.of(id, error)).mapEmpty();
  }

  /**
   * The backlog of each lane ({@code control}, {@code content}): pending rows that are due (not waiting for a
   * retry), at most {@code cap} per lane, in arrival order through the pending index. Lanes with no backlog are
   * absent.
   */
  public Future<List<Backlog>> backlog(int cap) {
    String due = "FROM inbox WHERE state = 'pending' AND next_attempt_at <= now() AND lane = ";
    return pool.preparedQuery("SELECT lane, count(*), EXTRACT(EPOCH FROM now() - min(received_at))::float8 FROM ("
            + "(SELECT 'control' AS lane, received_at " + due + "0 ORDER BY lane, id LIMIT $1) UNION ALL "
            + "(SELECT 'content' AS lane, received_at " + due + "1 ORDER BY lane, id LIMIT $1)) p "
            + "GROUP BY lane")
        .execute(Tuple.of(cap))
        .map(rows -> {
          List<Backlog> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Backlog(r.getString(0), r.getLong(1), Math.max(0, r.getDouble(2)))));
          return out;
        });
  }
}
