package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.Duration;

/** Housekeeping of the inbox and delivery queues, and of the deleted objects remembered. */
public interface QueueStore {

  /** Removes at most {@code limit} processed inbox records received more than {@code age} ago; returns how many. */
  Future<Integer> purgeInbox(Duration age, int limit);

  /** Removes at most {@code limit} finished deliveries that finished more than {@code age} ago; returns how many. */
  Future<Integer> purgeDeliveries(Duration age, int limit);

  /** Gives up pending deliveries to unavailable hosts that have waited more than {@code age}; returns how many. */
  Future<Integer> giveUpUnavailable(Duration age);

  /** Forgets at most {@code limit} deleted objects remembered more than {@code age} ago ({@link DeletedObjects}). */
  Future<Integer> purgeDeletedObjects(Duration age, int limit);

  /**
   * Purges at most {@code limit} deleted communities whose deliveries have all finished (their Delete{Group} went
   * out, signed with the key kept until then): the row, its keys and everything it held; returns how many.
   */
  Future<Integer> purgeDeletedCommunities(int limit);
}
