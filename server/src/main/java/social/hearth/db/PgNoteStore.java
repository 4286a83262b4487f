package social.hearth.db;

import social.hearth.core.port.Tx;
import social.hearth.core.port.NoteStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** SQL for the direct messages a community sends (join question, welcome, reminders, notices). */
public final class PgNoteStore implements NoteStore {

  private final Pool pool;

  public PgNoteStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> insert(Tx tx, UUID id, long communityId, String iri, String kind, String recipient, String body) {
    return PgTx.sql(tx).preparedQuery("INSERT INTO local_notes (id, community_id, iri, kind, recipient, body) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)")
        .execute(Tuple.of(id, communityId, iri, kind, recipient, body)).mapEmpty();
  }

  /** The kind of a note the community sent (e.g. "question"), if the IRI is one of ours. */
  public Future<Optional<String>> kindOf(String iri) {
    return pool.preparedQuery("SELECT kind FROM local_notes WHERE iri = $1").execute(Tuple.of(iri))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** Whether a note of this kind was already sent to the recipient (one-time notices). */
  public Future<Boolean> sent(long communityId, String recipient, String kind) {
    return pool.preparedQuery("SELECT 1 FROM local_notes WHERE community_id = $1 AND recipient = $2 AND kind = $3 LIMIT 1")
        .execute(Tuple.of(communityId, recipient, kind)).map(r -> r.size() > 0);
  }

  /** Whether a note of this kind was sent to the recipient within the last {@code within} (notices not repeated). */
  public Future<Boolean> sentWithin(long communityId, String recipient, String kind, java.time.Duration within) {
    return pool.preparedQuery("SELECT 1 FROM local_notes WHERE community_id = $1 AND recipient = $2 AND kind = $3 "
            + "AND created_at > now() - $4 * interval '1 second' LIMIT 1")
        .execute(Tuple.of(communityId, recipient, kind, within.toSeconds())).map(r -> r.size() > 0);
  }

  /** A note's JSON when it may be shown to {@code viewerHost} (a recipient's server), empty otherwise. */
  public Future<Optional<String>> forRecipientHost(String iri, String viewerHostPrefix) {
    return pool.preparedQuery("SELECT body::text FROM local_notes WHERE iri = $1 AND recipient LIKE $2")
        .execute(Tuple.of(iri, viewerHostPrefix + "%"))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }
}
