package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;

/**
 * The creators' trends read from their rollups (issue 18, item 6; V56): newcomer retention by weekly cohort, top
 * topics and posts of a period, posts by hour of day in the community's time zone.
 */
public interface TrendStore {

  /** Those who joined in the UTC week starting {@code week} (a Monday), and how many of them posted k weeks later. */
  record Cohort(LocalDate week, long joined, List<Integer> posted) {}

  /** A hashtag and the posts that carried it. */
  record Topic(String tag, long posts) {}

  /** A post of the period with the likes and replies others gave it. */
  record TopPost(String object, String excerpt, int likes, int replies) {}

  /** Everything the dashboard shows besides the daily figures; {@code hours[h]} counts posts made at hour h. */
  record Trends(String timeZone, List<Cohort> retention, List<Topic> topics, List<TopPost> posts, long[] hours) {}

  /**
   * The trends of the days {@code from} to {@code to} (UTC, both included): the cohorts of the weeks that overlap
   * the range (at most {@code weeks}, newest first, each with its first {@code followWeeks} + 1 weeks), at most
   * {@code top} topics and posts.
   */
  Future<Trends> trends(long communityId, LocalDate from, LocalDate to, int weeks, int followWeeks, int top);
}
