package social.hearth.core.recognition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.port.TrendStore;

/**
 * The creators' trends (issue 18, item 6) besides the daily figures of {@link Insights}: newcomer retention by weekly
 * cohort (of those who joined in a week, how many posted in it and in each week after), the top topics (hashtags) and
 * posts of a period, and posts by hour of day in the community's time zone; all read from rollups (V56).
 */
public final class Trends {

  /** Cohorts shown, newest first, and the weeks after joining followed for each. */
  public static final int COHORTS = 8;
  public static final int FOLLOW_WEEKS = 4;
  public static final int TOP = 10;

  private final TrendStore store;
  private final Clock clock;

  public Trends(TrendStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The trends of the days {@code from} to {@code to}, both included (at most a year, as the daily figures). */
  public Future<TrendStore.Trends> of(Community c, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      return Future.failedFuture(CoreException.badRequest("from must not be after to"));
    }
    if (ChronoUnit.DAYS.between(from, to) >= Insights.MAX_DAYS) {
      return Future.failedFuture(CoreException.badRequest("a range is at most " + Insights.MAX_DAYS + " days"));
    }
    // the cohorts of the weeks that overlap the range; weeks that have not begun yet are left out, not zero
    LocalDate thisWeek = LocalDate.now(clock.withZone(ZoneOffset.UTC)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return store.trends(c.id(), from, to, COHORTS, FOLLOW_WEEKS, TOP).map(t -> {
      List<TrendStore.Cohort> cohorts = new ArrayList<>();
      for (TrendStore.Cohort k : t.retention()) {
        long elapsed = ChronoUnit.WEEKS.between(k.week(), thisWeek);
        List<Integer> posted = k.posted().subList(0, (int) Math.max(0, Math.min(k.posted().size(), elapsed + 1)));
        cohorts.add(new TrendStore.Cohort(k.week(), k.joined(), List.copyOf(posted)));
      }
      return new TrendStore.Trends(t.timeZone(), cohorts, t.topics(), t.posts(), t.hours());
    });
  }
}
