package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.Person;
import social.hearth.core.port.AdminPageQueries;

/** The instance admin's pages' reads: staff accounts with their roles, instance bans. */
public final class PgAdminPageQueries implements AdminPageQueries {

  private final Pool pool;

  public PgAdminPageQueries(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<AccountRow>> accounts() {
    return pool.query("SELECT a.id, a.username, a.instance_admin, a.created_at, COALESCE(string_agg(c.slug || ' ' || r.role, "
            + "',' ORDER BY c.slug), '') FROM accounts a LEFT JOIN staff_roles r ON r.account_id = a.id LEFT JOIN communities c "
            + "ON c.id = r.community_id GROUP BY a.id ORDER BY a.username").execute().map(rows -> {
              List<AccountRow> out = new ArrayList<>();
              rows.forEach(r -> {
                List<String[]> roles = new ArrayList<>();
                for (String pair : r.getString(4).isEmpty() ? new String[0] : r.getString(4).split(",")) {
                  roles.add(pair.split(" ", 2));
                }
                out.add(new AccountRow(r.getLong(0), r.getString(1), r.getBoolean(2), r.getOffsetDateTime(3), roles));
              });
              return out;
            });
  }

  @Override
  public Future<List<InstanceBan>> instanceBans() {
    return pool.query("SELECT b.actor_id, a.name, a.preferred_username, a.host, a.document->>'url', b.reason, "
        + "b.until FROM instance_bans b LEFT JOIN remote_actors a ON a.id = b.actor_id WHERE b.until IS NULL OR b.until > now() "
        + "ORDER BY b.created_at DESC LIMIT 500").execute().map(rows -> {
          List<InstanceBan> bans = new ArrayList<>();
          rows.forEach(r -> bans.add(new InstanceBan(Person.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
              r.getString(4)), r.getString(5), r.getOffsetDateTime(6))));
          return bans;
        });
  }
}
