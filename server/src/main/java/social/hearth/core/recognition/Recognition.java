package social.hearth.core.recognition;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.BoardEntry;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Leader;
import social.hearth.core.domain.LedgerEntry;
import social.hearth.core.domain.Level;
import social.hearth.core.port.AchievementStore;
import social.hearth.core.port.LedgerStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.text.MessageText;
import java.util.Optional;

/**
 * Points, leaderboards and leaders (issue 18, docs/recognition.md). What members earn is written by the database in
 * the transaction of what earned it (V46); this use case reads the ledger, adds staff awards and deductions with a
 * reason, ranks members for a period and keeps the community's weights, daily caps and public board setting.
 */
public final class Recognition {

  /** The kinds that earn points, with their default weight and daily cap (the same as V46's recognition_rule). */
  public static final Map<String, int[]> DEFAULTS = defaults();

  /** Level thresholds by default: level n is reached at {@code LEVELS[n - 1]} points. */
  public static final List<Long> LEVELS = List.of(0L, 10L, 50L, 150L, 400L, 1000L);

  public static final String AUDIT_POINTS = "points.changed";
  public static final String AUDIT_SETTINGS = "recognition.settings";
  public static final int MAX_POINTS = 10_000;
  public static final int MAX_REASON = 500;
  public static final int MAX_WEIGHT = 1_000;
  public static final int MAX_CAP = 1_000;
  public static final int BOARD_SIZE = 100;

  /** A leaderboard's period: this week (from Monday, UTC), this month, or all time. */
  public enum Period { WEEK, MONTH, ALL;

    public static Period parse(String value) {
      if (value == null || value.isBlank()) {
        return ALL;
      }
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw CoreException.badRequest("period must be week, month or all");
      }
    }
  }

  private final LedgerStore ledger;
  private final MemberStore members;
  private final TransactionalOutbox tx;
  private final AuditLog audit;
  private final Voice voice;
  private final Clock clock;
  private final AchievementStore levels;

  /** With the communities' own levels ({@code levels}). */
  public Recognition(LedgerStore ledger, MemberStore members, TransactionalOutbox out, AuditLog audit, Voice voice,
                     Clock clock, AchievementStore levels) {
    this.levels = levels;
    this.ledger = ledger;
    this.members = members;
    this.tx = out;
    this.audit = audit;
    this.voice = voice;
    this.clock = clock;
  }

  private static Map<String, int[]> defaults() {
    Map<String, int[]> m = new LinkedHashMap<>();
    m.put("post", new int[] {5, 10});
    m.put("reply", new int[] {2, 20});
    m.put("like", new int[] {1, 30});
    m.put("newcomer_answer", new int[] {10, 5});
    m.put("event", new int[] {5, 3});
    m.put("vote", new int[] {1, 5});
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The level {@code total} points reach (1 at the start). */
  public static int level(long total) {
    int level = 1;
    for (int i = 0; i < LEVELS.size(); i++) {
      if (total >= LEVELS.get(i)) {
        level = i + 1;
      }
    }
    return level;
  }

  /** A member's ledger, newest first. */
  public Future<List<LedgerEntry>> history(Community c, String actor) {
    return actor(actor).compose(who -> ledger.history(c.id(), who, 500));
  }

  public Future<Long> total(Community c, String actor) {
    return actor(actor).compose(who -> ledger.total(c.id(), who));
  }

  /** Staff award ({@code points > 0}) or take away ({@code points < 0}) points from a member, with a reason. */
  public Future<LedgerEntry> award(Community c, String actor, Integer points, String reason, String byWhom) {
    if (points == null || points == 0 || Math.abs(points) > MAX_POINTS) {
      return Future.failedFuture(CoreException.badRequest(
          "points must be a whole number from -" + MAX_POINTS + " to " + MAX_POINTS + ", not 0"));
    }
    if (reason == null || reason.isBlank()) {
      return Future.failedFuture(CoreException.badRequest("reason is required: say why the points are given or taken"));
    }
    if (reason.strip().length() > MAX_REASON) {
      return Future.failedFuture(CoreException.badRequest("reason is longer than " + MAX_REASON + " characters"));
    }
    return actor(actor).compose(who -> members.isAccepted(c.id(), who).compose(member -> member
        ? tx.inTransaction(t -> ledger.staff(t, c.id(), who, points, reason.strip(), byWhom)
            .compose(e -> audit.record(t, c.id(), byWhom, AUDIT_POINTS, who, reason.strip(), null,
                AuditLog.detail("points", points)).map(e)))
        : Future.failedFuture(CoreException.notFound("not a member of " + c.slug() + ": " + who))));
  }

  /** The board for a period, on the staff page (everyone) or the public one (without those who left it). */
  public Future<List<BoardEntry>> board(Community c, Period period, boolean publicOnly) {
    return ownLevels(c).compose(own -> ledger.board(c.id(), since(period), publicOnly, BOARD_SIZE)
        .map(rows -> rows.stream().map(r -> {
          Level l = at(r.total(), own);
          return new BoardEntry(r.actor(), r.points(), l.number(), l.name());
        }).toList()));
  }

  /** The community's own levels, lowest first (empty: the defaults). */
  private Future<List<Level>> ownLevels(Community c) {
    return levels.levels(c.id());
  }

  private static Level at(long total, List<Level> own) {
    return own.isEmpty() ? new Level(level(total), 0, null, false, false) : Achievements.levelOf(total, own);
  }

  /** The level {@code total} points reach in the community: its own (named) or a default one (no name). */
  public Future<Level> level(Community c, long total) {
    return ownLevels(c).map(own -> at(total, own));
  }

  /** The public board, or not found when the community has not turned it on. */
  public Future<List<BoardEntry>> publicBoard(Community c, Period period) {
    return ledger.settings(c.id()).compose(s -> s.publicBoard() ? board(c, period, true)
        : Future.failedFuture(CoreException.notFound("this community has no public leaderboard")));
  }

  OffsetDateTime since(Period period) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    return switch (period) {
      case WEEK -> now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> now.withDayOfMonth(1);
      case ALL -> null;
    };
  }

  public Future<List<Leader>> leaders(Community c) {
    return ledger.leaders(c.id(), BOARD_SIZE);
  }

  public Future<LedgerStore.Settings> settings(Community c) {
    return ledger.settings(c.id());
  }

  /** Saves weights and caps (by kind; a kind left out keeps its default) and the public board switch. */
  public Future<LedgerStore.Settings> saveSettings(Community c, LedgerStore.Settings s, String byWhom) {
    try {
      check(s.weights(), MAX_WEIGHT, "weight");
      check(s.caps(), MAX_CAP, "daily cap");
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return tx.inTransaction(t -> ledger.saveSettings(t, c.id(), s)
        .compose(v -> audit.record(t, c.id(), byWhom, AUDIT_SETTINGS, c.slug(), null, null,
            AuditLog.detail("weights", s.weights().toString(), "caps", s.caps().toString(), "publicBoard",
                s.publicBoard())))).map(s);
  }

  private static void check(Map<String, Integer> values, int max, String what) {
    values.forEach((kind, v) -> {
      if (!DEFAULTS.containsKey(kind)) {
        throw CoreException.badRequest("unknown kind " + kind + ": one of " + String.join(", ", DEFAULTS.keySet()));
      }
      if (v == null || v < 0 || v > max) {
        throw CoreException.badRequest(what + " of " + kind + " must be from 0 to " + max);
      }
    });
  }

  /** The words that ask to leave the public board, in every language the community speaks ("hide me"). */
  public List<String> hideWords() {
    List<String> words = new java.util.ArrayList<>();
    for (String lang : voice.languages()) {
      String w = voice.text(lang, "board.hide.keyword").strip().toLowerCase(Locale.ROOT);
      if (!w.isEmpty() && !words.contains(w)) {
        words.add(w);
      }
    }
    return words;
  }

  /**
   * A direct message to the community: when it starts with the words that ask to leave the public board, the
   * member leaves it for good and is told so (in reply to the message). Empty when the message is not that.
   */
  public Future<Optional<String>> onDirectMessage(Community c, RemoteActor who, String html, String messageId) {
    if (!MessageText.startsWithWord(html, hideWords())) {
      return Future.succeededFuture(Optional.empty());
    }
    String lang = voice.languageFor(c, who);
    return tx.send(t -> ledger.hide(t, c.id(), who.id())
        .compose(v -> tx.outbound().directMessage(t, c, who, voice.paragraph(lang, "board.hidden", c.name()), "notice",
            messageId, lang))).map(Optional.of("left the public leaderboard"));
  }

  private static Future<String> actor(String actor) {
    if (actor == null || actor.isBlank()) {
      return Future.failedFuture(CoreException.badRequest("actor is required: the member's actor IRI"));
    }
    String who = actor.strip();
    if (!who.startsWith("https://") && !who.startsWith("http://")) {
      return Future.failedFuture(CoreException.badRequest("actor must be an actor IRI (https://...)"));
    }
    return Future.succeededFuture(who);
  }
}
