package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for activities we author, the posts we re-share, and the delivery queue. */
public final class OutboxStore {

  /**
   * A claimed delivery with what is needed to sign and send it, and what the database said of its host when it
   * was claimed: {@code hostHealthy} (neither failing nor unavailable, or not recorded at all) and the signature
   * scheme remembered for it (null when none). {@code accountId} is set when a staff Person authored the activity
   * (it is signed with that account's key), else the community's key signs it (the instance actor's without one).
   */
  public record Delivery(long id, String inbox, String host, int attempts, String body, Long communityId,
                         boolean hostHealthy, String hostScheme, Long accountId, long batch, long activityId) {
    /** A delivery with a row of its own in {@code deliveries}. */
    public Delivery(long id, String inbox, String host, int attempts, String body, Long communityId,
                    boolean hostHealthy, String hostScheme, Long accountId) {
      this(id, inbox, host, attempts, body, communityId, hostHealthy, hostScheme, accountId, 0, 0);
    }

    /** True when it is one of a re-share's {@link DeliveryBatches batch} and has no row of its own. */
    public boolean inBatch() {
      return batch != 0;
    }
  }

  /**
   * The deliveries claimed, whether the claim read every due row it could have taken, and how many rows of
   * unavailable hosts it moved to their host's next probe.
   */
  public record Claim(List<Delivery> items, boolean sawAllDue, long deferred) {}

  private final Pool pool;

  public OutboxStore(Pool pool) {
    this.pool = pool;
  }

  /** How an activity we author is shown: only dereferenceable, or also listed in the outbox. */
  public enum Visibility { PRIVATE, PUBLIC, OUTBOX }

  /**
   * Stores an activity we author. A body that names private addressees ({@code bto}, {@code bcc}, anywhere: a
   * wrapped activity, its object) is stored without them (the inbox already removes them on receipt; this holds
   * for anything else that reaches this table), so they are never served or sent.
   */
  public Future<Long> insertActivity(social.hearth.core.port.Tx conn, String iri, Long communityId, String type, String objectId,
                                     String body, Visibility visibility) {
    return insertActivity(conn, iri, communityId, null, type, objectId, body, visibility);
  }

  /** As above, for an activity a staff Person ({@code accountId}) authors: its key signs the deliveries. */
  public Future<Long> insertActivity(social.hearth.core.port.Tx conn, String iri, Long communityId, Long accountId,
                                     String type, String objectId, String body, Visibility visibility) {
    String json = mayNamePrivateAddressees(body) ? "hearth_strip_private($5::text::jsonb)" : "$5::text::jsonb";
    return PgTx.sql(conn).preparedQuery("INSERT INTO activities (iri, community_id, type, object_id, body, public, "
            + "in_outbox, account_id) VALUES ($1, $2, $3, $4, " + json + ", $6, $7, $8) RETURNING id")
        .execute(Tuple.from(new Object[] {iri, communityId, type, objectId, body, visibility != Visibility.PRIVATE,
            visibility == Visibility.OUTBOX, accountId}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** True when the JSON text may hold a {@code bto} or {@code bcc} property (in any of its spellings). */
  static boolean mayNamePrivateAddressees(String body) {
    return body.contains("bto\"") || body.contains("bcc\"");
  }

  /** Takes an activity out of the outbox listing (it stays dereferenceable). */
  public Future<Void> unlist(social.hearth.core.port.Tx conn, String iri) {
    return PgTx.sql(conn).preparedQuery("UPDATE activities SET in_outbox = false WHERE iri = $1").execute(Tuple.of(iri)).mapEmpty();
  }

  /** Takes the community's Create of an object out of the outbox listing (the object was deleted). */
  public Future<Void> unlistCreate(social.hearth.core.port.Tx conn, long communityId, String objectId) {
    return PgTx.sql(conn).preparedQuery("UPDATE activities SET in_outbox = false WHERE community_id = $1 "
        + "AND type = 'Create' AND object_id = $2 AND in_outbox").execute(Tuple.of(communityId, objectId)).mapEmpty();
  }

  /** One delivery to an inbox; none when the inbox is that of a gone or suspended actor. */
  public Future<Void> enqueue(social.hearth.core.port.Tx conn, long activityId, String inbox, String host) {
    return PgTx.sql(conn).preparedQuery("INSERT INTO deliveries (activity_id, inbox, host) SELECT $1, $2, $3 "
            + "WHERE NOT EXISTS (SELECT 1 FROM remote_actors WHERE inbox = $2 AND (suspended OR gone_at IS NOT NULL)) "
            + "ON CONFLICT DO NOTHING")
        .execute(Tuple.of(activityId, inbox, host)).mapEmpty();
  }

  /**
   * One delivery per distinct (shared) inbox of the community's accepted members whose actors are neither gone nor
   * suspended ({@code delivery_stopped}), never to ourselves: servers that
   * understand FEP-1b12 wrapped Announces get {@code groupAwareActivity}, all others {@code mastodonFamilyActivity}
   * (the same id for both sends one activity to everyone; null sends nothing to that side). One statement reads
   * the delivery targets kept on the community's member rows ({@code members_delivery}), never the actor cache.
   * Returns the number of deliveries queued.
   */
  public Future<Integer> enqueueToMembers(social.hearth.core.port.Tx conn, long communityId, String localOriginPrefix,
                                          Long mastodonFamilyActivity, Long groupAwareActivity) {
    return PgTx.sql(conn).preparedQuery(toMembers("$1::bigint", "$2::bigint", "$3", "$4"))
        .execute(Tuple.of(mastodonFamilyActivity, groupAwareActivity, communityId, localOriginPrefix + "%"))
        .map(r -> r.rowCount());
  }

  /**
   * The statement that queues one delivery per distinct (shared) inbox of a community's members (see
   * {@link #enqueueToMembers}), with the SQL expressions that give its parameters.
   */
  private static String toMembers(String mastodonFamily, String groupAware, String community, String localPattern) {
    return "INSERT INTO deliveries (activity_id, inbox, host) "
        + "SELECT a.activity_id, a.inbox, a.host FROM (SELECT CASE WHEN COALESCE(h.group_aware, false) "
        + "THEN " + groupAware + " ELSE " + mastodonFamily + " END AS activity_id, t.inbox, t.host "
        + "FROM (SELECT DISTINCT delivery_inbox AS inbox, delivery_host AS host FROM members "
        + "WHERE community_id = " + community + " AND state = 'accepted' AND NOT delivery_stopped "
        + "AND delivery_inbox NOT LIKE " + localPattern + ") t "
        + "LEFT JOIN hosts h ON h.host = t.host) a WHERE a.activity_id IS NOT NULL ON CONFLICT DO NOTHING";
  }

  /** A re-share's two activities (FEP-1b12): each its IRI, the object it names and its JSON. */
  public record Reshare(String plainIri, String objectId, String plainBody, String wrappedIri, String wrappedObjectId,
                        String wrappedBody) {}

  /**
   * A node's delivery worker as the queue sees it: deliveries it can be handed directly, already claimed for it, so
   * that no claim is needed to send what this node has just queued.
   */
  public interface Sender {
    /** How many more deliveries it takes now in all; 0 when it takes none (not running). */
    int room();

    /** The deliveries it holds now (in flight or waiting for a slot), per host. */
    Map<String, Integer> holding();

    /** Deliveries claimed for it by a transaction that has committed: to be sent now. */
    void take(List<Delivery> claimed);
  }

  private volatile Sender sender;
  private volatile int perHost;
  private volatile Duration lease;

  /**
   * From now on, deliveries queued by {@link #reshare} are claimed at once for {@code sender} as far as it has room
   * ({@code perHost} per host at most, counting what it holds), for {@code lease}, and handed to it after the commit.
   */
  public void handTo(Sender sender, int perHost, Duration lease) {
    this.perHost = perHost;
    this.lease = lease;
    this.sender = sender;
  }

  /**
   * Queues a re-share of a stored post in one statement: the plain Announce (listed in the outbox) and the wrapped
   * original activity are stored, the plain one's IRI is noted on the post, and one delivery per distinct (shared)
   * inbox of the community's members is queued exactly as {@link #enqueueToMembers} does. The deliveries to healthy
   * hosts that this node's {@link Sender} has room for are stored as one {@link DeliveryBatches batch} leased to it
   * (no row per delivery; their attempt counted) and handed to it once the transaction commits; the others are rows
   * due at once for any node. Returns the number of deliveries queued.
   */
  public Future<Integer> reshare(social.hearth.core.port.Tx conn, long communityId, long postId, String localOriginPrefix,
                                 Reshare r) {
    return reshareAll(conn, communityId, localOriginPrefix, List.of(new Reshared(postId, r)));
  }

  /** A stored post to re-share and its two activities. */
  public record Reshared(long postId, Reshare activities) {}

  /**
   * {@link #reshare} of many posts of one community in one statement: the members' inboxes are read once, every
   * post's activities stored, and the deliveries handed over (in the posts' order, as far as there is room) are one
   * batch. A post whose wrapped activity may name private addressees hands nothing over (see {@link #reshare}).
   */
  public Future<Integer> reshareAll(social.hearth.core.port.Tx conn, long communityId, String localOriginPrefix,
                                    List<Reshared> posts) {
    Sender to = sender;
    int room = to == null ? 0 : to.room();
    List<String> hosts = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    if (room > 0) {
      to.holding().forEach((host, n) -> {
        hosts.add(host);
        used.add(n);
      });
    }
    int n = posts.size();
    String[][] text = new String[6][n];
    Long[] ids = new Long[n];
    Boolean[] strip = new Boolean[n];
    for (int i = 0; i < n; i++) {
      Reshare r = posts.get(i).activities();
      ids[i] = posts.get(i).postId();
      text[0][i] = r.plainIri();
      text[1][i] = r.objectId();
      text[2][i] = r.plainBody();
      text[3][i] = r.wrappedIri();
      text[4][i] = r.wrappedObjectId();
      text[5][i] = r.wrappedBody();
      // a wrapped activity stored without its private addressees is sent as stored: those go through a claim
      strip[i] = mayNamePrivateAddressees(r.wrappedBody());
    }
    Duration leased = lease == null ? Duration.ZERO : lease;
    return PgTx.sql(conn).preparedQuery(ReshareSql.SQL)
        .execute(Tuple.from(new Object[] {text[0], text[1], text[2], text[3], text[4], text[5], ids, strip, communityId,
            localOriginPrefix + "%", room, perHost, hosts.toArray(new String[0]), used.toArray(new Integer[0]),
            leased.toMillis()}))
        .map(rows -> {
          List<Delivery> handed = new ArrayList<>();
          long queued = 0;
          for (Row row : rows) {
            queued = row.getLong(1);
            if (row.getLong(0) != null && row.getLong(2) != null) {
              Reshare r = posts.get(row.getLong(7).intValue() - 1).activities();
              handed.add(new Delivery(0, row.getString(4), row.getString(5), 1,
                  Boolean.TRUE.equals(row.getBoolean(3)) ? r.plainBody() : r.wrappedBody(), communityId, true,
                  row.getString(6), null, row.getLong(0), row.getLong(2))); // a re-share is the community's: its key
            }
          }
          if (!handed.isEmpty()) {
            PgTx.afterCommit(conn, () -> to.take(handed));
          }
          return (int) (handed.size() + queued);
        });
  }

  /** Due rows a claim reads at most (a claim takes at most 64; the rest is room for hosts at their cap). */
  public static final int SCAN = 256;

  private static final String CLAIM = "WITH scan AS MATERIALIZED (SELECT d.id, d.host, d.next_attempt_at, "
      + "h.host IS NULL OR (h.failing_since IS NULL AND NOT h.unavailable) AS healthy, "
      + "COALESCE(h.unavailable, false) AND COALESCE(h.next_probe_at, now()) > now() AS waiting, "
      + "h.next_probe_at, h.signature_scheme "
      + "FROM (SELECT id, host, next_attempt_at FROM deliveries WHERE state = 'pending' AND next_attempt_at <= now() "
      + "AND (locked_until IS NULL OR locked_until < now()) AND host <> ALL($4::text[]) "
      + "ORDER BY next_attempt_at, id LIMIT " + SCAN + ") d LEFT JOIN hosts h ON h.host = d.host), "
      + "candidates AS (SELECT id FROM (SELECT s.id, s.next_attempt_at, COALESCE(u.used, 0) AS used, "
      + "row_number() OVER (PARTITION BY s.host ORDER BY s.next_attempt_at, s.id) AS rn "
      + "FROM scan s LEFT JOIN unnest($5::text[], $6::int[]) AS u(host, used) ON u.host = s.host WHERE NOT s.waiting) r "
      + "WHERE rn <= $2 - used ORDER BY next_attempt_at, id LIMIT $1), "
      // the conditions are checked again where the rows are locked: a row another node claimed (and committed)
      // after this statement's snapshot must not be claimed a second time
      + "locked AS (SELECT id FROM deliveries WHERE id = ANY(ARRAY(SELECT id FROM candidates)) AND state = 'pending' "
      + "AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now()) FOR UPDATE SKIP LOCKED), "
      + "claimed AS (UPDATE deliveries SET locked_until = now() + $3 * interval '1 millisecond', "
      + "next_attempt_at = now() + $3 * interval '1 millisecond', attempts = attempts + 1 "
      + "WHERE id = ANY(ARRAY(SELECT id FROM locked)) RETURNING id, activity_id, inbox, host, attempts), "
      // rows of unavailable hosts wait for the next probe, off the front of the due index
      + "deferred AS (UPDATE deliveries d SET next_attempt_at = s.next_probe_at FROM scan s WHERE d.id = s.id "
      + "AND d.id = ANY(ARRAY(SELECT w.id FROM deliveries w WHERE w.id = ANY(ARRAY(SELECT id FROM scan WHERE waiting)) "
      + "AND w.state = 'pending' AND (w.locked_until IS NULL OR w.locked_until < now()) FOR UPDATE SKIP LOCKED)) "
      + "RETURNING d.id) "
      + "SELECT (SELECT count(*) FROM scan), (SELECT count(*) FROM deferred), x.* FROM (SELECT 1) one "
      + "LEFT JOIN (SELECT c.id, c.inbox, c.host, c.attempts, a.body::text, a.community_id, s.healthy, s.signature_scheme, "
      + "a.account_id FROM claimed c JOIN activities a ON a.id = c.activity_id JOIN scan s ON s.id = c.id) x ON true ORDER BY x.id";

  /**
   * Claims up to {@code limit} due deliveries: at most {@code perHost} per host minus what {@code inFlight} says
   * this node already has open to it, none for unavailable hosts except when their probe is due, oldest first.
   *
   * <p>The claim reads only the first {@link #SCAN} due rows of the {@code deliveries_due_order} index (rows of
   * hosts at their cap and rows under a lease are skipped as they are read), so its cost does not grow with the
   * queue. Claimed rows move their {@code next_attempt_at} to the end of their lease, which takes them off the
   * front of that index while they are in flight; rows of unavailable hosts that are read are moved to the host's
   * next probe, so they do not fill the front either. {@link Claim#sawAllDue()} tells whether fewer than {@link #SCAN}
   * rows were due, i.e. whether the claim saw every row it could have taken. ({@link #SCAN} is a constant so that
   * PostgreSQL keeps one generic plan for the statement instead of planning it on every call.)
   */
  public Future<Claim> claim(int limit, int perHost, Map<String, Integer> inFlight, Duration lease) {
    List<String> busy = new ArrayList<>();
    List<String> partHosts = new ArrayList<>();
    List<Integer> partUsed = new ArrayList<>();
    inFlight.forEach((host, n) -> {
      if (n >= perHost) {
        busy.add(host);
      } else {
        partHosts.add(host);
        partUsed.add(n);
      }
    });
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.tuple().addInteger(limit).addInteger(perHost).addLong(lease.toMillis())
            .addArrayOfString(busy.toArray(new String[0])).addArrayOfString(partHosts.toArray(new String[0]))
            .addArrayOfInteger(partUsed.toArray(new Integer[0])))
        .map(rows -> {
          List<Delivery> out = new ArrayList<>();
          long scanned = 0;
          long deferred = 0;
          for (Row r : rows) {
            scanned = r.getLong(0);
            deferred = r.getLong(1);
            if (r.getLong(2) != null) {
              out.add(new Delivery(r.getLong(2), r.getString(3), r.getString(4), r.getInteger(5), r.getString(6),
                  r.getLong(7), Boolean.TRUE.equals(r.getBoolean(8)), r.getString(9), r.getLong(10)));
            }
          }
          return new Claim(out, scanned < SCAN, deferred);
        });
  }

  /** Unavailable hosts' probes push their other deliveries back so they are not attempted meanwhile. */
  public Future<Void> postponeHost(String host, Duration delay) {
    return pool.preparedQuery("UPDATE deliveries SET next_attempt_at = now() + $2 * interval '1 millisecond' "
            + "WHERE host = $1 AND state = 'pending' AND locked_until IS NULL")
        .execute(Tuple.of(host, delay.toMillis())).mapEmpty();
  }

  /**
   * Finishes deliveries in one statement: deleted when they went through at the first try (an update would write new
   * versions of the row and two indexes), marked delivered, with their failed attempt's error, when retried; and
   * records a success for {@code hosts} unless one is marked unavailable meanwhile ({@link HostStore#success} revives);
   * and deletes the {@link DeliveryBatches batches} {@code batches}, whose every delivery has an outcome.
   */
  public Future<Void> delivered(List<Long> ids, List<Integer> statuses, Collection<String> hosts,
                                Collection<Long> batches) {
    return pool.preparedQuery("WITH o AS (SELECT * FROM unnest($1::bigint[], $2::int[]) AS o(id, status)), "
            + "batches AS (DELETE FROM delivery_batches WHERE id = ANY($4::bigint[]) RETURNING 1), "
            + "gone AS (DELETE FROM deliveries d USING o WHERE d.id = o.id AND d.last_error IS NULL RETURNING 1), "
            + "kept AS (UPDATE deliveries d SET state = 'delivered', last_status = o.status, locked_until = NULL, "
            + "finished_at = now() FROM o WHERE d.id = o.id AND d.last_error IS NOT NULL RETURNING 1) "
            + "UPDATE hosts SET last_success_at = now(), failing_since = NULL WHERE host = ANY($3::text[]) AND NOT unavailable")
        .execute(Tuple.tuple().addArrayOfLong(ids.toArray(new Long[0])).addArrayOfInteger(statuses.toArray(new Integer[0]))
            .addArrayOfString(hosts.toArray(new String[0])).addArrayOfLong(batches.toArray(new Long[0])))
        .mapEmpty();
  }

  /**
   * Gives claimed deliveries that were never attempted back to the queue: due now, under no lease, their claim not
   * counted as an attempt.
   */
  public Future<Void> release(List<Long> ids) {
    return pool.preparedQuery("UPDATE deliveries SET locked_until = NULL, next_attempt_at = now(), "
            + "attempts = greatest(attempts - 1, 0) WHERE id = ANY($1) AND state = 'pending'")
        .execute(Tuple.tuple().addArrayOfLong(ids.toArray(new Long[0]))).mapEmpty();
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

  /** The community an activity we authored belongs to (empty for the instance's and staff Persons' own). */
  public Future<Optional<Long>> privateActivityCommunity(String iri) {
    return pool.preparedQuery("SELECT a.community_id FROM activities a JOIN communities c ON c.id = a.community_id "
            + "WHERE a.iri = $1 AND c.visibility = 'private'").execute(Tuple.of(iri))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  public Future<Optional<String>> publicActivity(String iri) {
    return pool.preparedQuery("SELECT body::text FROM activities WHERE iri = $1 AND public").execute(Tuple.of(iri))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }
}
