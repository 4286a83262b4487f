package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.DigestSettings;
import social.hearth.core.port.DigestStore;
import social.hearth.core.port.Tx;

/** SQL for the digest (V49): its settings, the periods claimed, and what happened in a period. */
public final class PgDigestStore implements DigestStore {

  private static final String SETTINGS = "SELECT community_id, enabled, frequency, at_time, weekday, timezone, "
      + "enabled_at FROM digest_settings ";

  private final Pool pool;

  public PgDigestStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<DigestSettings>> settings(long communityId) {
    return pool.preparedQuery(SETTINGS + "WHERE community_id = $1").execute(Tuple.of(communityId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(settings(rows.iterator().next())));
  }

  @Override
  public Future<Void> save(long communityId, DigestSettings s) {
    return pool.preparedQuery("INSERT INTO digest_settings (community_id, enabled, frequency, at_time, weekday, timezone, "
            + "enabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (community_id) DO UPDATE SET "
            + "enabled = EXCLUDED.enabled, frequency = EXCLUDED.frequency, at_time = EXCLUDED.at_time, "
            + "weekday = EXCLUDED.weekday, timezone = EXCLUDED.timezone, enabled_at = EXCLUDED.enabled_at")
        .execute(Tuple.tuple().addLong(communityId).addBoolean(s.enabled()).addString(s.frequency())
            .addString(s.time()).addInteger(s.weekday()).addString(s.timezone()).addOffsetDateTime(s.enabledAt()))
        .mapEmpty();
  }

  @Override
  public Future<List<Enabled>> enabled() {
    return pool.query(SETTINGS + "WHERE enabled").execute().map(rows -> {
      List<Enabled> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Enabled(r.getLong("community_id"), settings(r))));
      return out;
    });
  }

  @Override
  public Future<Boolean> claim(long communityId, String period) {
    return pool.preparedQuery("INSERT INTO digests (community_id, period) VALUES ($1, $2) ON CONFLICT DO NOTHING "
        + "RETURNING period").execute(Tuple.of(communityId, period)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Boolean> done(long communityId, String period) {
    return pool.preparedQuery("SELECT 1 FROM digests WHERE community_id = $1 AND period = $2")
        .execute(Tuple.of(communityId, period)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Boolean> claim(Tx tx, long communityId, String period, String iri) {
    // a concurrent claim of the period waits here for the other transaction, and finds the row once it commits
    return PgTx.sql(tx).preparedQuery("INSERT INTO digests (community_id, period, iri) VALUES ($1, $2, $3) "
        + "ON CONFLICT DO NOTHING RETURNING period").execute(Tuple.of(communityId, period, iri))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Facts> facts(long communityId, OffsetDateTime from, OffsetDateTime to, int top) {
    Tuple window = Tuple.of(communityId, from, to);
    Future<List<Top>> tops = pool.preparedQuery("SELECT * FROM (SELECT p.object_id, p.author_id, "
            + "coalesce(nullif(a.name, ''), a.preferred_username, p.author_id) AS author_name, "
            + "coalesce(p.excerpt, '') AS excerpt, p.created_at, "
            + "(SELECT count(*) FROM posts r WHERE r.community_id = p.community_id AND r.in_reply_to = p.object_id "
            + "AND r.deleted_at IS NULL AND r.created_at >= $2 AND r.created_at < $3) AS replies, "
            + "(SELECT count(*) FROM likes l WHERE l.community_id = p.community_id AND l.object_id = p.object_id "
            + "AND l.created_at >= $2 AND l.created_at < $3) AS likes "
            + "FROM posts p JOIN remote_actors a ON a.id = p.author_id WHERE p.community_id = $1 "
            + "AND p.deleted_at IS NULL AND p.in_reply_to IS NULL AND p.created_at >= $2 - interval '30 days' "
            + "AND p.created_at < $3) t WHERE replies + likes > 0 OR created_at >= $2 "
            + "ORDER BY replies * 2 + likes DESC, created_at DESC LIMIT $4")
        .execute(Tuple.of(communityId, from, to, top)).map(rows -> {
          List<Top> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Top(r.getString("object_id"), r.getString("author_id"),
              r.getString("author_name"), r.getString("excerpt"), r.getLong("replies").intValue(),
              r.getLong("likes").intValue())));
          return out;
        });
    Future<Integer> members = pool.preparedQuery("SELECT count(*) FROM members WHERE community_id = $1 "
            + "AND state = 'accepted' AND joined_at >= $2 AND joined_at < $3").execute(window)
        .map(rows -> rows.iterator().next().getLong(0).intValue());
    Future<List<String>> posters = pool.preparedQuery("SELECT DISTINCT coalesce(nullif(a.name, ''), "
            + "a.preferred_username, a.id) FROM members m JOIN remote_actors a ON a.id = m.actor_id "
            + "WHERE m.community_id = $1 AND m.state = 'accepted' AND m.joined_at >= $2 AND m.joined_at < $3 "
            + "AND EXISTS (SELECT 1 FROM posts p WHERE p.community_id = $1 AND p.author_id = m.actor_id "
            + "AND p.created_at >= $2 AND p.created_at < $3) LIMIT 20").execute(window)
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
    Future<List<Item>> events = pool.preparedQuery("SELECT name, start_time FROM events WHERE community_id = $1 "
            + "AND status = 'confirmed' AND start_time >= $3 AND start_time < $3 + interval '14 days' "
            + "ORDER BY start_time LIMIT 5").execute(window).map(PgDigestStore::items);
    Future<List<Item>> polls = pool.preparedQuery("SELECT question, end_time FROM polls WHERE community_id = $1 "
            + "AND $2::timestamptz IS NOT NULL AND key IS NOT NULL AND closed_at IS NULL "
            + "AND (end_time IS NULL OR end_time > $3) ORDER BY end_time NULLS LAST LIMIT 5")
        .execute(window).map(PgDigestStore::items);
    Future<List<Mover>> movers = pool.preparedQuery("SELECT excerpt, votes, status, object_id FROM board_ideas "
            + "WHERE community_id = $1 AND votes > 0 AND updated_at >= $2 AND updated_at < $3 "
            + "ORDER BY votes DESC, id DESC LIMIT 5").execute(window).map(rows -> {
              List<Mover> out = new ArrayList<>();
              rows.forEach(r -> out.add(new Mover(r.getString(0), r.getInteger(1), r.getString(2), r.getString(3))));
              return out;
            });
    return Future.all(tops, members, posters, events, polls, movers).map(all -> new Facts(tops.result(),
        members.result(), posters.result(), events.result(), polls.result(), movers.result()));
  }

  private static List<Item> items(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Item> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Item(r.getString(0), r.getOffsetDateTime(1))));
    return out;
  }

  private static DigestSettings settings(Row r) {
    return new DigestSettings(r.getBoolean("enabled"), r.getString("frequency"), r.getString("at_time"),
        r.getInteger("weekday"), r.getString("timezone"), r.getOffsetDateTime("enabled_at"));
  }
}
