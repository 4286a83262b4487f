package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import social.hearth.core.port.SessionStore;

/** Staff sessions in {@code web_sessions}. */
public final class PgSessionStore implements SessionStore {

  private final Pool pool;

  public PgSessionStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Found>> find(String tokenHash) {
    return pool.preparedQuery("SELECT s.account_id, a.username, a.instance_admin, s.csrf_token, s.privileges, "
            + "s.password_changed_at = a.password_changed_at, s.last_seen_at < now() - interval '5 minutes', "
            + "COALESCE((SELECT string_agg(r.community_id || ':' || r.role, ',' ORDER BY r.community_id) FROM staff_roles r "
            + "WHERE r.account_id = a.id), ''), a.must_change_password FROM web_sessions s JOIN accounts a ON a.id = s.account_id "
            + "WHERE s.token_hash = $1 AND s.expires_at > now() AND a.disabled_at IS NULL")
        .execute(Tuple.of(tokenHash)).map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Found(r.getLong(0), r.getString(1), r.getBoolean(2), r.getString(3), r.getString(4),
              r.getBoolean(5), r.getBoolean(6), r.getString(7), r.getBoolean(8)));
        });
  }

  @Override
  public Future<Void> touch(String tokenHash, String privileges, long maxAgeSeconds, long idleSeconds) {
    return pool.preparedQuery("UPDATE web_sessions SET last_seen_at = now(), privileges = $2, expires_at = "
            + "least(created_at + $3 * interval '1 second', now() + $4 * interval '1 second') WHERE token_hash = $1")
        .execute(Tuple.of(tokenHash, privileges, maxAgeSeconds, idleSeconds)).mapEmpty();
  }

  @Override
  public Future<Void> start(String tokenHash, long accountId, String csrf, String privilegePrefix, String clientAddress,
                            String userAgent, long idleSeconds) {
    return pool.preparedQuery("INSERT INTO web_sessions (token_hash, account_id, csrf_token, privileges, password_changed_at, "
            + "client_address, user_agent, expires_at) SELECT $1, a.id, $2, $3 || COALESCE((SELECT string_agg(r.community_id "
            + "|| ':' || r.role, ',' ORDER BY r.community_id) FROM staff_roles r WHERE r.account_id = a.id), ''), "
            + "a.password_changed_at, $4, $5, now() + $6 * interval '1 second' FROM accounts a WHERE a.id = $7")
        .execute(Tuple.from(new Object[] {tokenHash, csrf, privilegePrefix, clientAddress, userAgent, idleSeconds, accountId}))
        .compose(x -> pool.query("DELETE FROM web_sessions WHERE expires_at < now()").execute())
        .mapEmpty();
  }

  @Override
  public Future<Void> delete(String tokenHash) {
    return pool.preparedQuery("DELETE FROM web_sessions WHERE token_hash = $1").execute(Tuple.of(tokenHash)).mapEmpty();
  }

  @Override
  public Future<Void> deleteAll(long accountId) {
    return pool.preparedQuery("DELETE FROM web_sessions WHERE account_id = $1").execute(Tuple.of(accountId)).mapEmpty();
  }
}
