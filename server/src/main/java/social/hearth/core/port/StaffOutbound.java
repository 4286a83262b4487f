package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.StaffActivity;
import social.hearth.core.domain.StaffProfile;

/**
 * What a staff Person says to other servers. Like {@link Outbound}, each call writes the activity and its deliveries
 * in the caller's transaction (the transactional outbox); nothing is sent until it commits and
 * {@link Deliveries#wake()} runs ({@link TransactionalOutbox#send} does both). Deliveries are signed with the Person's
 * own key ({@code /u/{username}#main-key}).
 */
public interface StaffOutbound {

  /**
   * Queues an activity {@code author} authors, to its followers, and returns the activity's IRI.
   *
   * <p>The contract:
   * <ul>
   *   <li>{@link StaffActivity.ProfileUpdate}: {@code Update{Person}} with the profile given (the caller passes the
   *       state it is committing), {@code to: Public}, {@code cc}: the followers; served at its IRI, not listed in the
   *       outbox.</li>
   *   <li>{@link StaffActivity.NoteChange}: {@code Create}, {@code Update} or {@code Delete} of the note, whose
   *       {@code actor} and {@code attributedTo} are the Person; {@code to}/{@code cc} follow
   *       {@link social.hearth.core.domain.StaffNote.Visibility} (the community's Group in {@code cc} and as
   *       {@code audience} when the note names one; every mention in {@code cc}, or in {@code to} for a direct note);
   *       a Delete carries a {@code Tombstone} with the note's id and takes its Create out of the outbox. A public or
   *       unlisted Create is listed in the Person's outbox; Updates and Deletes of them are served at their IRI;
   *       followers-only and direct activities are only delivered. The note itself is not stored here: the caller
   *       serves it at its id.</li>
   *   <li>Deliveries: one per distinct inbox (shared inbox when the actor has one) of the Person's followers (except
   *       for a direct note) and of each mentioned account already known to this server (resolve a handle first,
   *       e.g. through {@link Actors#get}); never to this server, to gone or suspended accounts, or twice to one
   *       inbox. One {@code INSERT ... SELECT} queues them all, so the cost does not grow with round trips.</li>
   *   <li>The author's key pairs must exist: read the author through {@code StaffProfiles.person}, which makes them
   *       on first use (off the event loop), before opening the transaction.</li>
   * </ul>
   */
  Future<String> toFollowers(Tx tx, StaffProfile author, StaffActivity activity);

  /**
   * The Person's own activity about a post it wrote in a community, already stored by the caller under
   * {@code activityIri} (the same activity the community re-shares, so every server sees one Create): it becomes the
   * account's (signed with its key; a Create listed in its outbox, a Delete taking that Create out) and is queued to
   * the Person's followers and to the {@code mentioned} accounts already known here, in the caller's transaction.
   * Returns the number of deliveries queued (0 when the account or the activity is unknown).
   */
  Future<Integer> deliverOwn(Tx tx, String username, String activityIri, java.util.List<String> mentioned);

  /** Accept of a Follow of the Person, with the Follow embedded, sent to the follower's inbox. */
  Future<Void> acceptFollow(Tx tx, StaffProfile person, String followId, RemoteActor follower);
}
