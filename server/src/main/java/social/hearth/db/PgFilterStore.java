package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.FilterConfig;
import social.hearth.json.FilterConfigJson;
import social.hearth.core.port.FilterStore;
import social.hearth.federation.vocab.JsonLimits;

/** SQL for community filters; the configuration is stored as JSON (jsonb), as the admin API shows it. */
public final class PgFilterStore implements FilterStore {

  private static final String COLUMNS = "id, community_id, kind, config::text, action, enabled, updated_at";

  private final Pool pool;

  public PgFilterStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Filter>> list(long communityId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM filters WHERE community_id = $1 ORDER BY id")
        .execute(Tuple.of(communityId)).map(PgFilterStore::map);
  }

  @Override
  public Future<List<Filter>> enabled(long communityId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM filters WHERE community_id = $1 AND enabled ORDER BY id")
        .execute(Tuple.of(communityId)).map(PgFilterStore::map);
  }

  @Override
  public Future<Long> count(long communityId) {
    return pool.preparedQuery("SELECT count(*) FROM filters WHERE community_id = $1").execute(Tuple.of(communityId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Filter> insert(long communityId, String kind, FilterConfig config, String action, boolean enabled) {
    return pool.preparedQuery("INSERT INTO filters (community_id, kind, config, action, enabled) "
            + "VALUES ($1, $2, $3::text::jsonb, $4, $5) RETURNING " + COLUMNS)
        .execute(Tuple.of(communityId, kind, json(config), action, enabled))
        .map(rows -> map(rows).get(0));
  }

  @Override
  public Future<Optional<Filter>> update(long communityId, long id, String kind, FilterConfig config, String action,
                                         boolean enabled) {
    return pool.preparedQuery("UPDATE filters SET kind = $3, config = $4::text::jsonb, action = $5, enabled = $6, "
            + "updated_at = now() WHERE community_id = $1 AND id = $2 RETURNING " + COLUMNS)
        .execute(Tuple.of(communityId, id, kind, json(config), action, enabled))
        .map(rows -> map(rows).stream().findFirst());
  }

  @Override
  public Future<Boolean> delete(long communityId, long id) {
    return pool.preparedQuery("DELETE FROM filters WHERE community_id = $1 AND id = $2").execute(Tuple.of(communityId, id))
        .map(r -> r.rowCount() > 0);
  }

  private static List<Filter> map(RowSet<Row> rows) {
    List<Filter> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Filter(r.getLong(0), r.getLong(1), r.getString(2), config(r.getString(3)), r.getString(4), r.getBoolean(5),
          r.getOffsetDateTime(6).toInstant()));
    }
    return out;
  }

  /** The configuration as stored: the fields that are set, as the admin API shows them. */
  static String json(FilterConfig c) {
    return FilterConfigJson.write(c).toString();
  }

  /** A stored configuration, read as the admin API reads one; unreadable text reads as none. */
  static FilterConfig config(String text) {
    try {
      return FilterConfigJson.read(text == null ? null : JsonLimits.MAPPER.readTree(text));
    } catch (Exception e) {
      return FilterConfig.EMPTY;
    }
  }
}
