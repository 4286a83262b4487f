package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.InstanceProfile;
import social.hearth.core.port.InstanceProfileStore;
import social.hearth.core.port.Tx;

/**
 * The server's profile in {@code instance_settings}: {@code profile.name}, {@code profile.description},
 * {@code profile.contact} as text, {@code profile.rules} as a JSON array of strings.
 */
public final class PgInstanceProfileStore implements InstanceProfileStore {

  private static final String[] KEYS = {"profile.name", "profile.description", "profile.contact", "profile.rules"};

  private final Pool pool;

  public PgInstanceProfileStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<InstanceProfile> load() {
    return pool.preparedQuery("SELECT key, value FROM instance_settings WHERE key = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(KEYS)).map(rows -> {
          Map<String, String> values = new HashMap<>();
          for (Row r : rows) {
            values.put(r.getString(0), r.getString(1));
          }
          List<String> rules = new ArrayList<>();
          new JsonArray(values.getOrDefault("profile.rules", "[]")).forEach(rule -> rules.add(String.valueOf(rule)));
          return new InstanceProfile(values.getOrDefault("profile.name", ""), values.getOrDefault("profile.description", ""),
              values.getOrDefault("profile.contact", ""), rules);
        });
  }

  @Override
  public Future<Void> save(Tx tx, InstanceProfile p) {
    String[] values = {p.name(), p.description(), p.contact(), new JsonArray(p.rules()).encode()};
    return PgTx.sql(tx).preparedQuery("INSERT INTO instance_settings (key, value) SELECT * FROM unnest($1::text[], $2::text[]) "
            + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
        .execute(Tuple.tuple().addArrayOfString(KEYS).addArrayOfString(values)).mapEmpty();
  }
}
