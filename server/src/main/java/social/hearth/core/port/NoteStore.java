package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** SQL for the direct messages a community sends (join question, welcome, reminders, notices). */
public interface NoteStore {

  Future<Void> insert(Tx tx, UUID id, long communityId, String iri, String kind, String recipient, String body);

  /** The kind of a note the community sent (e.g. "question"), if the IRI is one of ours. */
  Future<Optional<String>> kindOf(String iri);

  /** Whether a note of this kind was already sent to the recipient (one-time notices). */
  Future<Boolean> sent(long communityId, String recipient, String kind);

  /** Whether a note of this kind was sent to the recipient within the last {@code within} (notices not repeated). */
  Future<Boolean> sentWithin(long communityId, String recipient, String kind, java.time.Duration within);

  /** A note's JSON when it may be shown to {@code viewerHost} (a recipient's server), empty otherwise. */
  Future<Optional<String>> forRecipientHost(String iri, String viewerHostPrefix);
}
