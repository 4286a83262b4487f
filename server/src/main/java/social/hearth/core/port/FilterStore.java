package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.FilterConfig;

/** Community filters (kind, configuration, action), as saved. */
public interface FilterStore {

  /** A community's filters, oldest first. */
  Future<List<Filter>> list(long communityId);

  /** A community's enabled filters, oldest first. */
  Future<List<Filter>> enabled(long communityId);

  Future<Long> count(long communityId);

  Future<Filter> insert(long communityId, String kind, FilterConfig config, String action, boolean enabled);

  /** Changes a filter; empty when the community has no such filter. */
  Future<Optional<Filter>> update(long communityId, long id, String kind, FilterConfig config, String action, boolean enabled);

  Future<Boolean> delete(long communityId, long id);
}
