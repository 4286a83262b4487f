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
      "id, type, host, preferred_username, name, inbox, shared_inbox, key_id, public_key_pem, fetched_at";

  private final Pool pool;

  public ActorStore(Pool pool) {
    this.pool = pool;
  }

  public Future<RemoteActor> upsert(RemoteActor a, String documentJson) {
    return pool.preparedQuery("INSERT INTO remote_actors (" + COLUMNS + ", document) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10::text::jsonb) "
            + "ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, host = EXCLUDED.host, "
            + "preferred_username = EXCLUDED.preferred_username, name = EXCLUDED.name, inbox = EXCLUDED.inbox, "
            + "shared_inbox = EXCLUDED.shared_inbox, key_id = EXCLUDED.key_id, public_key_pem = EXCLUDED.public_key_pem, "
            + "document = EXCLUDED.document, fetched_at = now() RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {a.id(), a.type(), a.host(), a.preferredUsername(), a.name(), a.inbox(),
            a.sharedInbox(), a.keyId(), a.publicKeyPem(), documentJson}))
        .map(rows -> map(rows.iterator().next()));
  }

  public Future<Optional<RemoteActor>> byId(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM remote_actors WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<Optional<RemoteActor>> byKeyId(String keyId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM remote_actors WHERE key_id = $1 ORDER BY fetched_at DESC LIMIT 1")
        .execute(Tuple.of(keyId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** A stored remote key and its owner. */
  public record StoredKey(String keyId, String ownerId, String pem, java.time.OffsetDateTime fetchedAt) {}

  /** Replaces every key of an actor with the ones its document lists now (keys can rotate or disappear). */
  public Future<Void> replaceKeys(String ownerId, java.util.Map<String, String> pemByKeyId) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM remote_keys WHERE owner_id = $1").execute(Tuple.of(ownerId))
        .compose(x -> {
          if (pemByKeyId.isEmpty()) {
            return Future.<Void>succeededFuture();
          }
          java.util.List<Tuple> batch = new java.util.ArrayList<>();
          pemByKeyId.forEach((id, pem) -> batch.add(Tuple.of(id, ownerId, pem)));
          return tx.preparedQuery("INSERT INTO remote_keys (key_id, owner_id, pem) VALUES ($1, $2, $3) "
                  + "ON CONFLICT (key_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, pem = EXCLUDED.pem, fetched_at = now()")
              .executeBatch(batch).<Void>mapEmpty();
        }));
  }

  public Future<Optional<StoredKey>> key(String keyId) {
    return pool.preparedQuery("SELECT key_id, owner_id, pem, fetched_at FROM remote_keys WHERE key_id = $1")
        .execute(Tuple.of(keyId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r ->
            new StoredKey(r.getString(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3))));
  }

  static RemoteActor map(Row r) {
    return new RemoteActor(r.getString("id"), r.getString("type"), r.getString("host"),
        r.getString("preferred_username"), r.getString("name"), r.getString("inbox"), r.getString("shared_inbox"),
        r.getString("key_id"), r.getString("public_key_pem"), r.getOffsetDateTime("fetched_at"));
  }
}
