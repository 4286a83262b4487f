package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import social.hearth.core.domain.CommunityDay;

/** The daily rollup (V47), kept by the database as things happen; read a range of days at a time. */
public interface AnalyticsStore {

  /** Every day from {@code from} to {@code to} (both included), a day with nothing happening included. */
  Future<List<CommunityDay>> days(long communityId, LocalDate from, LocalDate to);
}
