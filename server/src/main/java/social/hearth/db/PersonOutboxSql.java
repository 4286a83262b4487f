package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * SQL for the activities of staff Persons (the accounts that post as themselves): who receives them and which stored
 * activity is whose. Statements only, in the caller's transaction; the activities themselves are stored by
 * {@link OutboxStore#insertActivity}.
 */
public final class PersonOutboxSql {

  private PersonOutboxSql() {}

  /**
   * One delivery per distinct (shared) inbox of the staff account's followers (when {@code toFollowers}) and of the
   * known actors {@code actors}, in one statement; never to gone or suspended actors or to ourselves. Returns the
   * number of deliveries queued.
   */
  public static Future<Integer> enqueueToPerson(social.hearth.core.port.Tx conn, long activityId, long accountId,
                                                boolean toFollowers, java.util.List<String> actors,
                                                String localOriginPrefix) {
    return PgTx.sql(conn).preparedQuery("INSERT INTO deliveries (activity_id, inbox, host) "
            + "SELECT DISTINCT $1::bigint, COALESCE(a.shared_inbox, a.inbox), a.host FROM remote_actors a "
            + "WHERE (($3::boolean AND a.id IN (SELECT actor_id FROM person_followers WHERE account_id = $2)) "
            + "OR a.id = ANY($4::text[])) AND NOT a.suspended AND a.gone_at IS NULL "
            + "AND COALESCE(a.shared_inbox, a.inbox) NOT LIKE $5 ON CONFLICT DO NOTHING")
        .execute(Tuple.of(activityId, accountId, toFollowers, actors.toArray(new String[0]), localOriginPrefix + "%"))
        .map(r -> r.rowCount());
  }

  /** A stored activity made a staff account's own: the activity's id, the account's, its type and its object. */
  public record Authored(long activityId, long accountId, String type, String objectId) {}

  /**
   * Makes the stored activity {@code iri} the own of the staff account {@code username} (the delivery worker then
   * signs it with the account's key; a Create is listed in the account's outbox); empty when either is unknown.
   */
  public static Future<java.util.Optional<Authored>> authorActivity(social.hearth.core.port.Tx conn, String username, String iri) {
    return PgTx.sql(conn).preparedQuery("UPDATE activities SET account_id = a.id, in_outbox = (activities.type = 'Create') "
            + "FROM accounts a WHERE a.username = $1 AND activities.iri = $2 "
            + "RETURNING activities.id, a.id, activities.type, activities.object_id")
        .execute(Tuple.of(username, iri))
        .map(rows -> rows.size() == 0 ? java.util.Optional.<Authored>empty() : java.util.Optional.of(new Authored(
            rows.iterator().next().getLong(0), rows.iterator().next().getLong(1), rows.iterator().next().getString(2),
            rows.iterator().next().getString(3))));
  }

  /** Takes a staff Person's Create of {@code objectId} out of its outbox (the object was deleted). */
  public static Future<Void> unlistStaffCreate(social.hearth.core.port.Tx conn, long accountId, String objectId) {
    return PgTx.sql(conn).preparedQuery("UPDATE activities SET in_outbox = false WHERE account_id = $1 "
            + "AND object_id = $2 AND type = 'Create' AND in_outbox").execute(Tuple.of(accountId, objectId)).mapEmpty();
  }
}
