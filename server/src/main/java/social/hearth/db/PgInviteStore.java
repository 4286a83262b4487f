package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.InviteStore;
import social.hearth.core.domain.Preapproval;
import social.hearth.core.domain.Invite;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for invites (codes and links) and pre-approved accounts. */
public final class PgInviteStore implements InviteStore {

  private static final String COLUMNS = "id, community_id, code, max_uses, uses, expires_at, grant_days, note, revoked";

  private final Pool pool;

  public PgInviteStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Invite> create(long communityId, String code, Integer maxUses, OffsetDateTime expiresAt, Integer grantDays,
                               String note) {
    return pool.preparedQuery("INSERT INTO invites (community_id, code, max_uses, expires_at, grant_days, note) "
            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
        .execute(Tuple.of(communityId, code, maxUses, expiresAt, grantDays, note))
        .map(rows -> map(rows.iterator().next()));
  }

  public Future<List<Invite>> list(long communityId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM invites WHERE community_id = $1 ORDER BY id DESC")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<Invite> out = new ArrayList<>();
          rows.forEach(r -> out.add(map(r)));
          return out;
        });
  }

  public Future<Optional<Invite>> byCode(long communityId, String code) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM invites WHERE community_id = $1 AND code = $2")
        .execute(Tuple.of(communityId, code))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** Uses the invite once if it is still usable; false when it is spent, expired or revoked. */
  public Future<Boolean> consume(Tx tx, long inviteId) {
    return PgTx.sql(tx).preparedQuery("UPDATE invites SET uses = uses + 1 WHERE id = $1 AND NOT revoked "
            + "AND (expires_at IS NULL OR expires_at > now()) AND (max_uses IS NULL OR uses < max_uses)")
        .execute(Tuple.of(inviteId)).map(r -> r.rowCount() > 0);
  }

  public Future<Boolean> revoke(long communityId, long inviteId) {
    return pool.preparedQuery("UPDATE invites SET revoked = true WHERE community_id = $1 AND id = $2")
        .execute(Tuple.of(communityId, inviteId)).map(r -> r.rowCount() > 0);
  }

  public Future<Void> preapprove(Tx tx, long communityId, String actorId, Long inviteId, OffsetDateTime grantUntil,
                                 OffsetDateTime expiresAt) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO preapproved (community_id, actor_id, invite_id, grant_until, expires_at) "
            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (community_id, actor_id) DO UPDATE SET invite_id = EXCLUDED.invite_id, "
            + "grant_until = EXCLUDED.grant_until, expires_at = EXCLUDED.expires_at")
        .execute(Tuple.of(communityId, actorId, inviteId, grantUntil, expiresAt)).mapEmpty();
  }

  /** Takes (and removes) a valid pre-approval for the account, if there is one. */
  public Future<Optional<Preapproval>> takePreapproval(Tx tx, long communityId, String actorId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM preapproved WHERE community_id = $1 AND actor_id = $2 "
            + "AND (expires_at IS NULL OR expires_at > now()) RETURNING actor_id, invite_id, grant_until, expires_at")
        .execute(Tuple.of(communityId, actorId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r ->
            new Preapproval(r.getString(0), r.getLong(1), r.getOffsetDateTime(2), r.getOffsetDateTime(3))));
  }

  private static Invite map(Row r) {
    return new Invite(r.getLong(0), r.getLong(1), r.getString(2), r.getInteger(3), r.getInteger(4),
        r.getOffsetDateTime(5), r.getInteger(6), r.getString(7), r.getBoolean(8));
  }
}
