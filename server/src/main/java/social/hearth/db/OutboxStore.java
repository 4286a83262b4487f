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

  /** How an activity we author is shown: only dereferenceable, or also listed in the outbox. */
  public enum Visibility { PRIVATE, PUBLIC, OUTBOX }

  public Future<Long> insertActivity(SqlClient conn, String iri, Long communityId, String type, String objectId,
                                     String body, Visibility visibility) {
    return conn.preparedQuery("INSERT INTO activities (iri, community_id, type, object_id, body, public, in_outbox) "
            + "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7) RETURNING id")
        .execute(Tuple.of(iri, communityId, type, objectId, body, visibility != Visibility.PRIVATE,
            visibility == Visibility.OUTBOX))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Takes an activity out of the outbox listing (it stays dereferenceable). */
  public Future<Void> unlist(SqlClient conn, String iri) {
    return conn.preparedQuery("UPDATE activities SET in_outbox = false WHERE iri = $1").execute(Tuple.of(iri)).mapEmpty();
  }

  public Future<Void> enqueue(SqlClient conn, long activityId, String inbox, String host) {
    return conn.preparedQuery("INSERT INTO deliveries (activity_id, inbox, host) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(activityId, inbox, host)).mapEmpty();
  }

  /**
   * One delivery per distinct (shared) inbox of the community's accepted members, never to ourselves: servers that
   * understand FEP-1b12 wrapped Announces get {@code groupAwareActivity}, all others {@code mastodonFamilyActivity}
   * (the same id for both sends one activity to everyone; null sends nothing to that side). One statement reads
   * the delivery targets kept on the community's member rows ({@code members_delivery}), never the actor cache.
   * Returns the number of deliveries queued.
   */
  public Future<Integer> enqueueToMembers(SqlClient conn, long communityId, String localOriginPrefix,
                                          Long mastodonFamilyActivity, Long groupAwareActivity) {
    return conn.preparedQuery("INSERT INTO deliveries (activity_id, inbox, host) "
            + "SELECT a.activity_id, a.inbox, a.host FROM (SELECT CASE WHEN COALESCE(h.group_aware, false) "
            + "THEN $2::bigint ELSE $1::bigint END AS activity_id, t.inbox, t.host "
            + "FROM (SELECT DISTINCT delivery_inbox AS inbox, delivery_host AS host FROM members "
            + "WHERE community_id = $3 AND state = 'accepted' AND delivery_inbox NOT LIKE $4) t "
            + "LEFT JOIN hosts h ON h.host = t.host) a WHERE a.activity_id IS NOT NULL ON CONFLICT DO NOTHING")
        .execute(Tuple.of(mastodonFamilyActivity, groupAwareActivity, communityId, localOriginPrefix + "%"))
        .map(r -> r.rowCount());
  }

  /**
   * Claims up to {@code limit} due deliveries, at most {@code perHost} per host, none for the hosts in
   * {@code busyHosts} and none for unavailable hosts except one probe per probe interval.
   */
  public Future<List<Delivery>> claim(int limit, int perHost, List<String> busyHosts, Duration lease) {
    return pool.preparedQuery("WITH candidates AS (SELECT id FROM (SELECT d.id, "
            + "row_number() OVER (PARTITION BY d.host ORDER BY d.next_attempt_at, d.id) AS rn FROM deliveries d "
            + "LEFT JOIN hosts h ON h.host = d.host "
            + "WHERE d.state = 'pending' AND d.next_attempt_at <= now() "
            + "AND (d.locked_until IS NULL OR d.locked_until < now()) AND d.host <> ALL($3::text[]) "
            + "AND NOT (COALESCE(h.unavailable, false) AND COALESCE(h.next_probe_at, now()) > now())) ranked "
            + "WHERE rn <= $4 ORDER BY id LIMIT $1), "
            // the conditions are checked again where the rows are locked: a row another node claimed (and committed)
            // after the candidates were read must not be claimed a second time
            + "locked AS (SELECT id FROM deliveries WHERE id IN (SELECT id FROM candidates) AND state = 'pending' "
            + "AND (locked_until IS NULL OR locked_until < now()) FOR UPDATE SKIP LOCKED), "
            + "claimed AS (UPDATE deliveries SET locked_until = now() + $2 * interval '1 millisecond', "
            + "attempts = attempts + 1 WHERE id IN (SELECT id FROM locked) RETURNING id, activity_id, inbox, host, attempts) "
            + "SELECT c.id, c.inbox, c.host, c.attempts, a.body::text, a.community_id FROM claimed c "
            + "JOIN activities a ON a.id = c.activity_id ORDER BY c.id")
        .execute(Tuple.of(limit, lease.toMillis(), busyHosts.toArray(new String[0]), perHost))
        .map(rows -> {
          List<Delivery> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Delivery(r.getLong(0), r.getString(1), r.getString(2), r.getInteger(3),
              r.getString(4), r.getLong(5))));
          return out;
        });
  }

  /** Unavailable hosts' probes push their other deliveries back so they are not attempted meanwhile. */
  public Future<Void> postponeHost(String host, Duration delay) {
    return pool.preparedQuery("UPDATE deliveries SET next_attempt_at = now() + $2 * interval '1 millisecond' "
            + "WHERE host = $1 AND state = 'pending' AND locked_until IS NULL")
        .execute(Tuple.of(host, delay.toMillis())).mapEmpty();
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
    return pool.preparedQuery("SELECT count(*) FROM activities WHERE community_id = $1 AND in_outbox")
        .execute(Tuple.of(communityId)).map(r -> r.iterator().next().getLong(0));
  }

  /** Public activities of a community, newest first, as JSON text. */
  public Future<List<String>> outboxPage(long communityId, int offset, int limit) {
    return pool.preparedQuery("SELECT body::text FROM activities WHERE community_id = $1 AND in_outbox "
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

}
