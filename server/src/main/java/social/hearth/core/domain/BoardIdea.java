package social.hearth.core.domain;

import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * An idea on the community's feedback board: a member's post with the idea hashtag ({@code objectId}, its author),
 * its votes (members' likes, one each), the status staff gave it and their last comment.
 */
public record BoardIdea(long id, String key, long communityId, Long postId, String objectId, String author,
                        String excerpt, Status status, String comment, int votes, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt) {

  /** Where an idea stands. */
  public enum Status {
    NEW, UNDER_REVIEW, PLANNED, DONE, DECLINED;

    /** Its name in the API and the database: new, under_review, planned, done, declined. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this name ("under review" and "under-review" too), or null. */
    public static Status parse(String s) {
      if (s == null) {
        return null;
      }
      String n = s.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      for (Status v : values()) {
        if (v.name().equals(n)) {
          return v;
        }
      }
      return null;
    }
  }
}
