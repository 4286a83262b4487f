package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import social.hearth.core.port.LoginAttemptStore;
import social.hearth.core.port.MemberSignInStore;
import social.hearth.core.port.Tx;

/** SQL for members' sign-in codes, reading sessions and attempts (V52). */
public final class PgMemberSignInStore implements MemberSignInStore {

  private static final String CODE = "SELECT id, community_id, handle, actor_id, code_hash, attempts FROM member_sign_in_codes ";

  private final Pool pool;

  public PgMemberSignInStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> insertCode(Tx tx, long communityId, String handle, String actorId, String codeHash,
                                 String linkHash, long seconds) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO member_sign_in_codes (community_id, handle, actor_id, code_hash, "
            + "link_hash, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))")
        .execute(Tuple.of(communityId, handle, actorId, codeHash, linkHash, seconds)).mapEmpty();
  }

  @Override
  public Future<Optional<Code>> pending(long communityId, String handle, int maxAttempts) {
    return pool.preparedQuery(CODE + "WHERE community_id = $1 AND handle = $2 AND used_at IS NULL AND expires_at > now() "
            + "AND attempts < $3 ORDER BY created_at DESC, id DESC LIMIT 1")
        .execute(Tuple.of(communityId, handle, maxAttempts)).map(PgMemberSignInStore::code);
  }

  @Override
  public Future<Optional<Code>> byLink(long communityId, String linkHash, int maxAttempts) {
    return pool.preparedQuery(CODE + "WHERE community_id = $1 AND link_hash = $2 AND used_at IS NULL "
            + "AND expires_at > now() AND attempts < $3").execute(Tuple.of(communityId, linkHash, maxAttempts))
        .map(PgMemberSignInStore::code);
  }

  @Override
  public Future<Boolean> tryOnce(long codeId, int maxAttempts) {
    return pool.preparedQuery("UPDATE member_sign_in_codes SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2")
        .execute(Tuple.of(codeId, maxAttempts)).map(r -> r.rowCount() == 1);
  }

  @Override
  public Future<Boolean> use(long codeId) {
    return pool.preparedQuery("UPDATE member_sign_in_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL")
        .execute(Tuple.of(codeId)).map(r -> r.rowCount() == 1);
  }

  @Override
  public Future<Void> startSession(String tokenHash, long communityId, String actorId, String csrf, long seconds) {
    return pool.preparedQuery("INSERT INTO member_sessions (token_hash, community_id, actor_id, csrf, expires_at) "
            + "VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))")
        .execute(Tuple.of(tokenHash, communityId, actorId, csrf, seconds)).mapEmpty();
  }

  @Override
  public Future<Optional<Session>> session(String tokenHash) {
    return pool.preparedQuery("SELECT s.token_hash, s.community_id, s.actor_id, s.csrf FROM member_sessions s "
            + "JOIN members m ON m.community_id = s.community_id AND m.actor_id = s.actor_id WHERE s.token_hash = $1 "
            + "AND s.expires_at > now() AND m.state = 'accepted' AND (m.expires_at IS NULL OR m.expires_at > now()) "
            + "AND m.joined_at <= s.created_at")
        .execute(Tuple.of(tokenHash)).map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Session(r.getString(0), r.getLong(1), r.getString(2), r.getString(3)));
        });
  }

  @Override
  public Future<Void> endSession(String tokenHash) {
    return pool.preparedQuery("DELETE FROM member_sessions WHERE token_hash = $1").execute(Tuple.of(tokenHash)).mapEmpty();
  }

  @Override
  public Future<LoginAttemptStore.Failures> attempts(String clientAddress, String handle, String kind, long windowSeconds) {
    return pool.preparedQuery("SELECT (SELECT count(*) FROM member_sign_in_attempts WHERE client_address = $1 AND kind = $3 "
            + "AND at > now() - make_interval(secs => $4)), (SELECT count(*) FROM member_sign_in_attempts WHERE handle = $2 "
            + "AND kind = $3 AND at > now() - make_interval(secs => $4))")
        .execute(Tuple.of(clientAddress, handle, kind, windowSeconds)).map(rows -> {
          Row r = rows.iterator().next();
          return new LoginAttemptStore.Failures(r.getLong(0), r.getLong(1));
        });
  }

  @Override
  public Future<Void> attempt(String clientAddress, String handle, String kind) {
    return pool.preparedQuery("INSERT INTO member_sign_in_attempts (client_address, handle, kind) VALUES ($1, $2, $3)")
        .execute(Tuple.of(clientAddress, handle, kind))
        .compose(x -> pool.query("WITH a AS (DELETE FROM member_sign_in_attempts WHERE at < now() - interval '1 day'), "
            + "c AS (DELETE FROM member_sign_in_codes WHERE created_at < now() - interval '1 day') "
            + "DELETE FROM member_sessions WHERE expires_at < now()").execute())
        .mapEmpty();
  }

  private static Optional<Code> code(io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    return Optional.of(new Code(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
        r.getInteger(5)));
  }
}
