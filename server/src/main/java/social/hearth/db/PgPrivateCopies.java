package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import social.hearth.core.port.Tx;

/**
 * SQL for the community's own copies of members' posts in a private community (issue 17): what a copy is made of,
 * the copy kept with the post, and its deliveries to the servers of the current members only.
 */
public final class PgPrivateCopies {

  /**
   * What the copy of a post is made of, read in the transaction that sends it.
   *
   * @param contentHtml the post's sanitised HTML (rendered when it was stored or edited)
   * @param authorName the author's {@code preferredUsername}, or null when not known
   * @param authorUrl the author's profile address ({@code url} of their actor when it is an http(s) string), or null
   * @param parentCopy the id of the post it replies to in the same community when that post has a copy, or null
   * @param copy the copy as last sent, or null when none was made
   */
  public record Source(long postId, long communityId, String objectId, String authorId, String contentHtml,
                       String summary, String objectJson, String inReplyTo, String authorName, String authorHost,
                       String authorUrl, Long parentCopy, String copy) {}

  private final Pool pool;

  public PgPrivateCopies(Pool pool) {
    this.pool = pool;
  }

  /** The post with what its copy needs, read through the transaction's connection. */
  public Future<Optional<Source>> source(Tx tx, long postId) {
    return PgTx.sql(tx).preparedQuery("SELECT p.id, p.community_id, p.object_id, p.author_id, p.content_html, "
            + "p.summary_text, p.object::text AS object, p.in_reply_to, a.preferred_username, a.host, "
            + "CASE WHEN jsonb_typeof(a.document->'url') = 'string' THEN a.document->>'url' END AS url, "
            + "(SELECT q.id FROM posts q WHERE q.community_id = p.community_id AND q.object_id = p.in_reply_to "
            + "AND q.copy IS NOT NULL) AS parent, p.copy::text AS copy "
            + "FROM posts p LEFT JOIN remote_actors a ON a.id = p.author_id WHERE p.id = $1")
        .execute(Tuple.of(postId)).map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Source(r.getLong("id"), r.getLong("community_id"), r.getString("object_id"),
              r.getString("author_id"), r.getString("content_html"), r.getString("summary_text"), r.getString("object"),
              r.getString("in_reply_to"), r.getString("preferred_username"), r.getString("host"), r.getString("url"),
              r.getLong("parent"), r.getString("copy")));
        });
  }

  /** Keeps the copy as sent (or its Tombstone), and marks the post as for members only. */
  public Future<Void> store(Tx tx, long postId, String copyJson) {
    return PgTx.sql(tx).preparedQuery("UPDATE posts SET copy = $2::text::jsonb, members_only = true WHERE id = $1")
        .execute(Tuple.of(postId, copyJson)).mapEmpty();
  }

  /**
   * Queues the activity to every distinct (shared) inbox of the community's current members: accepted, not expired,
   * still delivered to, not on this server. Returns the number of deliveries queued.
   */
  public Future<Integer> enqueueToMembers(Tx tx, long activityId, long communityId, String localOriginPrefix) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO deliveries (activity_id, inbox, host) "
            + "SELECT DISTINCT $1::bigint, delivery_inbox, delivery_host FROM members WHERE community_id = $2 "
            + "AND state = 'accepted' AND NOT delivery_stopped AND (expires_at IS NULL OR expires_at > now()) "
            + "AND delivery_inbox NOT LIKE $3 ON CONFLICT DO NOTHING")
        .execute(Tuple.of(activityId, communityId, localOriginPrefix + "%")).map(r -> r.rowCount());
  }

  /** The copy of a post of the community as last sent (a Note, or a Tombstone once deleted), if one was made. */
  public Future<Optional<String>> copy(long communityId, long postId) {
    return pool.preparedQuery("SELECT copy::text FROM posts WHERE id = $1 AND community_id = $2 AND copy IS NOT NULL")
        .execute(Tuple.of(postId, communityId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** The original post's IRI behind a copy (a live one), if the post has a copy. */
  public Future<Optional<String>> original(long postId) {
    return pool.preparedQuery("SELECT object_id FROM posts WHERE id = $1 AND copy IS NOT NULL AND deleted_at IS NULL")
        .execute(Tuple.of(postId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }
}
