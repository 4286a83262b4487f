package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.DigestSettings;

/** The digest's settings, the periods published, and what happened in a period (read from the stored data). */
public interface DigestStore {

  /** A post of the period with its replies and likes in it. */
  record Top(String objectId, String author, String authorName, String excerpt, int replies, int likes) {}

  /** An upcoming event or an open poll: its name and when (start or end). */
  record Item(String name, OffsetDateTime at) {}

  /** An idea on the board that got votes in the period. */
  record Mover(String excerpt, int votes, String status, String objectId) {}

  /** What happened in a community between two instants. */
  record Facts(List<Top> top, int newMembers, List<String> newPosters, List<Item> events, List<Item> polls,
               List<Mover> movers) {}

  Future<Optional<DigestSettings>> settings(long communityId);

  Future<Void> save(long communityId, DigestSettings settings);

  /** The communities whose digest is on, with their settings. */
  Future<List<Enabled>> enabled();

  /** A community whose digest is on. */
  record Enabled(long communityId, DigestSettings settings) {}

  /** Whether the period is done: its digest published, or nothing to say recorded. */
  Future<Boolean> done(long communityId, String period);

  /** Records that the period had nothing to say; false when it was done already. */
  Future<Boolean> claim(long communityId, String period);

  /**
   * Records the period's digest {@code iri} in the transaction that writes the post; false when the period is done
   * already (another node's commit), and then the caller rolls its post back.
   */
  Future<Boolean> claim(Tx tx, long communityId, String period, String iri);

  Future<Facts> facts(long communityId, OffsetDateTime from, OffsetDateTime to, int top);
}
