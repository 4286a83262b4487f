package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.RemoteActor;

/**
 * Remote accounts as the core needs them: known ones from the cache, others fetched from their server. {@link #get}
 * fails for a gone account (deleted, or its server answers 410 Gone).
 */
public interface Actors {

  /** The actor, fetched when unknown or stale; fails when it cannot be had. */
  Future<RemoteActor> get(String actorId);

  /**
   * The actor deleted itself (a verified Delete): it is recorded as gone for good, its keys are dropped, nothing it
   * signs is accepted any more, it cannot join again and nothing more is delivered to it. True when this is news.
   */
  Future<Boolean> deleted(String actorId);

  /**
   * The account wrote in {@code language} (a primary language subtag, from a post or a direct message it sent): kept
   * as its last language, which what the community says to it is written in. Never fails for an unknown account.
   */
  Future<Void> spoke(String actorId, String language);
}
