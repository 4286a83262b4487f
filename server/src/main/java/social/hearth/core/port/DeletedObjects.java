package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Objects their authors deleted, remembered for a while whether or not Hearth had seen them: a Delete can overtake
 * its Create (they travel separately and are retried separately), and the Create that arrives afterwards must not be
 * re-shared. Bounded: at most {@link #PER_ORIGIN} per origin (the oldest go first), each kept {@link #KEEP} (the
 * maintenance pass purges older ones, {@link QueueStore#purgeDeletedObjects}).
 */
public interface DeletedObjects {

  /** How long a deleted object is remembered: peers give up redelivering a Create within days. */
  Duration KEEP = Duration.ofDays(30);
  /** At most this many deleted objects are remembered per origin. */
  int PER_ORIGIN = 10_000;

  /** Remembers that {@code actorId} deleted {@code objectId} (the caller checked they share an origin). */
  Future<Void> record(String objectId, String actorId);

  /** True when {@code authorId} deleted {@code objectId} within {@link #KEEP}. */
  Future<Boolean> deletedBy(String objectId, String authorId);
}
