package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;

/** SQL for reports (received Flags). */
public interface ReportStore {

  /** Stores a report; false when this Flag was already stored. */
  Future<Boolean> insert(String flagId, Long communityId, String reporterId, List<String> accounts,
                                List<String> objects, String comment);
}
