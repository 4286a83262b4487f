package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Image;
import social.hearth.core.domain.PostBody;
import social.hearth.core.domain.PostImage;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.core.port.Tx;

/** Posts written in Hearth ({@code authored_posts}) and their images ({@code authored_media}). */
public final class PgAuthoredPostStore implements AuthoredPostStore {

  private static final String COLUMNS = "id, key, community_id, author_username, iri, markdown, summary, language, "
      + "content_html, hashtags::text, mentions::text, pin, state, publish_at, post_id, schedule_id, created_by, "
      + "created_at, published_at, updated_at, last_error, visibility";

  private final Pool pool;

  public PgAuthoredPostStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<AuthoredPost>> insert(Tx tx, NewPost p) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO authored_posts (key, community_id, author_username, iri, markdown, "
            + "summary, language, content_html, hashtags, mentions, pin, state, publish_at, schedule_id, created_by, visibility) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10::text::jsonb, $11, $12, $13, $14, $15, $16) "
            + "ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
        .execute(Tuple.tuple().addString(p.key()).addLong(p.communityId()).addString(p.author()).addString(p.iri())
            .addString(p.markdown()).addString(p.summary()).addString(p.language()).addString(p.body().html())
            .addString(tags(p.body())).addString(mentions(p.body())).addBoolean(p.pin())
            .addString(p.state().name().toLowerCase(Locale.ROOT)).addOffsetDateTime(p.publishAt())
            .addLong(p.scheduleId()).addString(p.createdBy()).addString(p.membersOnly() ? "members" : "public"))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(post(rows.iterator().next(), List.of())));
  }

  @Override
  public Future<Optional<AuthoredPost>> byKey(long communityId, String key) {
    return one("SELECT " + COLUMNS + " FROM authored_posts WHERE community_id = $1 AND key = $2",
        Tuple.of(communityId, key));
  }

  @Override
  public Future<Optional<AuthoredPost>> byIri(String iri) {
    return one("SELECT " + COLUMNS + " FROM authored_posts WHERE iri = $1", Tuple.of(iri));
  }

  private Future<Optional<AuthoredPost>> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).compose(this::withImages).map(list -> list.stream().findFirst());
  }

  @Override
  public Future<List<AuthoredPost>> list(long communityId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM authored_posts WHERE community_id = $1 AND state <> 'deleted' "
            + "ORDER BY coalesce(published_at, publish_at, created_at) DESC, id DESC LIMIT $2")
        .execute(Tuple.of(communityId, limit)).compose(this::withImages);
  }

  @Override
  public Future<Void> edit(Tx tx, long id, Edit e) {
    return PgTx.sql(tx).preparedQuery("UPDATE authored_posts SET author_username = $2, markdown = $3, summary = $4, "
            + "language = $5, content_html = $6, hashtags = $7::text::jsonb, mentions = $8::text::jsonb, pin = $9, "
            + "publish_at = $10, updated_at = now() WHERE id = $1")
        .execute(Tuple.tuple().addLong(id).addString(e.author()).addString(e.markdown()).addString(e.summary())
            .addString(e.language()).addString(e.body().html()).addString(tags(e.body())).addString(mentions(e.body()))
            .addBoolean(e.pin()).addOffsetDateTime(e.publishAt()))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> published(Tx tx, long id, long postId, UUID claim) {
    return PgTx.sql(tx).preparedQuery("UPDATE authored_posts SET state = 'published', post_id = $2, published_at = now(), "
            + "claim_token = NULL, claimed_until = NULL, last_error = NULL WHERE id = $1 AND (($3::uuid IS NULL AND "
            + "state = 'publishing') OR (state = 'publishing' AND claim_token = $3::uuid))")
        .execute(Tuple.of(id, postId, claim)).map(r -> r.rowCount() == 1);
  }

  @Override
  public Future<Void> deleted(Tx tx, long id) {
    return PgTx.sql(tx).preparedQuery("UPDATE authored_posts SET state = 'deleted', deleted_at = now(), pin = false, "
            + "claim_token = NULL WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
  }

  /**
   * One statement: rows due (scheduled and due, or claimed by a node whose lease ran out) are locked with
   * {@code SKIP LOCKED}, so two nodes claiming at once take different rows, and get this claim's token.
   */
  @Override
  public Future<List<AuthoredPost>> claimDue(int limit, Duration lease, UUID claim) {
    return pool.preparedQuery("UPDATE authored_posts SET state = 'publishing', claim_token = $2, "
            + "claimed_until = now() + $3 * interval '1 millisecond', attempts = attempts + 1 "
            + "WHERE id IN (SELECT id FROM authored_posts WHERE (state = 'scheduled' AND publish_at <= now()) "
            + "OR (state = 'publishing' AND claimed_until < now()) ORDER BY publish_at, id LIMIT $1 "
            + "FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
        .execute(Tuple.of(limit, claim, lease.toMillis())).compose(this::withImages);
  }

  @Override
  public Future<Void> attemptFailed(long id, UUID claim, String error, Duration retryIn, int maxAttempts) {
    return pool.preparedQuery("UPDATE authored_posts SET last_error = left($3, 500), claimed_until = now() + "
            + "$4 * interval '1 millisecond', state = CASE WHEN attempts >= $5 THEN 'failed' ELSE state END "
            + "WHERE id = $1 AND claim_token = $2 AND state = 'publishing'")
        .execute(Tuple.of(id, claim, error, retryIn.toMillis(), maxAttempts)).mapEmpty();
  }

  // ------------------------------------------------------------------ images

  @Override
  public Future<Void> storeImage(long communityId, String key, String contentType, byte[] bytes, int width, int height) {
    return pool.preparedQuery("INSERT INTO authored_media (key, community_id, content_type, bytes, width, height) "
            + "VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(key, communityId, contentType, Buffer.buffer(bytes), width, height)).mapEmpty();
  }

  @Override
  public Future<List<PostImage>> usable(long communityId, Long postId, List<String> keys) {
    return pool.preparedQuery("SELECT key, content_type, width, height, alt_text FROM authored_media WHERE "
            + "community_id = $1 AND key = ANY($2) AND (post_id IS NULL OR post_id = $3)")
        .execute(Tuple.tuple().addLong(communityId).addArrayOfString(keys.toArray(new String[0])).addLong(postId))
        .map(rows -> {
          Map<String, PostImage> found = new HashMap<>();
          rows.forEach(r -> found.put(r.getString(0), image(r)));
          List<PostImage> out = new ArrayList<>();
          keys.stream().distinct().filter(found::containsKey).forEach(k -> out.add(found.get(k)));
          return out;
        });
  }

  @Override
  public Future<Void> setImages(Tx tx, long postId, long communityId, List<PostImage> images) {
    String[] keys = images.stream().map(PostImage::key).toArray(String[]::new);
    String[] alts = images.stream().map(i -> i.alt() == null ? "" : i.alt()).toArray(String[]::new);
    return PgTx.sql(tx).preparedQuery("DELETE FROM authored_media WHERE post_id = $1 AND key <> ALL($2)")
        .execute(Tuple.tuple().addLong(postId).addArrayOfString(keys))
        .compose(v -> PgTx.sql(tx).preparedQuery("UPDATE authored_media m SET post_id = $1, position = u.pos - 1, "
                + "alt_text = u.alt FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS u(key, alt, pos) "
                + "WHERE m.key = u.key AND m.community_id = $2")
            .execute(Tuple.tuple().addLong(postId).addLong(communityId).addArrayOfString(keys).addArrayOfString(alts)))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Image>> image(long communityId, String key) {
    return pool.preparedQuery("SELECT content_type, bytes, key, alt_text FROM authored_media WHERE community_id = $1 "
            + "AND key = $2").execute(Tuple.of(communityId, key))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r ->
            new Image(r.getString(0), r.getBuffer(1).getBytes(), r.getString(2), r.getString(3))));
  }

  @Override
  public Future<Integer> purgeUnattached(Duration age) {
    return pool.preparedQuery("DELETE FROM authored_media WHERE key IN (SELECT key FROM authored_media WHERE post_id "
            + "IS NULL AND created_at < now() - $1 * interval '1 millisecond' LIMIT 1000)")
        .execute(Tuple.of(age.toMillis())).map(RowSet::rowCount);
  }

  // ------------------------------------------------------------------ mapping

  /** The rows' posts, each with its images (one more statement for all of them). */
  private Future<List<AuthoredPost>> withImages(RowSet<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    if (list.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Long[] ids = list.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
    return pool.preparedQuery("SELECT post_id, key, content_type, width, height, alt_text FROM authored_media "
            + "WHERE post_id = ANY($1) ORDER BY post_id, position").execute(Tuple.tuple().addArrayOfLong(ids))
        .map(media -> {
          Map<Long, List<PostImage>> byPost = new HashMap<>();
          media.forEach(m -> byPost.computeIfAbsent(m.getLong(0), k -> new ArrayList<>())
              .add(new PostImage(m.getString(1), m.getString(2), m.getInteger(3), m.getInteger(4), m.getString(5))));
          return list.stream().map(r -> post(r, byPost.getOrDefault(r.getLong("id"), List.of()))).toList();
        });
  }

  private static PostImage image(Row r) {
    return new PostImage(r.getString(0), r.getString(1), r.getInteger(2), r.getInteger(3), r.getString(4));
  }

  static AuthoredPost post(Row r, List<PostImage> images) {
    return new AuthoredPost(r.getLong("id"), r.getString("key"), r.getLong("community_id"),
        r.getString("author_username"), r.getString("iri"), r.getString("markdown"), r.getString("summary"),
        r.getString("language"), body(r.getString("content_html"), r.getString("hashtags"), r.getString("mentions")),
        r.getBoolean("pin"), AuthoredPost.State.valueOf(r.getString("state").toUpperCase(Locale.ROOT)),
        r.getOffsetDateTime("publish_at"), r.getLong("post_id"), r.getLong("schedule_id"), images,
        r.getString("created_by"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("published_at"),
        r.getOffsetDateTime("updated_at"), r.getString("last_error"), "members".equals(r.getString("visibility")));
  }

  static PostBody body(String html, String hashtags, String mentions) {
    List<String> tags = new ArrayList<>();
    new JsonArray(hashtags).forEach(t -> tags.add(String.valueOf(t)));
    List<PostBody.Mention> named = new ArrayList<>();
    new JsonArray(mentions).forEach(o -> {
      JsonObject m = (JsonObject) o;
      named.add(new PostBody.Mention(m.getString("id"), m.getString("handle"), m.getString("url"), m.getString("inbox"),
          m.getString("host")));
    });
    return new PostBody(html, tags, named);
  }

  static String tags(PostBody body) {
    return new JsonArray(new ArrayList<>(body.hashtags())).encode();
  }

  static String mentions(PostBody body) {
    JsonArray out = new JsonArray();
    body.mentions().forEach(m -> out.add(new JsonObject().put("id", m.id()).put("handle", m.handle()).put("url", m.url())
        .put("inbox", m.inbox()).put("host", m.host())));
    return out.encode();
  }
}
