package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.Rule;

/** SQL for a community's numbered rules. */
public interface RuleStore {

  Future<List<Rule>> list(long communityId);

  /** As above, on {@code conn} (a transaction reads through its own connection). */
  Future<List<Rule>> list(Tx conn, long communityId);

  /** Replaces the whole list. */
  Future<Void> replace(long communityId, List<Rule> rules);
}
