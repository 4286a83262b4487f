package social.hearth.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a new or changed filter would have done to a community's recent posts; nothing was changed.
 *
 * @param examined how many stored posts and updates were looked at
 * @param matched how many the filter matched
 * @param matches the first matches (at most 200)
 */
public record DryRunResult(int days, int examined, int matched, List<Match> matches) {

  /**
   * One post the filter would have caught.
   *
   * @param item the moderation item it was stored as
   * @param was what happened to it then (accepted, held, ...)
   * @param wouldBe held or rejected
   * @param excerpt the beginning of its text
   */
  public record Match(long item, String object, String author, String was, String wouldBe, String reason,
                      Instant receivedAt, String excerpt) {}
}
