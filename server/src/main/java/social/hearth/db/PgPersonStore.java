package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Image;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.port.PersonStore;
import social.hearth.core.port.Tx;

/** Staff accounts as Persons: {@code accounts} (profile, keys), {@code account_avatars}, {@code person_followers}. */
public final class PgPersonStore implements PersonStore {

  private static final String PROFILE = "SELECT a.id, a.username, a.display_name, a.bio, a.bio_html, a.public_key, "
      + "a.ed25519_public, a.created_at, a.profile_updated_at, m.content_type, m.digest, m.alt_text FROM accounts a "
      + "LEFT JOIN account_avatars m ON m.account_id = a.id WHERE ";
  private static final String KEYS = "username, private_key, public_key, ed25519_private, ed25519_public";

  private final Pool pool;

  public PgPersonStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<StaffProfile>> profile(String username) {
    return pool.preparedQuery(PROFILE + "a.username = $1").execute(Tuple.of(username)).map(PgPersonStore::profile);
  }

  @Override
  public Future<Optional<StaffProfile>> profile(long accountId) {
    return pool.preparedQuery(PROFILE + "a.id = $1").execute(Tuple.of(accountId)).map(PgPersonStore::profile);
  }

  private static Optional<StaffProfile> profile(io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    MediaRef avatar = r.getString(9) == null ? null : new MediaRef("avatar", r.getString(9), r.getString(10), r.getString(11));
    return Optional.of(new StaffProfile(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        avatar, r.getString(5), r.getString(6), r.getOffsetDateTime(7), r.getOffsetDateTime(8)));
  }

  @Override
  public Future<Void> saveProfile(Tx tx, long accountId, String displayName, String bio, String bioHtml, Avatar avatar,
                                  boolean removeAvatar, String alt) {
    var sql = PgTx.sql(tx);
    Future<?> text = sql.preparedQuery("UPDATE accounts SET display_name = $2, bio = $3, bio_html = $4, "
        + "profile_updated_at = now() WHERE id = $1").execute(Tuple.of(accountId, displayName, bio, bioHtml));
    return text.compose(v -> {
      if (removeAvatar) {
        return sql.preparedQuery("DELETE FROM account_avatars WHERE account_id = $1").execute(Tuple.of(accountId));
      }
      if (avatar != null) {
        return sql.preparedQuery("INSERT INTO account_avatars (account_id, content_type, bytes, digest, alt_text) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id) DO UPDATE SET content_type = EXCLUDED.content_type, "
                + "bytes = EXCLUDED.bytes, digest = EXCLUDED.digest, alt_text = EXCLUDED.alt_text, updated_at = now()")
            .execute(Tuple.of(accountId, avatar.contentType(), Buffer.buffer(avatar.bytes()), avatar.digest(),
                alt == null ? "" : alt));
      }
      return sql.preparedQuery("UPDATE account_avatars SET alt_text = $2 WHERE account_id = $1")
          .execute(Tuple.of(accountId, alt == null ? "" : alt));
    }).mapEmpty();
  }

  @Override
  public Future<Optional<Image>> avatar(String username) {
    return pool.preparedQuery("SELECT m.content_type, m.bytes, m.digest, m.alt_text FROM account_avatars m "
            + "JOIN accounts a ON a.id = m.account_id WHERE a.username = $1").execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
            .map(r -> new Image(r.getString(0), r.getBuffer(1).getBytes(), r.getString(2), r.getString(3))));
  }

  @Override
  public Future<Optional<KeySet>> keys(long accountId) {
    return pool.preparedQuery("SELECT " + KEYS + " FROM accounts WHERE id = $1").execute(Tuple.of(accountId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(keySet(rows.iterator().next())));
  }

  @Override
  public Future<KeySet> completeKeys(long accountId, KeySet generated) {
    // a pair is written only where that pair is still missing: the first node to store its keys wins
    return pool.preparedQuery("UPDATE accounts SET "
            + "private_key = CASE WHEN (private_key IS NULL OR public_key IS NULL) AND $2::text IS NOT NULL THEN $2 ELSE private_key END, "
            + "public_key = CASE WHEN (private_key IS NULL OR public_key IS NULL) AND $2::text IS NOT NULL THEN $3 ELSE public_key END, "
            + "ed25519_private = CASE WHEN (ed25519_private IS NULL OR ed25519_public IS NULL) AND $4::text IS NOT NULL "
            + "THEN $4 ELSE ed25519_private END, "
            + "ed25519_public = CASE WHEN (ed25519_private IS NULL OR ed25519_public IS NULL) AND $4::text IS NOT NULL "
            + "THEN $5 ELSE ed25519_public END WHERE id = $1 RETURNING " + KEYS)
        .execute(Tuple.of(accountId, generated.rsaPrivate(), generated.rsaPublic(), generated.ed25519Private(),
            generated.ed25519Public()))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(new IllegalStateException("account " + accountId + " is gone"))
            : Future.succeededFuture(keySet(rows.iterator().next())));
  }

  private static KeySet keySet(Row r) {
    return new KeySet(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
  }

  @Override
  public Future<Void> follow(Tx tx, long accountId, String actorId, String followId) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO person_followers (account_id, actor_id, follow_id) VALUES ($1, $2, $3) "
            + "ON CONFLICT (account_id, actor_id) DO UPDATE SET follow_id = EXCLUDED.follow_id")
        .execute(Tuple.of(accountId, actorId, followId)).mapEmpty();
  }

  @Override
  public Future<Boolean> unfollow(long accountId, String actorId) {
    return pool.preparedQuery("DELETE FROM person_followers WHERE account_id = $1 AND actor_id = $2")
        .execute(Tuple.of(accountId, actorId)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Boolean> unfollowByFollowId(String actorId, String followId) {
    return pool.preparedQuery("DELETE FROM person_followers WHERE actor_id = $1 AND follow_id = $2")
        .execute(Tuple.of(actorId, followId)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Long> followerCount(long accountId) {
    return pool.preparedQuery("SELECT count(*) FROM person_followers WHERE account_id = $1").execute(Tuple.of(accountId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<List<Role>> roles(long accountId) {
    return pool.preparedQuery("SELECT c.slug, c.name, s.role FROM staff_roles s JOIN communities c ON c.id = s.community_id "
            + "WHERE s.account_id = $1 ORDER BY lower(c.name), c.slug").execute(Tuple.of(accountId))
        .map(rows -> {
          List<Role> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Role(r.getString(0), r.getString(1), r.getString(2))));
          return out;
        });
  }

  @Override
  public Future<Optional<String>> authorOf(String objectId) {
    return pool.preparedQuery("SELECT a.username FROM activities t JOIN accounts a ON a.id = t.account_id "
            + "WHERE t.object_id = $1 AND t.account_id IS NOT NULL AND t.type = 'Create' LIMIT 1")
        .execute(Tuple.of(objectId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  @Override
  public Future<Long> outboxCount(long accountId) {
    return pool.preparedQuery("SELECT count(*) FROM activities WHERE account_id = $1 AND in_outbox")
        .execute(Tuple.of(accountId)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<List<String>> outboxPage(long accountId, int offset, int limit) {
    return pool.preparedQuery("SELECT body::text FROM activities WHERE account_id = $1 AND in_outbox "
            + "ORDER BY id DESC OFFSET $2 LIMIT $3").execute(Tuple.of(accountId, offset, limit))
        .map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
  }
}
