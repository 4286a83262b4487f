package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Optional;
import social.hearth.core.domain.Ban;

/** SQL for community bans. A ban with {@code until} in the past no longer applies. */
public interface BanStore {

  Future<Boolean> isBanned(long communityId, String actorId);

  Future<Optional<Ban>> active(long communityId, String actorId);

  Future<Void> ban(Tx tx, long communityId, String actorId, String reason, OffsetDateTime until,
                          String byWhom, String blockIri);

  /** Lifts a ban; returns the IRI of the Block that announced it, if any. */
  Future<Optional<String>> unban(Tx tx, long communityId, String actorId);

  /** Carries bans to an account's new identity after a Move. */
  Future<Void> move(Tx tx, String from, String to);
}
