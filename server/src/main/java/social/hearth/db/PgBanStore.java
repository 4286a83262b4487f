package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.BanStore;
import social.hearth.core.domain.Ban;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;

/** SQL for community bans. A ban with {@code until} in the past no longer applies. */
public final class PgBanStore implements BanStore {

  private final Pool pool;

  public PgBanStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Boolean> isBanned(long communityId, String actorId) {
    return active(communityId, actorId).map(Optional::isPresent);
  }

  public Future<Optional<Ban>> active(long communityId, String actorId) {
    return pool.preparedQuery("SELECT actor_id, reason, until, block_iri FROM bans WHERE community_id = $1 AND actor_id = $2 "
            + "AND (until IS NULL OR until > now())").execute(Tuple.of(communityId, actorId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r ->
            new Ban(r.getString(0), r.getString(1), r.getOffsetDateTime(2), r.getString(3))));
  }

  public Future<Void> ban(Tx tx, long communityId, String actorId, String reason, OffsetDateTime until,
                          String byWhom, String blockIri) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO bans (community_id, actor_id, reason, until, by_whom, block_iri) VALUES ($1, $2, $3, $4, $5, $6) "
            + "ON CONFLICT (community_id, actor_id) DO UPDATE SET reason = EXCLUDED.reason, until = EXCLUDED.until, "
            + "by_whom = EXCLUDED.by_whom, block_iri = EXCLUDED.block_iri, created_at = now()")
        .execute(Tuple.of(communityId, actorId, reason, until, byWhom, blockIri)).mapEmpty();
  }

  /** Lifts a ban; returns the IRI of the Block that announced it, if any. */
  public Future<Optional<String>> unban(Tx tx, long communityId, String actorId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM bans WHERE community_id = $1 AND actor_id = $2 RETURNING block_iri")
        .execute(Tuple.of(communityId, actorId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  /** Carries bans to an account's new identity after a Move. */
  public Future<Void> move(Tx tx, String from, String to) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO bans (community_id, actor_id, reason, until, by_whom) "
            + "SELECT community_id, $2, reason, until, by_whom FROM bans WHERE actor_id = $1 ON CONFLICT DO NOTHING")
        .execute(Tuple.of(from, to)).mapEmpty();
  }
}
