package social.hearth.core.recognition;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.CommunityDay;
import social.hearth.core.port.AnalyticsStore;
import social.hearth.core.port.LedgerStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.SponsorStore;
import social.hearth.core.port.Transactions;

/**
 * What creators read about their community (issue 18): the daily figures of a date range from the rollup with the
 * median time newcomers waited for an answer, and the roster of sponsors.
 */
public final class Insights {

  public static final int MAX_DAYS = 366;
  public static final int MAX_SPONSORS = 100;
  public static final String AUDIT_SPONSORS = "sponsors.changed";

  /** The days of a range and the median seconds a newcomer's first post made in it waited for an answer. */
  public record Figures(List<CommunityDay> days, Long newcomerReplyMedianSeconds) {}

  private final AnalyticsStore analytics;
  private final LedgerStore ledger;
  private final SponsorStore sponsors;
  private final MemberStore members;
  private final Transactions tx;
  private final AuditLog audit;

  public Insights(AnalyticsStore analytics, LedgerStore ledger, SponsorStore sponsors, MemberStore members,
                  Transactions tx, AuditLog audit) {
    this.analytics = analytics;
    this.ledger = ledger;
    this.sponsors = sponsors;
    this.members = members;
    this.tx = tx;
    this.audit = audit;
  }

  /** Parses a YYYY-MM-DD date, or the default when absent. */
  public static LocalDate date(String name, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw CoreException.badRequest(name + " must be a date like 2027-01-31 (YYYY-MM-DD)");
    }
  }

  /** The figures of every day from {@code from} to {@code to}, both included (at most a year). */
  public Future<Figures> figures(Community c, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      return Future.failedFuture(CoreException.badRequest("from must not be after to"));
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      return Future.failedFuture(CoreException.badRequest("a range is at most " + MAX_DAYS + " days"));
    }
    return analytics.days(c.id(), from, to).compose(days -> ledger.newcomerReplyMedian(c.id(),
            from.atStartOfDay().atOffset(ZoneOffset.UTC), to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
        .map(median -> new Figures(days, median)));
  }

  public Future<List<String>> sponsors(Community c) {
    return sponsors.list(c.id());
  }

  /** Adds a member to the roster (a leader given the sponsor role); the roster as it is then. */
  public Future<List<String>> addSponsor(Community c, String actor, String byWhom) {
    return sponsors.list(c.id()).compose(list -> {
      List<String> next = new ArrayList<>(list);
      if (actor != null && !next.contains(actor.strip())) {
        next.add(actor.strip());
      }
      return setSponsors(c, next, byWhom);
    });
  }

  /** Replaces the roster; every sponsor must be a member. */
  public Future<List<String>> setSponsors(Community c, List<String> actors, String byWhom) {
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (String a : actors) {
      if (a == null || !(a.strip().startsWith("https://") || a.strip().startsWith("http://"))) {
        return Future.failedFuture(CoreException.badRequest("actors must be actor IRIs (https://...)"));
      }
      set.add(a.strip());
    }
    if (set.size() > MAX_SPONSORS) {
      return Future.failedFuture(CoreException.badRequest("a roster has at most " + MAX_SPONSORS + " sponsors"));
    }
    List<String> list = new ArrayList<>(set);
    Future<Void> checked = Future.succeededFuture();
    for (String a : list) {
      checked = checked.compose(v -> members.isAccepted(c.id(), a).compose(ok -> ok ? Future.<Void>succeededFuture()
          : Future.failedFuture(CoreException.badRequest("not a member of " + c.slug() + ": " + a))));
    }
    return checked.compose(v -> tx.inTransaction(t -> sponsors.replace(t, c.id(), list)
            .compose(x -> audit.record(t, c.id(), byWhom, AUDIT_SPONSORS, c.slug(), null, null,
                AuditLog.detail("sponsors", String.join(" ", list))))))
        .compose(v -> sponsors.list(c.id()));
  }
}
