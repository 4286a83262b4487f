package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Poll;

/** Polls written here and their votes, and the remote polls a community re-shared, with their last counts. */
public interface PollStore {

  /** A poll to store, published in the same transaction as {@code postId}. */
  record NewPoll(String key, String iri, long communityId, String author, String question, List<String> options,
                 boolean multiple, boolean membersOnly, OffsetDateTime endTime, long postId, String createdBy) {}

  /** Someone who voted and does not get the community's activities otherwise: where to send the tallies. */
  record Voter(String id, String inbox, String host) {}

  Future<Poll> insert(Tx tx, NewPoll poll);

  Future<Optional<Poll>> byKey(long communityId, String key);

  Future<Optional<Poll>> byIri(String iri);

  /** The polls with these IRIs (local or remote), for pages that show them. */
  Future<List<Poll>> byIris(List<String> iris);

  /** The community's own polls, newest first, at most {@code limit}. */
  Future<List<Poll>> list(long communityId, int limit);

  /**
   * Counts a vote on option {@code choice} unless the person voted already (for this option in a several-choice
   * poll) or the poll is over at {@code now}; marks the poll for an Update. True when it was counted.
   */
  Future<Boolean> vote(Tx tx, long pollId, String voter, int choice, boolean multiple, String activityId,
                       String inbox, String host, OffsetDateTime now);

  /**
   * Claims up to {@code limit} open local polls with votes not yet sent whose last Update went out at least
   * {@code every} ago (or never), marking them sent at {@code now}; rows locked by another node are skipped.
   */
  Future<List<Poll>> claimDirty(Tx tx, Duration every, OffsetDateTime now, int limit);

  /** Claims up to {@code limit} local polls whose end time has passed and closes them (closed at their end time). */
  Future<List<Poll>> claimEnded(Tx tx, OffsetDateTime now, int limit);

  /** The voters of a poll who are not accepted members of its community. */
  Future<List<Voter>> outsideVoters(long pollId, long communityId);

  /** Stores what a remote poll's author sent (options, counts, end), keyed by its IRI. */
  Future<Void> upsertRemote(Poll poll);
}
