package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.RemoteActor;

/** Remote accounts as the core needs them: known ones from the cache, others fetched from their server. */
public interface Actors {

  /** The actor, fetched when unknown or stale; fails when it cannot be had. */
  Future<RemoteActor> get(String actorId);
}
