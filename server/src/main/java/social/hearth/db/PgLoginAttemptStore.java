package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import social.hearth.core.port.LoginAttemptStore;

/** Failed sign-in attempts in {@code login_attempts}. */
public final class PgLoginAttemptStore implements LoginAttemptStore {

  private final Pool pool;

  public PgLoginAttemptStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Long> failures(String clientAddress, String kind, long windowSeconds) {
    return pool.preparedQuery("SELECT count(*) FROM login_attempts WHERE client_address = $1 AND kind = $2 "
            + "AND at > now() - $3 * interval '1 second'")
        .execute(Tuple.of(clientAddress, kind, windowSeconds)).map(r -> r.iterator().next().getLong(0));
  }

  @Override
  public Future<Void> fail(String clientAddress, String kind, String username) {
    return pool.preparedQuery("INSERT INTO login_attempts (client_address, kind, username) VALUES ($1, $2, $3)")
        .execute(Tuple.of(clientAddress, kind, username == null || username.length() > 64 ? null : username))
        .compose(x -> pool.query("DELETE FROM login_attempts WHERE at < now() - interval '1 day'").execute())
        .mapEmpty();
  }
}
