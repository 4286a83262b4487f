package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.PostBody;
import social.hearth.core.domain.PostSchedule;

/** Recurring rubric posts. */
public interface ScheduleStore {

  /** A schedule to store, with its first occurrence. */
  record NewSchedule(String key, long communityId, String author, String markdown, String summary, String language,
                     PostBody body, String rrule, String timezone, OffsetDateTime nextAt, String createdBy) {}

  Future<PostSchedule> insert(NewSchedule schedule);

  Future<List<PostSchedule>> list(long communityId);

  Future<Optional<PostSchedule>> byKey(long communityId, String key);

  /** Pauses or resumes; a resumed schedule's next occurrence is {@code nextAt}. */
  Future<Boolean> setPaused(long id, boolean paused, OffsetDateTime nextAt);

  Future<Boolean> delete(long id);

  /** Schedules not paused whose next occurrence is due, at most {@code limit}. */
  Future<List<PostSchedule>> due(int limit);

  /**
   * Moves a schedule from its occurrence {@code expected} to {@code next} (null: none left), only if no one else did:
   * true for the one caller that owns the occurrence.
   */
  Future<Boolean> advance(Tx tx, long id, OffsetDateTime expected, OffsetDateTime next);
}
