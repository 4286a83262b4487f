package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.port.FilterStore;

/**
 * A community's filters: stored as kind + configuration + action, validated and compiled when saved, and kept
 * compiled in memory (refreshed every 30 seconds, at once after a change on this node). A stored filter that no
 * longer compiles holds what it would have looked at, saying so ({@link FilterRule#broken}).
 */
public final class Filters {

  static final int MAX_PER_COMMUNITY = 50;
  private static final long TTL_MILLIS = 30_000;

  private record Cached(List<FilterRule> rules, long loadedAt) {}

  private final FilterStore store;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  public Filters(FilterStore store) {
    this.store = store;
  }

  /** The enabled filters of a community, compiled. */
  public Future<List<FilterRule>> active(long communityId) {
    Cached c = cache.get(communityId);
    if (c != null && System.currentTimeMillis() - c.loadedAt() < TTL_MILLIS) {
      return Future.succeededFuture(c.rules());
    }
    return store.enabled(communityId).map(filters -> {
      List<FilterRule> rules = new ArrayList<>();
      for (Filter f : filters) {
        try {
          rules.add(FilterRule.compile(f.id(), f.kind(), f.config(), f.action()));
        } catch (RuntimeException e) {
          rules.add(FilterRule.broken(f.id(), f.kind(), f.action(), e.getMessage()));
        }
      }
      cache.put(communityId, new Cached(List.copyOf(rules), System.currentTimeMillis()));
      return rules;
    });
  }

  public Future<List<Filter>> list(long communityId) {
    return store.list(communityId);
  }

  /** Validates and stores a filter; a bad configuration is a 400 with the reason. */
  public Future<Filter> create(long communityId, String kind, FilterConfig config, String action, boolean enabled) {
    FilterRule compiled;
    try {
      compiled = compileOr400(kind, config, action);
    } catch (CoreException e) {
      return Future.failedFuture(e); // a failed future, so that the filter form can show the reason
    }
    return store.count(communityId)
        .compose(n -> n >= MAX_PER_COMMUNITY
            ? Future.failedFuture(CoreException.conflict("a community may have at most " + MAX_PER_COMMUNITY + " filters"))
            : store.insert(communityId, kind, compiled.config(), action, enabled))
        .onSuccess(x -> cache.remove(communityId));
  }

  public Future<Filter> update(long communityId, long id, String kind, FilterConfig config, String action,
                               boolean enabled) {
    FilterRule compiled;
    try {
      compiled = compileOr400(kind, config, action);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return store.update(communityId, id, kind, compiled.config(), action, enabled)
        .compose(f -> f.isEmpty() ? Future.<Filter>failedFuture(CoreException.notFound("no such filter"))
            : Future.succeededFuture(f.get()))
        .onSuccess(x -> cache.remove(communityId));
  }

  /**
   * Changes some of a filter: each null argument keeps what is stored (a configuration is replaced whole). Turning a
   * filter off keeps its configuration; the filter chain skips it until it is turned on again.
   */
  public Future<Filter> change(long communityId, long id, String kind, FilterConfig config, String action,
                               Boolean enabled) {
    return store.list(communityId).compose(list -> {
      Filter f = list.stream().filter(x -> x.id() == id).findFirst().orElse(null);
      if (f == null) {
        return Future.failedFuture(CoreException.notFound("no such filter"));
      }
      return update(communityId, id, kind == null ? f.kind() : kind, config == null ? f.config() : config,
          action == null ? f.action() : action, enabled == null ? f.enabled() : enabled);
    });
  }

  public Future<Boolean> delete(long communityId, long id) {
    return store.delete(communityId, id).onSuccess(x -> cache.remove(communityId));
  }

  /** Compiles a rule ({@code config} may be null); a bad one is a 400 with the reason. */
  static FilterRule compileOr400(String kind, FilterConfig config, String action) {
    try {
      return FilterRule.compile(0, kind, config, action);
    } catch (IllegalArgumentException e) {
      throw CoreException.badRequest(e.getMessage());
    }
  }
}
