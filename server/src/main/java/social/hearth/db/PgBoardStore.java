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
import social.hearth.core.domain.BoardIdea;
import social.hearth.core.port.BoardStore;
import social.hearth.core.port.Tx;

/** SQL for the feedback board (V49). */
public final class PgBoardStore implements BoardStore {

  private static final String COLUMNS = "id, key, community_id, post_id, object_id, author, excerpt, status, comment, "
      + "votes, created_at, updated_at";

  private final Pool pool;

  public PgBoardStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<String>> hashtags(long communityId) {
    return pool.preparedQuery("SELECT hashtags FROM board_settings WHERE community_id = $1")
        .execute(Tuple.of(communityId))
        .map(rows -> rows.size() == 0 ? null : Arrays.asList(rows.iterator().next().getArrayOfStrings(0)));
  }

  @Override
  public Future<Void> setHashtags(long communityId, List<String> hashtags) {
    return pool.preparedQuery("INSERT INTO board_settings (community_id, hashtags) VALUES ($1, $2) "
            + "ON CONFLICT (community_id) DO UPDATE SET hashtags = EXCLUDED.hashtags")
        .execute(Tuple.tuple().addLong(communityId).addArrayOfString(hashtags.toArray(new String[0]))).mapEmpty();
  }

  @Override
  public Future<Optional<BoardIdea>> add(Tx tx, String key, long communityId, long postId, String objectId,
                                         String author, String excerpt) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO board_ideas (key, community_id, post_id, object_id, author, excerpt) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (community_id, object_id) DO NOTHING RETURNING " + COLUMNS)
        .execute(Tuple.of(key, communityId, postId, objectId, author, excerpt))
        .map(rows -> map(rows).stream().findFirst());
  }

  @Override
  public Future<Boolean> vote(Tx tx, long communityId, String objectId, String voter, int value, String activity) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO board_votes (idea_id, voter, value, activity) SELECT id, $3, $4, $5 "
            + "FROM board_ideas WHERE community_id = $1 AND object_id = $2 AND author <> $3 "
            + "ON CONFLICT (idea_id, voter) DO UPDATE SET value = EXCLUDED.value, activity = EXCLUDED.activity "
            + "RETURNING idea_id")
        .execute(Tuple.of(communityId, objectId, voter, (short) value, activity))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Integer> withdrawAgainst(Tx tx, String voter, String activity, String objectId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM board_votes v USING board_ideas i WHERE v.idea_id = i.id AND v.voter = $1 "
            + "AND v.value = -1 AND (v.activity = $2 OR i.object_id = $3) RETURNING v.idea_id")
        .execute(Tuple.of(voter, activity, objectId)).map(rows -> rows.size());
  }

  @Override
  public Future<List<Long>> communitiesWith(String objectId) {
    return pool.preparedQuery("SELECT community_id FROM board_ideas WHERE object_id = $1").execute(Tuple.of(objectId))
        .map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  @Override
  public Future<List<BoardIdea>> list(long communityId, BoardIdea.Status status, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM board_ideas WHERE community_id = $1 "
            + "AND ($2::text IS NULL OR status = $2) ORDER BY votes DESC, id DESC LIMIT $3")
        .execute(Tuple.of(communityId, status == null ? null : status.wire(), limit)).map(PgBoardStore::map);
  }

  @Override
  public Future<Optional<BoardIdea>> byKey(long communityId, String key) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM board_ideas WHERE community_id = $1 AND key = $2")
        .execute(Tuple.of(communityId, key)).map(rows -> map(rows).stream().findFirst());
  }

  @Override
  public Future<BoardIdea> setStatus(Tx tx, long ideaId, BoardIdea.Status status, String comment) {
    return PgTx.sql(tx).preparedQuery("UPDATE board_ideas SET status = $2, comment = $3, updated_at = now() "
            + "WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(ideaId, status.wire(), comment)).map(rows -> map(rows).get(0));
  }

  @Override
  public Future<List<String>> voters(long ideaId) {
    return pool.preparedQuery("SELECT voter FROM board_votes WHERE idea_id = $1 AND value > 0 ORDER BY voter LIMIT 1000")
        .execute(Tuple.of(ideaId)).map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  @Override
  public Future<Void> addReply(Tx tx, long ideaId, String iri, String json) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO board_replies (iri, idea_id, json) VALUES ($1, $2, $3)")
        .execute(Tuple.of(iri, ideaId, json)).mapEmpty();
  }

  @Override
  public Future<Optional<String>> reply(String iri) {
    return pool.preparedQuery("SELECT json FROM board_replies WHERE iri = $1").execute(Tuple.of(iri))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  private static List<BoardIdea> map(RowSet<Row> rows) {
    List<BoardIdea> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new BoardIdea(r.getLong("id"), r.getString("key"), r.getLong("community_id"), r.getLong("post_id"),
          r.getString("object_id"), r.getString("author"), r.getString("excerpt"),
          BoardIdea.Status.parse(r.getString("status")), r.getString("comment"), r.getInteger("votes"),
          r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at")));
    }
    return out;
  }
}
