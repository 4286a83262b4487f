package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A recurring rubric post: the same text published at every occurrence of {@code rrule} (an RRULE subset, see
 * {@code core.authoring.Recurrence}) in {@code timezone}, as the community ({@code author} null) or a staff member.
 * {@code nextAt} is the next occurrence (null when the rule has none left).
 */
public record PostSchedule(long id, String key, long communityId, String author, String markdown, String summary,
                           String language, PostBody body, String rrule, String timezone, boolean paused,
                           OffsetDateTime nextAt, OffsetDateTime lastAt, String createdBy, OffsetDateTime createdAt) {

  public boolean asCommunity() {
    return author == null;
  }
}
