package social.hearth.core.port;

import io.vertx.core.Future;

/** How much work waits in this node's queues, for the health check; counting also proves the database answers. */
public interface QueueDepths {

  /** Pending inbox activities and deliveries due now, each counted up to a cap. */
  record Depths(long inboxPending, long deliveriesDue) {}

  /** Counts both queues, each up to {@code cap} (so the count stays cheap however long a backlog grows). */
  Future<Depths> count(int cap);
}
