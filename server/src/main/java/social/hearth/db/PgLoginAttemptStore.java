package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import social.hearth.core.port.LoginAttemptStore;

/** Failed sign-in attempts in {@code login_attempts}. */
public final class PgLoginAttemptStore implements LoginAttemptStore {

  private final Pool pool;

  public PgLoginAttemptStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Failures> failures(String clientAddress, String username, String kind, long windowSeconds) {
    return pool.preparedQuery("SELECT (SELECT count(*) FROM login_attempts WHERE client_address = $1 AND kind = $3 "
            + "AND at > now() - $4 * interval '1 second'), "
            + "(SELECT count(*) FROM login_attempts WHERE $2::text IS NOT NULL AND username = $2 AND kind = $3 "
            + "AND at > now() - $4 * interval '1 second')")
        .execute(Tuple.of(clientAddress, username(username), kind, windowSeconds))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Failures(r.getLong(0), r.getLong(1));
        });
  }

  @Override
  public Future<Void> fail(String clientAddress, String kind, String username) {
    return pool.preparedQuery("INSERT INTO login_attempts (client_address, kind, username) VALUES ($1, $2, $3) RETURNING id")
        .execute(Tuple.of(clientAddress, kind, username(username)))
        .compose(ins -> pool.preparedQuery("DELETE FROM login_attempts WHERE at < now() - interval '1 day' OR id <= $1")
            .execute(Tuple.of(ins.iterator().next().getLong(0) - MAX_KEPT)))
        .mapEmpty();
  }

  private static String username(String username) {
    return username == null || username.isEmpty() || username.length() > 64 ? null : username;
  }
}
