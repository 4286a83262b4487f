package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.PostStore;
import social.hearth.core.domain.Post;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for re-shared posts, their likes and the pinned (featured) posts of a community. */
public final class PgPostStore implements PostStore {

  private static final String COLUMNS = "id, community_id, object_id, author_id, type, announce_iri, in_reply_to, deleted_at IS NOT NULL";
  public static final int MAX_FEATURED = 5;

  private final Pool pool;

  public PgPostStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records a re-shared post with its rendering (sanitised HTML, preview, excerpt: made here once, off the event loop,
   * and never per view); empty when this community already has it (or had it and it was deleted).
   */
  public Future<Optional<Long>> insert(Tx tx, long communityId, String objectId, String authorId, String type,
                                       String content, String inReplyTo, String objectJson) {
    return PostRendering.of(content, objectJson).compose(rendered -> PgTx.sql(tx).preparedQuery("INSERT INTO posts "
            + "(community_id, object_id, author_id, type, content, in_reply_to, object, content_html, preview_html, excerpt, "
            + "summary_text, rendered) VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11, $12) "
            + "ON CONFLICT (community_id, object_id) DO NOTHING RETURNING id")
        .execute(PostRendering.add(Tuple.of(communityId, objectId, authorId, type, content, inReplyTo, objectJson), rendered)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  @Override
  public Future<List<Optional<Long>>> insertAll(Tx tx, List<New> posts) {
    List<Future<PostRendering.Columns>> renderings = new ArrayList<>();
    for (New p : posts) {
      renderings.add(PostRendering.of(p.content(), p.objectJson()));
    }
    return Future.all(renderings).compose(all -> {
      int n = posts.size();
      Long[] communities = new Long[n];
      String[][] text = new String[11][n];
      for (int i = 0; i < n; i++) {
        New p = posts.get(i);
        PostRendering.Columns c = all.resultAt(i);
        communities[i] = p.communityId();
        text[0][i] = p.objectId();
        text[1][i] = p.authorId();
        text[2][i] = p.type();
        text[3][i] = p.content();
        text[4][i] = p.inReplyTo();
        text[5][i] = p.objectJson();
        text[6][i] = c.content().html();
        text[7][i] = c.content().truncated() ? c.content().preview() : null;
        text[8][i] = c.content().excerpt();
        text[9][i] = c.summary();
      }
      Tuple args = Tuple.tuple().addArrayOfLong(communities);
      for (int k = 0; k < 10; k++) {
        args.addArrayOfString(text[k]);
      }
      return PgTx.sql(tx).preparedQuery("INSERT INTO posts (community_id, object_id, author_id, type, content, in_reply_to, "
              + "object, content_html, preview_html, excerpt, summary_text, rendered) SELECT c, o, a, t, ct, r, j::jsonb, h, "
              + "pv, e, s, $12 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
              + "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) WITH ORDINALITY "
              + "AS x(c, o, a, t, ct, r, j, h, pv, e, s, n) ORDER BY n "
              + "ON CONFLICT (community_id, object_id) DO NOTHING RETURNING id, community_id, object_id")
          .execute(args.addShort((short) social.hearth.core.text.Html.VERSION)).map(rows -> {
            java.util.Map<String, Long> ids = new java.util.HashMap<>();
            for (Row r : rows) {
              ids.put(r.getLong(1) + " " + r.getString(2), r.getLong(0));
            }
            List<Optional<Long>> out = new ArrayList<>(n);
            for (New p : posts) {
              out.add(Optional.ofNullable(ids.get(p.communityId() + " " + p.objectId())));
            }
            return out;
          });
    });
  }

  @Override
  public Future<Void> membersOnly(Tx tx, long postId) {
    return PgTx.sql(tx).preparedQuery("UPDATE posts SET members_only = true WHERE id = $1").execute(Tuple.of(postId)).mapEmpty();
  }

  public Future<Void> setAnnounce(Tx tx, long postId, String announceIri) {
    return PgTx.sql(tx).preparedQuery("UPDATE posts SET announce_iri = $2 WHERE id = $1").execute(Tuple.of(postId, announceIri)).mapEmpty();
  }

  /** Every live community copy of an object. */
  public Future<List<Post>> byObject(String objectId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM posts WHERE object_id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(objectId)).map(PgPostStore::map);
  }

  public Future<Optional<Post>> inCommunity(long communityId, String objectId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM posts WHERE community_id = $1 AND object_id = $2")
        .execute(Tuple.of(communityId, objectId))
        .map(rows -> map(rows).stream().findFirst());
  }

  /** Live posts by an author, newest first, at most {@code limit}. */
  public Future<List<Post>> byAuthor(String authorId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM posts WHERE author_id = $1 AND deleted_at IS NULL "
            + "ORDER BY id DESC LIMIT $2").execute(Tuple.of(authorId, limit)).map(PgPostStore::map);
  }

  /** Stores an edit with its new rendering. */
  public Future<Void> update(Tx tx, long postId, String content, String objectJson) {
    return PostRendering.of(content, objectJson).compose(rendered -> PgTx.sql(tx).preparedQuery("UPDATE posts SET "
            + "content = $2, object = $3::text::jsonb, updated_at = now(), " + PostRendering.set(4)
            + " WHERE id = $1 AND deleted_at IS NULL").execute(PostRendering.add(Tuple.of(postId, content, objectJson), rendered)))
        .mapEmpty();
  }

  /** Turns the post into a tombstone: content and object dropped, the row kept so the id is never re-shared. */
  public Future<Void> tombstone(Tx tx, long postId) {
    return PgTx.sql(tx).preparedQuery("UPDATE posts SET content = NULL, content_html = NULL, preview_html = NULL, excerpt = NULL, "
            + "summary_text = NULL, object = jsonb_build_object('type', 'Tombstone', 'id', object_id, "
            + "'formerType', type), deleted_at = now() WHERE id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(postId)).mapEmpty();
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM posts WHERE deleted_at IS NULL").execute()
        .map(r -> r.iterator().next().getLong(0));
  }

  // ------------------------------------------------------------------ likes

  public Future<Boolean> insertLike(Tx tx, String likeId, long communityId, String objectId, String actorId) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO likes (like_id, community_id, object_id, actor_id) VALUES ($1, $2, $3, $4) "
            + "ON CONFLICT (like_id) DO NOTHING").execute(Tuple.of(likeId, communityId, objectId, actorId))
        .map(r -> r.rowCount() > 0);
  }

  /** The community of the like that {@link #deleteLike} would remove (the one with that id first), if any. */
  public Future<Optional<Long>> likeCommunity(String likeId, String actorId, String objectId) {
    return pool.preparedQuery("SELECT community_id FROM likes WHERE actor_id = $2 AND (like_id = $1 OR object_id = $3) "
            + "ORDER BY like_id = $1 DESC LIMIT 1")
        .execute(Tuple.of(likeId, actorId, objectId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  /** Removes a like by its id, or by actor and object; returns the community it was in, if any. */
  public Future<Optional<Long>> deleteLike(Tx tx, String likeId, String actorId, String objectId) {
    return PgTx.sql(tx).preparedQuery("DELETE FROM likes WHERE actor_id = $2 AND (like_id = $1 OR object_id = $3) RETURNING community_id")
        .execute(Tuple.of(likeId, actorId, objectId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  // ------------------------------------------------------------------ featured

  public Future<List<String>> featured(long communityId) {
    return featured(PgTx.autoCommit(pool), communityId);
  }

  /** As above, on {@code conn} (a transaction reads through its own connection). */
  public Future<List<String>> featured(Tx conn, long communityId) {
    return PgTx.sql(conn).preparedQuery("SELECT object_id FROM featured WHERE community_id = $1 ORDER BY position, added_at")
        .execute(Tuple.of(communityId))
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }

  /**
   * Pins a post, last; false when it was already pinned. Fails when five are pinned. The community's pins are locked
   * first, so two pins at once cannot both take the last place.
   */
  public Future<Boolean> pin(Tx tx, long communityId, String objectId) {
    return PgTx.sql(tx).preparedQuery("SELECT count(*), coalesce(max(position) + 1, 0), bool_or(object_id = $2) FROM "
            + "(SELECT object_id, position FROM featured WHERE community_id = $1 FOR UPDATE) f")
        .execute(Tuple.of(communityId, objectId))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (Boolean.TRUE.equals(r.getBoolean(2))) {
            return Future.succeededFuture(false);
          }
          if (r.getLong(0) >= MAX_FEATURED) {
            return Future.failedFuture(new IllegalStateException("at most " + MAX_FEATURED + " posts can be pinned"));
          }
          return PgTx.sql(tx).preparedQuery("INSERT INTO featured (community_id, object_id, position) VALUES ($1, $2, $3) "
                  + "ON CONFLICT DO NOTHING RETURNING object_id")
              .execute(Tuple.of(communityId, objectId, r.getInteger(1))).map(inserted -> inserted.size() > 0);
        });
  }

  /** Unpins a post; the pins after it move up one place. */
  public Future<Boolean> unpin(Tx tx, long communityId, String objectId) {
    return PgTx.sql(tx).preparedQuery("WITH gone AS (DELETE FROM featured WHERE community_id = $1 AND object_id = $2 "
            + "RETURNING position), shifted AS (UPDATE featured SET position = position - 1 WHERE community_id = $1 "
            + "AND position > (SELECT position FROM gone) RETURNING 1) SELECT count(*) FROM gone")
        .execute(Tuple.of(communityId, objectId)).map(r -> r.iterator().next().getLong(0) > 0);
  }

  /** Swaps a pinned post with the one before ({@code up}) or after it; false when it has no such neighbour. */
  public Future<Boolean> movePin(Tx tx, long communityId, String objectId, boolean up) {
    return PgTx.sql(tx).preparedQuery("WITH me AS (SELECT position FROM featured WHERE community_id = $1 AND object_id = $2), "
            + "other AS (SELECT object_id, position FROM featured WHERE community_id = $1 AND position = "
            + "(SELECT position FROM me) + $3), "
            + "a AS (UPDATE featured SET position = (SELECT position FROM other) WHERE community_id = $1 AND object_id = $2 "
            + "AND EXISTS (SELECT 1 FROM other) RETURNING 1), "
            + "b AS (UPDATE featured SET position = (SELECT position FROM me) WHERE community_id = $1 AND object_id = "
            + "(SELECT object_id FROM other) RETURNING 1) SELECT (SELECT count(*) FROM a)")
        .execute(Tuple.of(communityId, objectId, up ? -1 : 1)).map(r -> r.iterator().next().getLong(0) > 0);
  }

  private static List<Post> map(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Post> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Post(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
        r.getString(5), r.getString(6), r.getBoolean(7))));
    return out;
  }
}
