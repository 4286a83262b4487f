package social.hearth.core.recognition;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Achievement;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Level;
import social.hearth.core.port.AchievementStore;
import social.hearth.core.port.TransactionalOutbox;

/**
 * Levels and achievements (issue 18, docs/recognition.md): the creator's level thresholds, names and privileges (the
 * defaults named in the community's language until then), the default achievements and the ones staff add from the
 * same building blocks (a counted fact and a threshold), what a member earned, and how the community announces it.
 * What members earn is recorded by the database from the ledger ({@link Announcements} runs it).
 */
public final class Achievements {

  public static final int MAX_LEVELS = 20;
  public static final int MAX_NAME = 40;
  public static final int MAX_DESCRIPTION = 300;
  public static final int MAX_ACHIEVEMENTS = 50;
  public static final long MAX_THRESHOLD = 1_000_000_000L;
  /** The counted facts an achievement is built from. */
  public static final List<String> FACTS = List.of("posts", "newcomers", "events", "days", "points");
  /** How the community announces what a member earned: a direct message, a shout-out post, or not at all. */
  public static final List<String> MODES = List.of("dm", "post", "none");
  public static final String LEVEL_KEY = "level:";
  public static final String AUDIT_LEVELS = "recognition.levels";
  public static final String AUDIT_ACHIEVEMENT = "recognition.achievement";

  private final AchievementStore store;
  private final TransactionalOutbox tx;
  private final AuditLog audit;
  private final Voice voice;

  public Achievements(AchievementStore store, TransactionalOutbox out, AuditLog audit, Voice voice) {
    this.store = store;
    this.tx = out;
    this.audit = audit;
    this.voice = voice;
  }

  /** The default levels, named in {@code lang} (the community's language). */
  public List<Level> defaults(String lang) {
    List<Level> out = new ArrayList<>();
    for (int i = 0; i < Recognition.LEVELS.size(); i++) {
      out.add(new Level(i + 1, Recognition.LEVELS.get(i), voice.text(language(lang), "level." + (i + 1)), false, false));
    }
    return out;
  }

  private String language(String lang) {
    return voice.languages().contains(lang) ? lang : voice.languages().get(0);
  }

  /** The community's levels: its own, else the defaults in its language. */
  public Future<List<Level>> levels(Community c) {
    return store.levels(c.id()).map(own -> own.isEmpty() ? defaults(c.language()) : own);
  }

  /** The level {@code total} points reach among {@code levels} (lowest first): 1 at the start. */
  public static Level levelOf(long total, List<Level> levels) {
    Level at = levels.get(0);
    for (Level l : levels) {
      if (total >= l.points()) {
        at = l;
      }
    }
    return at;
  }

  /** Replaces the community's levels: thresholds ascending from 0, at most 20, names of at most 40 characters. */
  public Future<List<Level>> saveLevels(Community c, List<Level> asked, String byWhom) {
    List<Level> levels;
    try {
      levels = check(asked);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return tx.inTransaction(t -> store.saveLevels(t, c.id(), levels)
        .compose(v -> audit.record(t, c.id(), byWhom, AUDIT_LEVELS, c.slug(), null, null,
            AuditLog.detail("levels", levels.size())))).map(levels);
  }

  static List<Level> check(List<Level> asked) {
    if (asked == null || asked.isEmpty()) {
      throw CoreException.badRequest("levels must be a list of at least one level: [{\"points\", \"name\"}]");
    }
    if (asked.size() > MAX_LEVELS) {
      throw CoreException.badRequest("at most " + MAX_LEVELS + " levels");
    }
    List<Level> out = new ArrayList<>();
    long before = -1;
    for (Level l : asked) {
      int n = out.size() + 1;
      if (l.points() < 0 || l.points() > MAX_THRESHOLD) {
        throw CoreException.badRequest("level " + n + ": points must be from 0 to " + MAX_THRESHOLD);
      }
      if (n == 1 && l.points() != 0) {
        throw CoreException.badRequest("level 1 starts at 0 points (every member has a level)");
      }
      if (l.points() <= before) {
        throw CoreException.badRequest("level " + n + ": thresholds must be ascending (" + l.points()
            + " is not more than " + before + ")");
      }
      before = l.points();
      out.add(new Level(n, l.points(), name(l.name(), "level " + n), l.skipProbation(), l.skipSlowMode()));
    }
    return out;
  }

  private static String name(String name, String what) {
    if (name == null || name.isBlank()) {
      throw CoreException.badRequest(what + ": name is required");
    }
    String n = name.strip();
    if (n.codePointCount(0, n.length()) > MAX_NAME) {
      throw CoreException.badRequest(what + ": name is longer than " + MAX_NAME + " characters");
    }
    return n;
  }

  /** The defaults (named in {@code lang}) and the staff's achievements. */
  public Future<List<Achievement>> achievements(Community c, String lang) {
    return store.achievements(c.id()).map(list -> list.stream().map(a -> named(a, lang)).toList());
  }

  private Achievement named(Achievement a, String lang) {
    if (!a.builtin()) {
      return a;
    }
    String l = language(lang);
    return new Achievement(a.key(), a.fact(), a.threshold(), voice.text(l, "achievement." + a.key()),
        voice.text(l, "achievement." + a.key() + ".about"), true, a.off());
  }

  /** Adds an achievement from a fact and a threshold, with a name and a description; its key is "fact_threshold". */
  public Future<Achievement> add(Community c, String fact, Long threshold, String name, String description,
                                 String byWhom) {
    Achievement a;
    try {
      if (fact == null || !FACTS.contains(fact.strip().toLowerCase(Locale.ROOT))) {
        throw CoreException.badRequest("fact must be one of " + String.join(", ", FACTS));
      }
      if (threshold == null || threshold < 1 || threshold > MAX_THRESHOLD) {
        throw CoreException.badRequest("threshold must be a whole number from 1 to " + MAX_THRESHOLD);
      }
      String about = description == null ? "" : description.strip();
      if (about.length() > MAX_DESCRIPTION) {
        throw CoreException.badRequest("description is longer than " + MAX_DESCRIPTION + " characters");
      }
      String f = fact.strip().toLowerCase(Locale.ROOT);
      a = new Achievement(f + "_" + threshold, f, threshold, name(name, "achievement"), about, false);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return store.achievements(c.id()).compose(list -> {
      if (list.stream().anyMatch(x -> x.key().equals(a.key()))) {
        return Future.failedFuture(CoreException.conflict("the community has an achievement for " + a.fact() + " ≥ "
            + a.threshold() + " already (" + a.key() + ")"));
      }
      if (list.stream().filter(x -> !x.builtin()).count() >= MAX_ACHIEVEMENTS) {
        return Future.failedFuture(CoreException.badRequest("at most " + MAX_ACHIEVEMENTS + " achievements of your own"));
      }
      return tx.inTransaction(t -> store.add(t, c.id(), a, byWhom).compose(added -> added
          ? audit.record(t, c.id(), byWhom, AUDIT_ACHIEVEMENT, a.key(), a.name(), null, AuditLog.detail("added", true))
              .map(a)
          : Future.failedFuture(CoreException.conflict("the community has " + a.key() + " already"))));
    });
  }

  /**
   * Deletes one of the staff's achievements (and who earned it); a default one is switched off instead
   * ({@link #switchDefault}: what members earned of it stays theirs).
   */
  public Future<Void> delete(Community c, String key, String byWhom) {
    return store.achievements(c.id()).compose(list -> {
      Optional<Achievement> a = list.stream().filter(x -> x.key().equals(key)).findFirst();
      if (a.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("the community has no achievement " + key));
      }
      if (a.get().builtin()) {
        return switchDefault(c, a.get(), false, byWhom).mapEmpty();
      }
      return tx.inTransaction(t -> store.delete(t, c.id(), key).compose(v -> audit.record(t, c.id(), byWhom,
          AUDIT_ACHIEVEMENT, key, a.get().name(), null, AuditLog.detail("deleted", true))));
    }).mapEmpty();
  }

  /**
   * Switches one of the six default achievements on or off: switched off, nobody earns it any more (what members
   * earned of it stays theirs and keeps its name); switched on again, members who meet it earn it at their next
   * evaluation. Audited when it changes anything. Returns the achievement as it is now.
   */
  public Future<Achievement> switchDefault(Community c, String key, boolean on, String byWhom) {
    return store.achievements(c.id()).compose(list -> {
      Optional<Achievement> a = list.stream().filter(x -> x.key().equals(key)).findFirst();
      if (a.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("the community has no achievement " + key));
      }
      if (!a.get().builtin()) {
        return Future.failedFuture(CoreException.badRequest(key + " is the community's own: only the default "
            + "achievements are switched on and off (delete it instead)"));
      }
      return switchDefault(c, a.get(), on, byWhom);
    });
  }

  /** Switches the default achievement {@code a} (as listed) on or off, audited when that changes anything. */
  private Future<Achievement> switchDefault(Community c, Achievement a, boolean on, String byWhom) {
    Achievement now = new Achievement(a.key(), a.fact(), a.threshold(), null, null, true, !on);
    return tx.inTransaction(t -> store.switchDefault(t, c.id(), a.key(), on, byWhom).compose(changed -> !changed
        ? Future.succeededFuture(now)
        : audit.record(t, c.id(), byWhom, AUDIT_ACHIEVEMENT, a.key(), null, null,
            AuditLog.detail(on ? "switched_on" : "switched_off", true)).map(now)))
        .map(x -> named(x, c.language()));
  }

  /** What a member earned (achievement keys and levels as "level:<threshold>"), newest first. */
  public Future<List<Achievement.Earned>> earned(Community c, String actor) {
    if (actor == null || actor.isBlank()) {
      return Future.failedFuture(CoreException.badRequest("actor is required: the member's actor IRI"));
    }
    return store.earned(c.id(), actor.strip());
  }

  /**
   * What each member named earned, by name in {@code lang} (newest first; levels as their names): the member's
   * history and the public board.
   */
  public Future<Map<String, List<String>>> earnedNames(Community c, List<String> actors, String lang) {
    if (actors.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return levels(c).compose(levels -> achievements(c, lang).compose(list -> store.earned(c.id(), actors).map(rows -> {
      Map<String, List<String>> out = new HashMap<>();
      rows.forEach(e -> out.computeIfAbsent(e.actor(), a -> new ArrayList<>()).add(title(e.key(), list, levels)));
      return out;
    })));
  }

  public Future<String> announce(Community c) {
    return store.announce(c.id());
  }

  /** How the community announces what members earn from now on: dm, post or none. */
  public Future<String> saveAnnounce(Community c, String mode, String byWhom) {
    String m = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
    if (!MODES.contains(m)) {
      return Future.failedFuture(CoreException.badRequest("announce must be one of " + String.join(", ", MODES)));
    }
    return tx.inTransaction(t -> store.saveAnnounce(t, c.id(), m).compose(v -> audit.record(t, c.id(), byWhom,
        AUDIT_LEVELS, c.slug(), null, null, AuditLog.detail("announce", m)))).map(m);
  }

  /** The level a key "level:<threshold>" names, if the community still has it. */
  public static Optional<Level> level(String key, List<Level> levels) {
    if (!key.startsWith(LEVEL_KEY)) {
      return Optional.empty();
    }
    String points = key.substring(LEVEL_KEY.length());
    return levels.stream().filter(l -> String.valueOf(l.points()).equals(points)).findFirst();
  }

  /** The name of what {@code key} stands for (an achievement or a level), as named; the key when unknown. */
  public static String title(String key, List<Achievement> achievements, List<Level> levels) {
    if (key.startsWith(LEVEL_KEY)) {
      return level(key, levels).map(Level::name).orElse(key);
    }
    return achievements.stream().filter(a -> a.key().equals(key)).map(Achievement::name).findFirst().orElse(key);
  }
}
