package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.QuoteAuthorization;
import social.hearth.core.port.QuoteStore;
import social.hearth.core.port.Tx;

/** SQL for the QuoteAuthorization stamps communities granted ({@code quote_authorizations}, V28). */
public final class PgQuoteStore implements QuoteStore {

  private static final String COLUMNS = "id, community_id, requester, requester_inbox, requester_host, interacting_object, "
      + "interaction_target, created_at, revoked_at";

  private final Pool pool;

  public PgQuoteStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<QuoteAuthorization> authorize(Tx tx, long communityId, String requester, String requesterInbox,
                                              String requesterHost, String interactingObject, String interactionTarget) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO quote_authorizations (id, community_id, requester, requester_inbox, "
            + "requester_host, interacting_object, interaction_target) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            + "ON CONFLICT (community_id, interacting_object, interaction_target) DO UPDATE SET requester = EXCLUDED.requester, "
            + "requester_inbox = EXCLUDED.requester_inbox, requester_host = EXCLUDED.requester_host, revoked_at = NULL "
            + "RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), communityId, requester, requesterInbox, requesterHost,
            interactingObject, interactionTarget}))
        .map(rows -> map(rows.iterator().next()));
  }

  @Override
  public Future<Optional<QuoteAuthorization>> live(long communityId, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM quote_authorizations WHERE community_id = $1 AND id = $2 "
            + "AND revoked_at IS NULL")
        .execute(Tuple.of(communityId, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  @Override
  public Future<List<QuoteAuthorization>> revokeDisallowed(Tx tx, long communityId, Community.QuotePolicy policy) {
    if (policy == Community.QuotePolicy.EVERYONE) {
      return Future.succeededFuture(List.of());
    }
    return PgTx.sql(tx).preparedQuery("UPDATE quote_authorizations q SET revoked_at = now() WHERE q.community_id = $1 "
            + "AND q.revoked_at IS NULL AND ($2 = 'nobody' OR NOT EXISTS (SELECT 1 FROM members m "
            + "WHERE m.community_id = q.community_id AND m.actor_id = q.requester AND m.state = 'accepted')) RETURNING "
            + COLUMNS)
        .execute(Tuple.of(communityId, policy.name().toLowerCase(Locale.ROOT)))
        .map(PgQuoteStore::all);
  }

  private static List<QuoteAuthorization> all(RowSet<Row> rows) {
    List<QuoteAuthorization> out = new ArrayList<>();
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  private static QuoteAuthorization map(Row r) {
    return new QuoteAuthorization(r.getUUID("id"), r.getLong("community_id"), r.getString("requester"),
        r.getString("requester_inbox"), r.getString("requester_host"), r.getString("interacting_object"),
        r.getString("interaction_target"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("revoked_at"));
  }
}
