package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;

/** The community's roster of sponsors (issue 18): experienced members a newcomer can turn to. */
public interface SponsorStore {

  /** The roster, in the order the sponsors were added. */
  Future<List<String>> list(long communityId);

  /** Replaces the roster (a sponsor kept keeps the date they were added). */
  Future<Void> replace(Tx tx, long communityId, List<String> actors);
}
