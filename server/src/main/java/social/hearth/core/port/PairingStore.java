package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.RemoteActor;

/**
 * Sponsors paired with newcomers (issue 18, item 5): the roster with each sponsor's tenure, load and away flag, the
 * community's pairing switch, and each newcomer's pair. What an admission or a reply decides is read and written
 * through its transaction.
 */
public interface PairingStore {

  /** A sponsor on the roster: since when on it, member since (null when no longer a member), newcomers paired now. */
  record RosterEntry(String actor, boolean away, OffsetDateTime addedAt, OffsetDateTime memberSince, int load) {}

  /** A newcomer's pair: the sponsor, the sponsors offered in order (number 1 first), the first post flagged. */
  record Pair(String newcomer, String sponsor, List<String> offered, OffsetDateTime pairedAt,
              OffsetDateTime firstPostAt) {}

  /** The roster, least loaded first (then in the order sponsors were added). */
  Future<List<RosterEntry>> roster(long communityId);

  /** The sponsors who may be offered to {@code newcomer}: members, not away, not the newcomer, least loaded first. */
  Future<List<RemoteActor>> available(Tx tx, long communityId, String newcomer, int max);

  /** A stored actor read through the transaction (a sponsor or a newcomer), when known. */
  Future<Optional<RemoteActor>> actor(Tx tx, String actorId);

  /** Whether pairing is on (it is unless turned off). */
  Future<Boolean> pairing(long communityId);

  Future<Boolean> pairing(Tx tx, long communityId);

  Future<Void> setPairing(Tx tx, long communityId, boolean on);

  /** Marks a sponsor away or back; false when the actor is not on the roster. */
  Future<Boolean> setAway(Tx tx, long communityId, String sponsor, boolean away);

  Future<Boolean> isSponsor(long communityId, String actor);

  /** Stores (or replaces, on a second admission) the newcomer's pair. */
  Future<Void> pair(Tx tx, long communityId, String newcomer, String sponsor, List<String> offered);

  Future<Optional<Pair>> pairOf(long communityId, String newcomer);

  Future<Optional<Pair>> pairOf(Tx tx, long communityId, String newcomer);

  /** The newcomer chose another of the sponsors offered. */
  Future<Void> choose(Tx tx, long communityId, String newcomer, String sponsor);

  /** Marks the newcomer's first post flagged; the sponsor to tell, empty when already flagged or not paired. */
  Future<Optional<String>> firstPost(Tx tx, long communityId, String newcomer);

  /** The newcomers paired now (still members), newest first, at most {@code limit}. */
  Future<List<Pair>> pairs(long communityId, int limit);
}
