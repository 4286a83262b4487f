package social.hearth.core.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.core.CoreException;

/**
 * A community's filters: stored as kind + JSON configuration + action, validated and compiled when saved, and kept
 * compiled in memory (refreshed every 30 seconds, at once after a change on this node).
 */
public final class Filters {

  static final int MAX_PER_COMMUNITY = 50;
  private static final long TTL_MILLIS = 30_000;

  private record Cached(List<FilterRule> rules, long loadedAt) {}

  private final Pool pool;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  public Filters(Pool pool) {
    this.pool = pool;
  }

  /** The enabled filters of a community, compiled. */
  public Future<List<FilterRule>> active(long communityId) {
    Cached c = cache.get(communityId);
    if (c != null && System.currentTimeMillis() - c.loadedAt() < TTL_MILLIS) {
      return Future.succeededFuture(c.rules());
    }
    return pool.preparedQuery("SELECT id, kind, config::text, action FROM filters WHERE community_id = $1 AND enabled ORDER BY id")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<FilterRule> rules = new ArrayList<>();
          for (Row r : rows) {
            try {
              rules.add(FilterRule.compile(r.getLong(0), r.getString(1), JsonLimits.MAPPER.readTree(r.getString(2)), r.getString(3)));
            } catch (Exception e) {
              // a rule that no longer compiles (e.g. after a stricter check) is skipped, not fatal
            }
          }
          cache.put(communityId, new Cached(List.copyOf(rules), System.currentTimeMillis()));
          return rules;
        });
  }

  public Future<ArrayNode> list(long communityId) {
    return pool.preparedQuery("SELECT id, kind, config::text, action, enabled, updated_at FROM filters WHERE community_id = $1 ORDER BY id")
        .execute(Tuple.of(communityId)).map(rows -> {
          ArrayNode out = JsonLimits.MAPPER.createArrayNode();
          for (Row r : rows) {
            out.add(json(r));
          }
          return out;
        });
  }

  /** Validates and stores a filter; a bad configuration is a 400 with the reason. */
  public Future<ObjectNode> create(long communityId, String kind, JsonNode config, String action, boolean enabled) {
    FilterRule compiled = compileOr400(kind, config, action);
    return pool.preparedQuery("SELECT count(*) FROM filters WHERE community_id = $1").execute(Tuple.of(communityId))
        .compose(n -> n.iterator().next().getLong(0) >= MAX_PER_COMMUNITY
            ? Future.failedFuture(CoreException.conflict("a community may have at most " + MAX_PER_COMMUNITY + " filters"))
            : pool.preparedQuery("INSERT INTO filters (community_id, kind, config, action, enabled) VALUES ($1, $2, $3::text::jsonb, $4, $5) "
                    + "RETURNING id, kind, config::text, action, enabled, updated_at")
                .execute(Tuple.of(communityId, kind, compiled.config().toString(), action, enabled))
                .map(rows -> json(rows.iterator().next())))
        .onSuccess(x -> cache.remove(communityId));
  }

  public Future<ObjectNode> update(long communityId, long id, String kind, JsonNode config, String action, boolean enabled) {
    FilterRule compiled = compileOr400(kind, config, action);
    return pool.preparedQuery("UPDATE filters SET kind = $3, config = $4::text::jsonb, action = $5, enabled = $6, updated_at = now() "
            + "WHERE community_id = $1 AND id = $2 RETURNING id, kind, config::text, action, enabled, updated_at")
        .execute(Tuple.of(communityId, id, kind, compiled.config().toString(), action, enabled))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(CoreException.notFound("no such filter"))
            : Future.succeededFuture(json(rows.iterator().next())))
        .onSuccess(x -> cache.remove(communityId));
  }

  public Future<Boolean> delete(long communityId, long id) {
    return pool.preparedQuery("DELETE FROM filters WHERE community_id = $1 AND id = $2").execute(Tuple.of(communityId, id))
        .map(r -> r.rowCount() > 0).onSuccess(x -> cache.remove(communityId));
  }

  static FilterRule compileOr400(String kind, JsonNode config, String action) {
    try {
      return FilterRule.compile(0, kind, config, action);
    } catch (IllegalArgumentException e) {
      throw CoreException.badRequest(e.getMessage());
    }
  }

  private static ObjectNode json(Row r) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode().put("id", r.getLong(0)).put("kind", r.getString(1))
        .put("action", r.getString(3)).put("enabled", r.getBoolean(4)).put("updatedAt", r.getOffsetDateTime(5).toInstant().toString());
    try {
      n.set("config", JsonLimits.MAPPER.readTree(r.getString(2)));
    } catch (Exception e) {
      n.putObject("config");
    }
    return n;
  }
}
