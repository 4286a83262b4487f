package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.domain.MediaRef;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import social.hearth.core.CoreException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Community;

/** SQL for communities and the instance actor's key. */
public final class PgCommunityStore implements CommunityStore {

  static final String COLUMNS = "id, slug, name, summary, public_key_pem, created_at, announce_likes, hide_followers, join_policy, "
      + "posting_policy, members_may_reply, join_question, welcome_markdown, newcomer_days, reminder_days, ed25519_public, "
      + "archived_at IS NOT NULL AS archived, language, can_quote, visibility";
  /** Only communities that are not deleted are found. */
  private static final String LIVE = " AND deleted_at IS NULL";

  private final Pool pool;

  public PgCommunityStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Community> insert(String slug, String name, String summary, String privatePem, String publicPem,
                                  String edPrivatePem, String edPublicPem) {
    // the name of a deleted community stays taken
    return pool.preparedQuery("INSERT INTO communities (slug, name, summary, private_key_pem, public_key_pem, "
            + "ed25519_private, ed25519_public) SELECT $1, $2, $3, $4, $5, $6, $7 "
            + "WHERE NOT EXISTS (SELECT 1 FROM deleted_communities WHERE slug = $1) RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {slug, name, summary, privatePem, publicPem, edPrivatePem, edPublicPem}))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(CoreException.conflict("the slug '" + slug + "' belonged to a deleted community"))
            : Future.succeededFuture(map(rows.iterator().next())))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? CoreException.conflict("a community with the slug '" + slug + "' already exists") : e));
  }

  public Future<Community> update(Tx tx, long id, Changes c) {
    return PgTx.sql(tx).preparedQuery("UPDATE communities SET name = COALESCE($2, name), summary = COALESCE($3, summary), "
            + "announce_likes = COALESCE($4, announce_likes), hide_followers = COALESCE($5, hide_followers), "
            + "join_policy = COALESCE($6, join_policy), posting_policy = COALESCE($7, posting_policy), "
            + "members_may_reply = COALESCE($8, members_may_reply), "
            + "join_question = CASE WHEN $9::text IS NULL THEN join_question WHEN $9 = '' THEN NULL ELSE $9 END, "
            + "welcome_markdown = COALESCE($10, welcome_markdown), newcomer_days = COALESCE($11, newcomer_days), "
            + "reminder_days = COALESCE($12, reminder_days), language = COALESCE($13, language), "
            + "can_quote = COALESCE($14, can_quote), visibility = COALESCE($15, visibility), updated_at = now(), policies_chosen_at = CASE WHEN "
            + "$6::text IS NULL AND $7::text IS NULL THEN policies_chosen_at ELSE COALESCE(policies_chosen_at, now()) END "
            + "WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {id, c.name(), c.summary(), c.announceLikes(), c.hideFollowers(),
            c.joinPolicy() == null ? null : c.joinPolicy().name().toLowerCase(java.util.Locale.ROOT),
            c.postingPolicy() == null ? null : c.postingPolicy().name().toLowerCase(java.util.Locale.ROOT),
            c.membersMayReply(), c.joinQuestion(), c.welcomeMarkdown(), c.newcomerDays(), c.reminderDays(),
            c.language(), c.canQuote() == null ? null : c.canQuote().name().toLowerCase(java.util.Locale.ROOT),
            c.visibility() == null ? null : c.visibility().name().toLowerCase(java.util.Locale.ROOT)}))
        .map(rows -> map(rows.iterator().next()));
  }

  /** Communities that have no Ed25519 key yet (created before keys were added). */
  public Future<java.util.List<Long>> withoutEd25519() {
    return pool.query("SELECT id FROM communities WHERE ed25519_public IS NULL").execute().map(rows -> {
      java.util.List<Long> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getLong(0)));
      return out;
    });
  }

  public Future<Void> setEd25519(long id, String privatePem, String publicPem) {
    return pool.preparedQuery("UPDATE communities SET ed25519_private = $2, ed25519_public = $3 WHERE id = $1 AND ed25519_public IS NULL")
        .execute(Tuple.of(id, privatePem, publicPem)).mapEmpty();
  }

  /** The instance actor's Ed25519 key pair as {private, public} PEM, if generated. */
  public Future<Optional<String[]>> instanceEd25519() {
    return pool.query("SELECT ed25519_private, ed25519_public FROM instance_actor WHERE id = 1 AND ed25519_public IS NOT NULL")
        .execute().map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new String[] {rows.iterator().next().getString(0), rows.iterator().next().getString(1)}));
  }

  public Future<Void> setInstanceEd25519(String privatePem, String publicPem) {
    return pool.preparedQuery("UPDATE instance_actor SET ed25519_private = $1, ed25519_public = $2 WHERE id = 1 AND ed25519_public IS NULL")
        .execute(Tuple.of(privatePem, publicPem)).mapEmpty();
  }

  public Future<java.util.List<MediaRef>> media(long id) {
    return pool.preparedQuery("SELECT kind, content_type, digest, alt_text FROM community_media WHERE community_id = $1")
        .execute(Tuple.of(id)).map(rows -> {
          java.util.List<MediaRef> out = new ArrayList<>();
          rows.forEach(r -> out.add(new MediaRef(r.getString(0), r.getString(1), r.getString(2), r.getString(3))));
          return out;
        });
  }

  public Future<Optional<String>> webhookSecret(long id) {
    return pool.preparedQuery("SELECT webhook_secret FROM communities WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  public Future<Void> setWebhookSecret(long id, String secret) {
    return pool.preparedQuery("UPDATE communities SET webhook_secret = $2 WHERE id = $1").execute(Tuple.of(id, secret)).mapEmpty();
  }

  public Future<Optional<Community>> bySlug(String slug) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM communities WHERE slug = $1" + LIVE)
        .execute(Tuple.of(slug))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<Optional<Community>> byId(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM communities WHERE id = $1" + LIVE)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<Community>> list(int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM communities WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT $1")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<Community> out = new ArrayList<>();
          rows.forEach(r -> out.add(map(r)));
          return out;
        });
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM communities WHERE deleted_at IS NULL").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<String> privateKeyPem(long communityId) {
    return pool.preparedQuery("SELECT private_key_pem FROM communities WHERE id = $1")
        .execute(Tuple.of(communityId))
        .map(rows -> rows.iterator().next().getString(0));
  }

  @Override
  public Future<Optional<String>> ed25519PrivateKeyPem(long communityId) {
    return pool.preparedQuery("SELECT ed25519_private FROM communities WHERE id = $1")
        .execute(Tuple.of(communityId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  /** The instance actor's key pair as {private, public} PEM, created by {@code generator} on first use. */
  public Future<String[]> instanceKeys(java.util.function.Supplier<Future<String[]>> generator) {
    return pool.query("SELECT private_key_pem, public_key_pem FROM instance_actor WHERE id = 1").execute()
        .compose(rows -> {
          if (rows.size() > 0) {
            Row r = rows.iterator().next();
            return Future.succeededFuture(new String[] {r.getString(0), r.getString(1)});
          }
          return generator.get().compose(pair -> pool.preparedQuery(
                  "INSERT INTO instance_actor (id, private_key_pem, public_key_pem) VALUES (1, $1, $2) "
                      + "ON CONFLICT (id) DO NOTHING")
              .execute(Tuple.of(pair[0], pair[1]))
              .compose(x -> instanceKeys(generator)));
        });
  }

  static Community map(Row r) {
    return new Community(r.getLong("id"), r.getString("slug"), r.getString("name"), r.getString("summary"),
        r.getString("public_key_pem"), r.getOffsetDateTime("created_at"), r.getBoolean("announce_likes"),
        r.getBoolean("hide_followers"), Community.JoinPolicy.valueOf(r.getString("join_policy").toUpperCase(java.util.Locale.ROOT)),
        Community.PostingPolicy.valueOf(r.getString("posting_policy").toUpperCase(java.util.Locale.ROOT)),
        r.getBoolean("members_may_reply"), r.getString("join_question"), r.getString("welcome_markdown"),
        r.getInteger("newcomer_days"), r.getInteger("reminder_days"), r.getString("ed25519_public"),
        r.getBoolean("archived"), r.getString("language"),
        Community.QuotePolicy.valueOf(r.getString("can_quote").toUpperCase(java.util.Locale.ROOT)),
        Community.Visibility.valueOf(r.getString("visibility").toUpperCase(java.util.Locale.ROOT)));
  }

  // ------------------------------------------------------------------ archived and deleted communities

  @Override
  public Future<Community> setArchived(Tx tx, long id, boolean archived) {
    return PgTx.sql(tx).preparedQuery("UPDATE communities SET archived_at = CASE WHEN $2 THEN COALESCE(archived_at, now()) "
            + "END, updated_at = now() WHERE id = $1" + LIVE + " RETURNING " + COLUMNS)
        .execute(Tuple.of(id, archived)).compose(rows -> rows.size() == 0
            ? Future.failedFuture(CoreException.notFound("the community is gone"))
            : Future.succeededFuture(map(rows.iterator().next())));
  }

  @Override
  public Future<Boolean> lockLive(Tx tx, long id) {
    return PgTx.sql(tx).preparedQuery("SELECT 1 FROM communities WHERE id = $1" + LIVE + " FOR UPDATE")
        .execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /**
   * Read through the pending deliveries (a partial index), never all of the community's activities; the community's
   * delivery batches (V61) go too, so that none is expanded into rows when its lease runs out.
   */
  @Override
  public Future<Integer> cancelDeliveries(Tx tx, long id) {
    return PgTx.sql(tx).preparedQuery("WITH b AS (DELETE FROM delivery_batches WHERE community_id = $1 "
            + "RETURNING cardinality(inboxes) AS n), "
            + "d AS (DELETE FROM deliveries d USING activities a WHERE d.state = 'pending' "
            + "AND a.id = d.activity_id AND a.community_id = $1 RETURNING 1) "
            + "SELECT (SELECT COALESCE(sum(n), 0) FROM b) + (SELECT count(*) FROM d)")
        .execute(Tuple.of(id)).map(rows -> (int) (long) rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Void> markDeleted(Tx tx, long id, String slug) {
    var sql = PgTx.sql(tx);
    return sql.preparedQuery("UPDATE communities SET deleted_at = now(), archived_at = COALESCE(archived_at, now()) "
            + "WHERE id = $1").execute(Tuple.of(id))
        .compose(x -> sql.preparedQuery("INSERT INTO deleted_communities (slug) VALUES ($1) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(slug)))
        .compose(x -> sql.preparedQuery("DELETE FROM members WHERE community_id = $1").execute(Tuple.of(id)))
        .compose(x -> sql.preparedQuery("DELETE FROM preapproved WHERE community_id = $1").execute(Tuple.of(id)))
        .compose(x -> sql.preparedQuery("DELETE FROM staff_roles WHERE community_id = $1").execute(Tuple.of(id)))
        .mapEmpty();
  }

  @Override
  public Future<Optional<java.time.OffsetDateTime>> deletedAt(String slug) {
    return pool.preparedQuery("SELECT deleted_at FROM deleted_communities WHERE slug = $1").execute(Tuple.of(slug))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getOffsetDateTime(0)));
  }

  @Override
  public Future<Optional<String>> slugOf(long id) {
    return pool.preparedQuery("SELECT slug FROM communities WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }
}
