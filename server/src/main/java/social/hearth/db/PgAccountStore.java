package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.AccountStore;
import social.hearth.core.domain.StaffRole;
import social.hearth.core.domain.Account;
import social.hearth.core.domain.StaffInvitation;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // a deleted account's name stays taken: its Person IRI was public
    return pool.preparedQuery("INSERT INTO accounts (username, password_hash, instance_admin) SELECT $1, $2, $3 "
            + "WHERE NOT EXISTS (SELECT 1 FROM deleted_accounts WHERE username = $1) ON CONFLICT (username) DO NOTHING RETURNING id, username, password_hash, instance_admin, password_changed_at, disabled_at IS NOT NULL, must_change_password")
        .execute(Tuple.of(username, passwordHash, instanceAdmin))
        .map(rows -> rows.size() == 0 ? Optional.<Account>empty() : Optional.of(map(rows.iterator().next())))
        // a community took the name meanwhile (the accounts_name_not_a_community trigger): the name is taken
        .recover(e -> isUniqueViolation(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  public Future<Optional<Account>> byUsername(String username) {
    return pool.preparedQuery("SELECT id, username, password_hash, instance_admin, password_changed_at, disabled_at IS NOT NULL, must_change_password FROM accounts WHERE username = $1")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<Account>> list() {
    return pool.query("SELECT id, username, password_hash, instance_admin, password_changed_at, disabled_at IS NOT NULL, must_change_password FROM accounts ORDER BY username")
        .execute().map(rows -> {
          List<Account> out = new ArrayList<>();
          rows.forEach(r -> out.add(map(r)));
          return out;
        });
  }

  public Future<Boolean> setPassword(long id, String passwordHash) {
    return pool.preparedQuery("UPDATE accounts SET password_hash = $2, password_changed_at = now(), "
            + "must_change_password = false WHERE id = $1")
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
    return new Account(r.getLong(0), r.getString(1), r.getString(2), r.getBoolean(3), r.getOffsetDateTime(4),
        r.getBoolean(5), r.getBoolean(6));
  }

  // ------------------------------------------------------------------ managed by instance admins

  @Override
  public Future<List<Overview>> overview() {
    return pool.query("SELECT a.id, a.username, a.display_name, a.instance_admin, a.disabled_at IS NOT NULL, "
            + "a.must_change_password, a.created_at, COALESCE(string_agg(c.slug || ' ' || r.role, ',' ORDER BY c.slug), '') "
            + "FROM accounts a LEFT JOIN staff_roles r ON r.account_id = a.id LEFT JOIN communities c ON c.id = r.community_id "
            + "GROUP BY a.id ORDER BY a.username").execute().map(rows -> {
              List<Overview> out = new ArrayList<>();
              rows.forEach(r -> out.add(new Overview(r.getLong(0), r.getString(1), r.getString(2), r.getBoolean(3),
                  r.getBoolean(4), r.getBoolean(5), r.getOffsetDateTime(6), pairs(r.getString(7)))));
              return out;
            });
  }

  @Override
  public Future<Boolean> setDisabled(long id, boolean disabled) {
    return pool.preparedQuery("UPDATE accounts SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END "
            + "WHERE id = $1").execute(Tuple.of(id, disabled)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Boolean> resetPassword(long id, String passwordHash) {
    return pool.preparedQuery("UPDATE accounts SET password_hash = $2, password_changed_at = now(), "
            + "must_change_password = true WHERE id = $1").execute(Tuple.of(id, passwordHash)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Boolean> delete(long id) {
    return pool.preparedQuery("WITH gone AS (DELETE FROM accounts WHERE id = $1 RETURNING username, display_name) "
            + "INSERT INTO deleted_accounts (username, display_name) SELECT username, display_name FROM gone "
            + "ON CONFLICT (username) DO NOTHING RETURNING username").execute(Tuple.of(id)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Integer> activeAdmins() {
    return pool.query("SELECT count(*) FROM accounts WHERE instance_admin AND disabled_at IS NULL").execute()
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Future<Long> invite(String tokenHash, String username, boolean instanceAdmin, Map<Long, String> roles,
                             String createdBy, OffsetDateTime expiresAt) {
    StringBuilder list = new StringBuilder();
    roles.forEach((id, role) -> list.append(list.isEmpty() ? "" : ",").append(id).append(':').append(role));
    return pool.preparedQuery("INSERT INTO staff_invitations (token_hash, username, instance_admin, roles, created_by, "
            + "expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .execute(Tuple.from(new Object[] {tokenHash, username, instanceAdmin, list.toString(), createdBy, expiresAt}))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static final String INVITATION = "SELECT i.id, i.username, i.instance_admin, COALESCE((SELECT string_agg(c.slug "
      + "|| ' ' || split_part(x, ':', 2), ',' ORDER BY c.slug) FROM unnest(string_to_array(NULLIF(i.roles, ''), ',')) x "
      + "JOIN communities c ON c.id = split_part(x, ':', 1)::bigint), ''), i.created_by, i.created_at, i.expires_at "
      + "FROM staff_invitations i WHERE i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()";

  @Override
  public Future<List<StaffInvitation>> openInvitations() {
    return pool.query(INVITATION + " ORDER BY i.created_at DESC LIMIT 200").execute().map(rows -> {
      List<StaffInvitation> out = new ArrayList<>();
      rows.forEach(r -> out.add(invitation(r)));
      return out;
    });
  }

  @Override
  public Future<Optional<StaffInvitation>> invitation(String tokenHash) {
    return pool.preparedQuery(INVITATION + " AND i.token_hash = $1").execute(Tuple.of(tokenHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(invitation(rows.iterator().next())));
  }

  @Override
  public Future<Boolean> revokeInvitation(long id) {
    return pool.preparedQuery("UPDATE staff_invitations SET revoked_at = now() WHERE id = $1 AND used_at IS NULL "
        + "AND revoked_at IS NULL AND expires_at > now()").execute(Tuple.of(id)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Optional<Taken>> takeInvitation(String tokenHash, String username) {
    return pool.preparedQuery("UPDATE staff_invitations SET used_at = now(), used_by = $2 WHERE token_hash = $1 "
            + "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING instance_admin, roles")
        .execute(Tuple.of(tokenHash, username)).map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          Map<Long, String> roles = new LinkedHashMap<>();
          for (String pair : r.getString(1).isEmpty() ? new String[0] : r.getString(1).split(",")) {
            roles.put(Long.parseLong(pair.substring(0, pair.indexOf(':'))), pair.substring(pair.indexOf(':') + 1));
          }
          return Optional.of(new Taken(r.getBoolean(0), roles));
        });
  }

  @Override
  public Future<Void> releaseInvitation(String tokenHash) {
    return pool.preparedQuery("UPDATE staff_invitations SET used_at = NULL, used_by = NULL WHERE token_hash = $1")
        .execute(Tuple.of(tokenHash)).mapEmpty();
  }

  private static StaffInvitation invitation(Row r) {
    return new StaffInvitation(r.getLong(0), r.getString(1), r.getBoolean(2), pairs(r.getString(3)), r.getString(4),
        r.getOffsetDateTime(5), r.getOffsetDateTime(6));
  }

  private static List<String[]> pairs(String list) {
    List<String[]> out = new ArrayList<>();
    for (String pair : list.isEmpty() ? new String[0] : list.split(",")) {
      out.add(pair.split(" ", 2));
    }
    return out;
  }
}
