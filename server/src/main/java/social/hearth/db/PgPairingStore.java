package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.PairingStore;
import social.hearth.core.port.Tx;

/** SQL for sponsors paired with newcomers (V55); a sponsor's load is counted from the pairs of members still in. */
public final class PgPairingStore implements PairingStore {

  private static final String ACTOR = "a.id, a.type, a.host, a.preferred_username, a.name, a.inbox, a.shared_inbox, "
      + "a.key_id, a.public_key_pem, a.fetched_at, a.language";
  private static final String LOAD = "(SELECT count(*) FROM sponsor_pairs p JOIN members n ON n.community_id = "
      + "p.community_id AND n.actor_id = p.newcomer_id AND n.state = 'accepted' WHERE p.community_id = s.community_id "
      + "AND p.sponsor_id = s.actor_id)";
  private static final String PAIR = "newcomer_id, sponsor_id, offered, paired_at, first_post_at";

  private final Pool pool;

  public PgPairingStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<RosterEntry>> roster(long communityId) {
    return pool.preparedQuery("SELECT s.actor_id, s.away, s.added_at, m.accepted_at, " + LOAD + " AS load FROM sponsors s "
            + "LEFT JOIN members m ON m.community_id = s.community_id AND m.actor_id = s.actor_id AND m.state = 'accepted' "
            + "WHERE s.community_id = $1 ORDER BY load, s.added_at, s.actor_id")
        .execute(Tuple.of(communityId)).map(rows -> {
          List<RosterEntry> out = new ArrayList<>();
          rows.forEach(r -> out.add(new RosterEntry(r.getString(0), r.getBoolean(1), r.getOffsetDateTime(2),
              r.getOffsetDateTime(3), r.getLong(4).intValue())));
          return out;
        });
  }

  @Override
  public Future<List<RemoteActor>> available(Tx tx, long communityId, String newcomer, int max) {
    return PgTx.sql(tx).preparedQuery("SELECT " + ACTOR + " FROM sponsors s JOIN members m ON m.community_id = "
            + "s.community_id AND m.actor_id = s.actor_id AND m.state = 'accepted' JOIN remote_actors a ON a.id = s.actor_id "
            + "AND a.gone_at IS NULL WHERE s.community_id = $1 AND NOT s.away AND s.actor_id <> $2 "
            + "ORDER BY " + LOAD + ", s.added_at, s.actor_id LIMIT $3")
        .execute(Tuple.of(communityId, newcomer, max)).map(rows -> {
          List<RemoteActor> out = new ArrayList<>();
          rows.forEach(r -> out.add(ActorStore.map(r)));
          return out;
        });
  }

  @Override
  public Future<Optional<RemoteActor>> actor(Tx tx, String actorId) {
    return PgTx.sql(tx).preparedQuery("SELECT " + ACTOR + " FROM remote_actors a WHERE a.id = $1 AND a.gone_at IS NULL")
        .execute(Tuple.of(actorId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ActorStore.map(rows.iterator().next())));
  }

  @Override
  public Future<Boolean> pairing(long communityId) {
    return pool.preparedQuery("SELECT pairing FROM sponsor_settings WHERE community_id = $1")
        .execute(Tuple.of(communityId)).map(PgPairingStore::on);
  }

  @Override
  public Future<Boolean> pairing(Tx tx, long communityId) {
    return PgTx.sql(tx).preparedQuery("SELECT pairing FROM sponsor_settings WHERE community_id = $1")
        .execute(Tuple.of(communityId)).map(PgPairingStore::on);
  }

  private static boolean on(RowSet<Row> rows) {
    return rows.size() == 0 || rows.iterator().next().getBoolean(0);
  }

  @Override
  public Future<Void> setPairing(Tx tx, long communityId, boolean on) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO sponsor_settings (community_id, pairing) VALUES ($1, $2) "
        + "ON CONFLICT (community_id) DO UPDATE SET pairing = EXCLUDED.pairing").execute(Tuple.of(communityId, on)).mapEmpty();
  }

  @Override
  public Future<Boolean> setAway(Tx tx, long communityId, String sponsor, boolean away) {
    return PgTx.sql(tx).preparedQuery("UPDATE sponsors SET away = $3 WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, sponsor, away)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Boolean> isSponsor(long communityId, String actor) {
    return pool.preparedQuery("SELECT 1 FROM sponsors WHERE community_id = $1 AND actor_id = $2")
        .execute(Tuple.of(communityId, actor)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> pair(Tx tx, long communityId, String newcomer, String sponsor, List<String> offered) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO sponsor_pairs (community_id, newcomer_id, sponsor_id, offered) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (community_id, newcomer_id) DO UPDATE SET sponsor_id = EXCLUDED.sponsor_id, "
            + "offered = EXCLUDED.offered, paired_at = now(), first_post_at = NULL")
        .execute(Tuple.of(communityId, newcomer, sponsor).addArrayOfString(offered.toArray(String[]::new))).mapEmpty();
  }

  @Override
  public Future<Optional<Pair>> pairOf(long communityId, String newcomer) {
    return pool.preparedQuery("SELECT " + PAIR + " FROM sponsor_pairs WHERE community_id = $1 AND newcomer_id = $2")
        .execute(Tuple.of(communityId, newcomer)).map(PgPairingStore::first);
  }

  @Override
  public Future<Optional<Pair>> pairOf(Tx tx, long communityId, String newcomer) {
    return PgTx.sql(tx).preparedQuery("SELECT " + PAIR + " FROM sponsor_pairs WHERE community_id = $1 AND newcomer_id = $2 "
        + "FOR UPDATE").execute(Tuple.of(communityId, newcomer)).map(PgPairingStore::first);
  }

  private static Optional<Pair> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(pair(rows.iterator().next()));
  }

  private static Pair pair(Row r) {
    return new Pair(r.getString(0), r.getString(1), Arrays.asList(r.getArrayOfStrings(2)), r.getOffsetDateTime(3),
        r.getOffsetDateTime(4));
  }

  @Override
  public Future<Void> choose(Tx tx, long communityId, String newcomer, String sponsor) {
    return PgTx.sql(tx).preparedQuery("UPDATE sponsor_pairs SET sponsor_id = $3, paired_at = now() "
        + "WHERE community_id = $1 AND newcomer_id = $2").execute(Tuple.of(communityId, newcomer, sponsor)).mapEmpty();
  }

  @Override
  public Future<Optional<String>> firstPost(Tx tx, long communityId, String newcomer) {
    return PgTx.sql(tx).preparedQuery("UPDATE sponsor_pairs SET first_post_at = now() WHERE community_id = $1 "
            + "AND newcomer_id = $2 AND first_post_at IS NULL RETURNING sponsor_id")
        .execute(Tuple.of(communityId, newcomer))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  @Override
  public Future<List<Pair>> pairs(long communityId, int limit) {
    return pool.preparedQuery("SELECT " + PAIR.replace("newcomer_id", "p.newcomer_id") + " FROM sponsor_pairs p "
            + "JOIN members n ON n.community_id = p.community_id AND n.actor_id = p.newcomer_id AND n.state = 'accepted' "
            + "WHERE p.community_id = $1 ORDER BY p.paired_at DESC LIMIT $2")
        .execute(Tuple.of(communityId, limit)).map(rows -> {
          List<Pair> out = new ArrayList<>();
          rows.forEach(r -> out.add(pair(r)));
          return out;
        });
  }
}
