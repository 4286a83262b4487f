package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Invite;
import social.hearth.core.domain.Preapproval;

/** SQL for invites (codes and links) and pre-approved accounts. */
public interface InviteStore {

  Future<Invite> create(long communityId, String code, Integer maxUses, OffsetDateTime expiresAt, Integer grantDays,
                               String note);

  Future<List<Invite>> list(long communityId);

  Future<Optional<Invite>> byCode(long communityId, String code);

  /** Uses the invite once if it is still usable; false when it is spent, expired or revoked. */
  Future<Boolean> consume(Tx tx, long inviteId);

  Future<Boolean> revoke(long communityId, long inviteId);

  Future<Void> preapprove(Tx tx, long communityId, String actorId, Long inviteId, OffsetDateTime grantUntil,
                                 OffsetDateTime expiresAt);

  /** Takes (and removes) a valid pre-approval for the account, if there is one. */
  Future<Optional<Preapproval>> takePreapproval(Tx tx, long communityId, String actorId);
}
