package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Poll;
import social.hearth.core.port.PollStore;
import social.hearth.core.port.Tx;

/** SQL for polls and their votes (V42). */
public final class PgPollStore implements PollStore {

  private static final String COLUMNS = "id, iri, key, community_id, author_username, question, options, votes, "
      + "multiple, members_only, voters, end_time, closed_at, post_id, created_by, created_at";

  private final Pool pool;

  public PgPollStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Poll> insert(Tx tx, NewPoll p) {
    Integer[] zero = new Integer[p.options().size()];
    Arrays.fill(zero, 0);
    return PgTx.sql(tx).preparedQuery("INSERT INTO polls (key, iri, community_id, author_username, question, options, "
            + "votes, multiple, members_only, end_time, post_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
            + "$10, $11, $12) RETURNING " + COLUMNS)
        .execute(Tuple.tuple().addString(p.key()).addString(p.iri()).addLong(p.communityId()).addString(p.author())
            .addString(p.question()).addArrayOfString(p.options().toArray(new String[0])).addArrayOfInteger(zero)
            .addBoolean(p.multiple()).addBoolean(p.membersOnly()).addOffsetDateTime(p.endTime()).addLong(p.postId())
            .addString(p.createdBy()))
        .map(rows -> map(rows).get(0));
  }

  @Override
  public Future<Optional<Poll>> byKey(long communityId, String key) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM polls WHERE community_id = $1 AND key = $2")
        .execute(Tuple.of(communityId, key)).map(rows -> map(rows).stream().findFirst());
  }

  @Override
  public Future<Optional<Poll>> byIri(String iri) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM polls WHERE iri = $1")
        .execute(Tuple.of(iri)).map(rows -> map(rows).stream().findFirst());
  }

  @Override
  public Future<List<Poll>> byIris(List<String> iris) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM polls WHERE iri = ANY($1)")
        .execute(Tuple.of(iris.toArray(new String[0]))).map(PgPollStore::map);
  }

  @Override
  public Future<List<Poll>> list(long communityId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM polls WHERE community_id = $1 AND key IS NOT NULL "
        + "ORDER BY id DESC LIMIT $2").execute(Tuple.of(communityId, limit)).map(PgPollStore::map);
  }

  @Override
  public Future<Boolean> vote(Tx tx, long pollId, String voter, int choice, boolean multiple, String activityId,
                              String inbox, String host, OffsetDateTime now) {
    // the insert counts only while the poll is open; the poll's row lock orders concurrent votes on it
    return PgTx.sql(tx).preparedQuery("WITH ins AS (INSERT INTO poll_votes (poll_id, voter, slot, choice, activity_id, "
            + "inbox, host) SELECT id, $2, $3, $4, $5, $6, $7 FROM polls WHERE id = $1 AND closed_at IS NULL "
            + "AND (end_time IS NULL OR end_time > $8) ON CONFLICT DO NOTHING RETURNING voter) "
            + "UPDATE polls SET votes[$4 + 1] = votes[$4 + 1] + 1, voters = voters + CASE WHEN EXISTS "
            + "(SELECT 1 FROM poll_votes WHERE poll_id = $1 AND voter = $2) THEN 0 ELSE 1 END, dirty = true, "
            + "updated_at = $8 WHERE id = $1 AND EXISTS (SELECT 1 FROM ins) RETURNING id")
        .execute(Tuple.tuple().addLong(pollId).addString(voter).addInteger(multiple ? choice : 0).addInteger(choice)
            .addString(activityId).addString(inbox).addString(host).addOffsetDateTime(now))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<List<Poll>> claimDirty(Tx tx, Duration every, OffsetDateTime now, int limit) {
    return PgTx.sql(tx).preparedQuery("UPDATE polls SET dirty = false, sent_at = $1 WHERE id IN (SELECT id FROM polls "
            + "WHERE dirty AND key IS NOT NULL AND (sent_at IS NULL OR sent_at <= $2) ORDER BY sent_at NULLS FIRST "
            + "LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
        .execute(Tuple.of(now, now.minus(every), limit)).map(PgPollStore::map);
  }

  @Override
  public Future<List<Poll>> claimEnded(Tx tx, OffsetDateTime now, int limit) {
    return PgTx.sql(tx).preparedQuery("UPDATE polls SET closed_at = end_time, dirty = false, sent_at = $1 WHERE id IN "
            + "(SELECT id FROM polls WHERE key IS NOT NULL AND closed_at IS NULL AND end_time <= $1 ORDER BY end_time "
            + "LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
        .execute(Tuple.of(now, limit)).map(PgPollStore::map);
  }

  @Override
  public Future<List<Voter>> outsideVoters(long pollId, long communityId) {
    return pool.preparedQuery("SELECT DISTINCT ON (v.voter) v.voter, v.inbox, v.host FROM poll_votes v "
            + "WHERE v.poll_id = $1 AND v.inbox IS NOT NULL AND NOT EXISTS (SELECT 1 FROM members m "
            + "WHERE m.community_id = $2 AND m.actor_id = v.voter AND m.state = 'accepted')")
        .execute(Tuple.of(pollId, communityId)).map(rows -> {
          List<Voter> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Voter(r.getString(0), r.getString(1), r.getString(2))));
          return out;
        });
  }

  @Override
  public Future<Void> upsertRemote(Poll p) {
    return pool.preparedQuery("INSERT INTO polls (iri, question, options, votes, multiple, voters, end_time, closed_at, "
            + "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT (iri) DO UPDATE SET "
            + "question = EXCLUDED.question, options = EXCLUDED.options, votes = EXCLUDED.votes, "
            + "multiple = EXCLUDED.multiple, voters = EXCLUDED.voters, end_time = EXCLUDED.end_time, "
            + "closed_at = EXCLUDED.closed_at, updated_at = now() WHERE polls.key IS NULL")
        .execute(Tuple.tuple().addString(p.iri()).addString(p.question())
            .addArrayOfString(p.options().toArray(new String[0])).addArrayOfInteger(p.votes().toArray(new Integer[0]))
            .addBoolean(p.multiple()).addInteger(p.voters()).addOffsetDateTime(p.endTime())
            .addOffsetDateTime(p.closedAt()))
        .mapEmpty();
  }

  private static List<Poll> map(RowSet<Row> rows) {
    List<Poll> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new Poll(r.getLong("id"), r.getString("iri"), r.getString("key"), r.getLong("community_id"),
          r.getString("author_username"), r.getString("question"), Arrays.asList(r.getArrayOfStrings("options")),
          Arrays.asList(r.getArrayOfIntegers("votes")), r.getBoolean("multiple"), r.getBoolean("members_only"),
          r.getInteger("voters"), r.getOffsetDateTime("end_time"), r.getOffsetDateTime("closed_at"),
          r.getLong("post_id"), r.getString("created_by"), r.getOffsetDateTime("created_at")));
    }
    return out;
  }
}
