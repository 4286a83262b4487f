package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import social.hearth.core.domain.RemoteActor;

/** SQL for the remote actor cache. */
public final class ActorStore {

  private static final String COLUMNS =
      "id, type, host, preferred_username, name, inbox, shared_inbox, key_id, public_key_pem, fetched_at, language";

  /** The columns a fetch writes (the language is learned from posts, never from the actor's document). */
  private static final String INSERTED =
      "id, type, host, preferred_username, name, inbox, shared_inbox, key_id, public_key_pem, fetched_at";

  private final Pool pool;

  public ActorStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores a fetched actor (with whether its document says it is suspended); empty when the actor is gone: a gone
   * actor's row is never refreshed, so its keys never come back.
   */
  public Future<Optional<RemoteActor>> upsert(RemoteActor a, String documentJson, boolean suspended) {
    return pool.preparedQuery("INSERT INTO remote_actors (" + INSERTED + ", document, suspended) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10::text::jsonb, $11) "
            + "ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, host = EXCLUDED.host, "
            + "preferred_username = EXCLUDED.preferred_username, name = EXCLUDED.name, inbox = EXCLUDED.inbox, "
            + "shared_inbox = EXCLUDED.shared_inbox, key_id = EXCLUDED.key_id, public_key_pem = EXCLUDED.public_key_pem, "
            + "document = EXCLUDED.document, suspended = EXCLUDED.suspended, fetched_at = now() "
            + "WHERE remote_actors.gone_at IS NULL RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {a.id(), a.type(), a.host(), a.preferredUsername(), a.name(), a.inbox(),
            a.sharedInbox(), a.keyId(), a.publicKeyPem(), documentJson, suspended}))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** A stored actor and whether it is gone (deleted, or its document answered 410). */
  public record Known(RemoteActor actor, boolean gone) {}

  public Future<Optional<Known>> byId(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + ", gone_at IS NOT NULL AS gone FROM remote_actors WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
            .map(r -> new Known(map(r), r.getBoolean("gone"))));
  }

  /**
   * Records that a known actor is gone ({@code reason}: deleted or gone) and drops its keys, in one statement: the
   * trigger {@code remote_actors_stopped} (V13) takes it out of the fan-out and fails its pending deliveries. True
   * when it was not gone before; false also when the actor is unknown (nothing of it is kept to protect).
   */
  public Future<Boolean> markGone(String actorId, String reason) {
    return pool.preparedQuery("WITH g AS (UPDATE remote_actors SET gone_at = now(), gone_reason = $2, key_id = NULL, "
            + "public_key_pem = NULL WHERE id = $1 AND gone_at IS NULL RETURNING id), "
            + "k AS (DELETE FROM remote_keys WHERE owner_id = $1 RETURNING 1) SELECT count(*) FROM g")
        .execute(Tuple.of(actorId, reason))
        .map(rows -> rows.iterator().next().getLong(0) > 0);
  }

  public Future<Optional<RemoteActor>> byKeyId(String keyId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM remote_actors WHERE key_id = $1 ORDER BY fetched_at DESC LIMIT 1")
        .execute(Tuple.of(keyId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** A stored remote key and its owner. */
  public record StoredKey(String keyId, String ownerId, String pem, java.time.OffsetDateTime fetchedAt,
                          boolean ownerGone) {}

  /** Replaces every key of an actor with the ones its document lists now (keys can rotate or disappear). */
  public Future<Void> replaceKeys(String ownerId, java.util.Map<String, String> pemByKeyId) {
    // the actor's row is locked first, so a concurrent markGone either comes after (and drops these keys) or before
    // (and no key of a gone actor is stored)
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT gone_at IS NOT NULL FROM remote_actors WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(ownerId))
        .compose(gone -> tx.preparedQuery("DELETE FROM remote_keys WHERE owner_id = $1").execute(Tuple.of(ownerId))
            .map(gone.size() == 0 || gone.iterator().next().getBoolean(0)))
        .compose(gone -> {
          if (pemByKeyId.isEmpty() || gone) {
            return Future.<Void>succeededFuture();
          }
          java.util.List<Tuple> batch = new java.util.ArrayList<>();
          pemByKeyId.forEach((id, pem) -> batch.add(Tuple.of(id, ownerId, pem)));
          return tx.preparedQuery("INSERT INTO remote_keys (key_id, owner_id, pem) VALUES ($1, $2, $3) "
                  + "ON CONFLICT (key_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, pem = EXCLUDED.pem, fetched_at = now()")
              .executeBatch(batch).<Void>mapEmpty();
        }));
  }

  /** A stored key, with whether its owner is gone (keys of gone actors are dropped; this holds against a race). */
  public Future<Optional<StoredKey>> key(String keyId) {
    return pool.preparedQuery("SELECT k.key_id, k.owner_id, k.pem, k.fetched_at, a.gone_at IS NOT NULL "
            + "FROM remote_keys k JOIN remote_actors a ON a.id = k.owner_id WHERE k.key_id = $1")
        .execute(Tuple.of(keyId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r ->
            new StoredKey(r.getString(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3), r.getBoolean(4))));
  }

  static RemoteActor map(Row r) {
    return new RemoteActor(r.getString("id"), r.getString("type"), r.getString("host"),
        r.getString("preferred_username"), r.getString("name"), r.getString("inbox"), r.getString("shared_inbox"),
        r.getString("key_id"), r.getString("public_key_pem"), r.getOffsetDateTime("fetched_at"), r.getString("language"));
  }

  /**
   * Records the language the actor last wrote in; a statement only when it changed. True when it was stored (the
   * actor is known and the language differs from the one kept).
   */
  public Future<Boolean> setLanguage(String actorId, String language) {
    return pool.preparedQuery("UPDATE remote_actors SET language = $2 WHERE id = $1 AND language IS DISTINCT FROM $2")
        .execute(Tuple.of(actorId, language)).map(rows -> rows.rowCount() > 0);
  }
}
