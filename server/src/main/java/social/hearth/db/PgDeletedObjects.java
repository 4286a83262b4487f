package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.Locale;
import social.hearth.core.port.DeletedObjects;

/** SQL for the deleted objects remembered ({@code deleted_objects}, V13). */
public final class PgDeletedObjects implements DeletedObjects {

  private final Pool pool;

  public PgDeletedObjects(Pool pool) {
    this.pool = pool;
  }

  /**
   * Remembers the deletion (a repeated one keeps its first actor and time), then trims the object's origin to its
   * newest {@link #PER_ORIGIN} entries in the same statement, so no origin can fill the table.
   */
  @Override
  public Future<Void> record(String objectId, String actorId) {
    return pool.preparedQuery("WITH ins AS (INSERT INTO deleted_objects (object_id, origin, actor_id) "
            + "VALUES ($1, $2, $3) ON CONFLICT (object_id) DO NOTHING RETURNING 1) "
            + "DELETE FROM deleted_objects WHERE EXISTS (SELECT 1 FROM ins) AND object_id IN (SELECT object_id "
            + "FROM deleted_objects WHERE origin = $2 ORDER BY deleted_at DESC OFFSET $4)")
        .execute(Tuple.of(objectId, origin(objectId), actorId, PER_ORIGIN - 1))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> deletedBy(String objectId, String authorId) {
    return pool.preparedQuery("SELECT 1 FROM deleted_objects WHERE object_id = $1 AND actor_id = $2 "
            + "AND deleted_at > now() - $3 * interval '1 second'")
        .execute(Tuple.of(objectId, authorId, KEEP.toSeconds()))
        .map(rows -> rows.size() > 0);
  }

  /** scheme://host[:port] of an object id, lower-cased; the id itself when it is not a URI. */
  static String origin(String objectId) {
    try {
      URI u = URI.create(objectId);
      if (u.getScheme() != null && u.getRawAuthority() != null) {
        return (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT);
      }
    } catch (IllegalArgumentException e) {
      // not a URI: the id stands for its own origin
    }
    return objectId.length() > 300 ? objectId.substring(0, 300) : objectId;
  }
}
