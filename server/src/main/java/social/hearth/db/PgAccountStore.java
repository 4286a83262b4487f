package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.AccountStore;
import social.hearth.core.domain.StaffRole;
import social.hearth.core.domain.Account;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SQL for staff accounts and their roles per community. */
public final class PgAccountStore implements AccountStore {

  private final Pool pool;

  public PgAccountStore(Pool pool) {
    this.pool = pool;
  }

  /** Creates an account; empty when the username is taken. */
  public Future<Optional<Account>> create(String username, String passwordHash, boolean instanceAdmin) {
    return pool.preparedQuery("INSERT INTO accounts (username, password_hash, instance_admin) VALUES ($1, $2, $3) "
            + "ON CONFLICT (username) DO NOTHING RETURNING id, username, password_hash, instance_admin, password_changed_at")
        .execute(Tuple.of(username, passwordHash, instanceAdmin))
        .map(rows -> rows.size() == 0 ? Optional.<Account>empty() : Optional.of(map(rows.iterator().next())))
        // a community took the name meanwhile (the accounts_name_not_a_community trigger): the name is taken
        .recover(e -> isUniqueViolation(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  public Future<Optional<Account>> byUsername(String username) {
    return pool.preparedQuery("SELECT id, username, password_hash, instance_admin, password_changed_at FROM accounts WHERE username = $1")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<Account>> list() {
    return pool.query("SELECT id, username, password_hash, instance_admin, password_changed_at FROM accounts ORDER BY username")
        .execute().map(rows -> {
          List<Account> out = new ArrayList<>();
          rows.forEach(r -> out.add(map(r)));
          return out;
        });
  }

  public Future<Boolean> setPassword(long id, String passwordHash) {
    return pool.preparedQuery("UPDATE accounts SET password_hash = $2, password_changed_at = now() WHERE id = $1")
        .execute(Tuple.of(id, passwordHash)).map(r -> r.rowCount() > 0);
  }

  /** Gives the account a role in the community (replacing any other); fails if it is not a staff role. */
  public Future<Void> setRole(long accountId, long communityId, String role) {
    return pool.preparedQuery("INSERT INTO staff_roles (account_id, community_id, role) VALUES ($1, $2, $3) "
            + "ON CONFLICT (account_id, community_id) DO UPDATE SET role = EXCLUDED.role")
        .execute(Tuple.of(accountId, communityId, role.toLowerCase(Locale.ROOT))).mapEmpty();
  }

  public Future<Boolean> removeRole(long accountId, long communityId) {
    return pool.preparedQuery("DELETE FROM staff_roles WHERE account_id = $1 AND community_id = $2")
        .execute(Tuple.of(accountId, communityId)).map(r -> r.rowCount() > 0);
  }

  public Future<Optional<String>> role(long accountId, long communityId) {
    return pool.preparedQuery("SELECT role FROM staff_roles WHERE account_id = $1 AND community_id = $2")
        .execute(Tuple.of(accountId, communityId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  public Future<List<StaffRole>> staff(long communityId) {
    return pool.preparedQuery("SELECT a.username, s.role FROM staff_roles s JOIN accounts a ON a.id = s.account_id "
            + "WHERE s.community_id = $1 ORDER BY s.role DESC, a.username").execute(Tuple.of(communityId))
        .map(rows -> {
          List<StaffRole> out = new ArrayList<>();
          rows.forEach(r -> out.add(new StaffRole(r.getString(0), r.getString(1))));
          return out;
        });
  }

  @Override
  public Future<Boolean> isCommunityName(String name) {
    return pool.preparedQuery("SELECT 1 FROM communities WHERE slug = $1 UNION ALL SELECT 1 FROM deleted_communities WHERE slug = $1")
        .execute(Tuple.of(name))
        .map(rows -> rows.size() > 0);
  }

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  private static Account map(Row r) {
    return new Account(r.getLong(0), r.getString(1), r.getString(2), r.getBoolean(3), r.getOffsetDateTime(4));
  }
}
