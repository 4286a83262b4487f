package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import social.hearth.domain.RemoteActor;

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

  static RemoteActor map(Row r) {
    return new RemoteActor(r.getString("id"), r.getString("type"), r.getString("host"),
        r.getString("preferred_username"), r.getString("name"), r.getString("inbox"), r.getString("shared_inbox"),
        r.getString("key_id"), r.getString("public_key_pem"), r.getOffsetDateTime("fetched_at"));
  }
}
