package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Verbatim;

/**
 * SQL for the moderation items: every reviewed post, update and like with its decision, reasons and the facts the
 * filters saw. A port of the moderation use cases (implemented by {@code db.PgModerationItems}); it lives next to them
 * because it speaks in the filter chain's own values ({@link Reason}, {@link AuthorFacts}, {@link Verdict}).
 */
public interface ModerationItems {

  /** The first review of an activity, as stored. */
  record Earlier(long id, Verdict.Decision decision, List<Reason> reasons, String state) {}

  /** A stored item as a moderator decides on it; {@code object} is null for a like. */
  record Stored(long id, long communityId, String kind, String objectId, String authorId, Verbatim activity,
                Verbatim object, String state) {}

  /** A stored post or update as a dry run replays it; {@code facts} is null when unreadable. */
  record Replay(long id, String kind, String objectId, String authorId, Verbatim object, AuthorFacts facts, String state,
                Instant createdAt) {}

  /** Stores a decision; empty when this activity was already reviewed for the community. */
  Future<Optional<Long>> insert(long communityId, String activityId, Submission.Kind kind, String objectId,
                                String authorId, Verbatim activity, Verbatim object, Verdict verdict, AuthorFacts facts,
                                String state);

  /** A decision to store with others ({@link #insertAll}). */
  record New(long communityId, String activityId, Submission.Kind kind, String objectId, String authorId,
             Verbatim activity, Verbatim object, Verdict verdict, AuthorFacts facts, String state) {}

  /**
   * Stores many decisions in one statement of {@code tx}: for each item in order its id, or empty when that activity
   * was already reviewed for the community.
   */
  Future<List<Optional<Long>>> insertAll(social.hearth.core.port.Tx tx, List<New> items);

  Future<Earlier> earlier(long communityId, String activityId);

  /** What is known about the author in the community (with the instance's domain limit as given). */
  Future<AuthorFacts> facts(long communityId, String authorId, boolean domainLimited);

  /** Items in a state, oldest first; {@code content} as received (not yet sanitised). */
  Future<List<QueueItem>> list(long communityId, String state, int limit);

  Future<Optional<Stored>> find(long communityId, long itemId);

  /** Decides a held item; false when it was no longer held. */
  Future<Boolean> decide(long itemId, String state, String byWhom);

  /** Publishes a refused item anyway (state overturned); false when it was not refused, or was overturned already. */
  Future<Boolean> overturn(long itemId, String byWhom);

  /** The community's posts and updates of the last {@code days} days, newest first, at most {@code limit}. */
  Future<List<Replay>> recent(long communityId, int days, int limit);
}
