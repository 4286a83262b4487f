package social.hearth.core.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.FilterConfig;

/**
 * A community filter, compiled from its stored kind and configuration. {@link #check} is pure: it looks only at the
 * submission and the author's facts, so the chain can run thousands of times a second and a dry-run replays stored
 * decisions exactly. Whatever happens while a rule looks at a post (it runs out of the chain's time budget, it
 * throws anything at all), the answer is a hold with the reason, never a failure.
 *
 * <p>Kinds and their configuration:
 * <ul>
 *   <li>{@code keywords} {"words": [...]}: a word or phrase in the text or content warning (whole words, any case)</li>
 *   <li>{@code regex} {"pattern": "..."}: a regular expression (RE2 syntax, checked when saved)</li>
 *   <li>{@code links} {"max": n, "allow": [domains], "deny": [domains]}: too many links, a denied domain, or a
 *       domain outside the allowed ones</li>
 *   <li>{@code mentions} {"max": n}: more mentions than that</li>
 *   <li>{@code account_age} {"minDays": n}: a remote account younger than that</li>
 *   <li>{@code probation} {"firstPosts": n, "newcomerPeriod": true}: a member's first posts, or posts while a newcomer</li>
 *   <li>{@code slow_mode} {"minutes": n}: a second post from the same person within that time</li>
 *   <li>{@code topics} {"hashtags": [...]}: a new thread without one of the community's topic hashtags</li>
 *   <li>{@code sensitive_words} {"words": [...]}: one of these words without a content warning</li>
 *   <li>{@code attachments} {"allowed": false}: any attachment</li>
 * </ul>
 */
public final class FilterRule {

  private static final Logger LOG = LoggerFactory.getLogger(FilterRule.class);

  public static final List<String> KINDS = List.of("keywords", "regex", "links", "mentions", "account_age", "probation",
      "slow_mode", "topics", "sensitive_words", "attachments");
  static final int MAX_WORDS = 500;

  private final long id;
  private final String kind;
  private final String action;
  private final FilterConfig config;
  private final Check check;
  /** Why a stored filter no longer compiles, or null. */
  private final String broken;

  /** A match: its message key (for translation), its English sentence, and the values the sentence names. */
  record Match(String key, String message, Map<String, String> args) {}

  static Match m(String key, String message, Object... args) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      map.put((String) args[i], String.valueOf(args[i + 1]));
    }
    return new Match(key, message, map);
  }

  /** What a kind looks for; text it reads comes through {@link BudgetedText} with the given deadline. */
  @FunctionalInterface
  interface Check {
    Optional<Match> apply(Submission s, AuthorFacts f, Community c, Instant now, long deadlineNanos);
  }

  FilterRule(long id, String kind, String action, FilterConfig config, Check check) {
    this(id, kind, action, config, check, null);
  }

  private FilterRule(long id, String kind, String action, FilterConfig config, Check check, String broken) {
    this.id = id;
    this.kind = kind;
    this.action = action;
    this.config = config;
    this.check = check;
    this.broken = broken;
  }

  /**
   * A stored filter that no longer compiles (saved before a stricter check): it holds what it would have looked at,
   * saying why, until it is changed or deleted. It is never silently skipped, which would let through what it was
   * written to stop.
   */
  static FilterRule broken(long id, String kind, String action, String problem) {
    return new FilterRule(id, kind, action, FilterConfig.EMPTY, null, "filter #" + id + " (" + kind
        + ") no longer compiles (" + problem + "); change or delete it");
  }

  public long id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public String action() {
    return action;
  }

  /** The configuration as validated and normalised (defaults filled in, domains normalised): what is stored. */
  public FilterConfig config() {
    return config;
  }

  /** The reason when this rule matches, empty otherwise; checked on its own, with a whole time budget. */
  public Optional<Reason> check(Submission s, AuthorFacts f, Community c, Instant now) {
    return check(s, f, c, now, FilterChain.clock() + FilterChain.TIME_BUDGET.toNanos());
  }

  /** As {@link #check(Submission, AuthorFacts, Community, Instant)}, within a chain's deadline. */
  Optional<Reason> check(Submission s, AuthorFacts f, Community c, Instant now, long deadlineNanos) {
    if (s.kind() == Submission.Kind.LIKE && !kind.equals("account_age")) {
      return Optional.empty();
    }
    if (broken != null) {
      return Optional.of(Reason.undecided(kind, id, broken));
    }
    try {
      return check.apply(s, f, c, now, deadlineNanos)
          .map(m -> new Reason(kind, m.message(), id, action, m.key(), m.args()));
    } catch (BudgetedText.OutOfTime e) {
      return Optional.of(Reason.undecided(kind, id, "filter #" + id + " (" + kind + ") ran out of time on this post (the "
          + "filters have " + FilterChain.TIME_BUDGET.toMillis() + " ms for a post); a moderator should look"));
    } catch (Throwable e) { // a StackOverflowError, a bug: the post waits for a person instead of passing or failing
      LOG.warn("filter #{} ({}) failed on a post by {}", id, kind, s.authorId(), e);
      return Optional.of(Reason.undecided(kind, id, "filter #" + id + " (" + kind + ") failed on this post ("
          + e.getClass().getSimpleName() + "); a moderator should look"));
    }
  }

  /** Validates and compiles a filter; throws IllegalArgumentException with a reason a moderator can act on. */
  public static FilterRule compile(long id, String kind, FilterConfig rawConfig, String action) {
    if (kind == null || !KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind must be one of " + String.join(", ", KINDS));
    }
    if (!"hold".equals(action) && !"reject".equals(action)) {
      throw new IllegalArgumentException("action must be hold or reject");
    }
    FilterConfig config = rawConfig == null ? FilterConfig.EMPTY : rawConfig;
    Check check;
    switch (kind) {
      case "keywords" -> {
        WordList words = words(config, "words");
        check = (s, f, c, now, deadline) -> words.firstIn(s.text() + "\n" + (s.summary() == null ? ""
            : s.summary()), deadline).map(w -> m("keywords", "contains \"" + w + "\", a blocked word", "word", w));
      }
      case "regex" -> {
        SafeRegex regex = SafeRegex.compile(text(config.pattern(), "pattern"));
        // no line break after the text when there is no content warning: $ is the end of the text, as it was
        check = (s, f, c, now, deadline) -> regex.find(new BudgetedText(s.summary() == null || s.summary().isEmpty()
            ? s.text() : s.text() + "\n" + s.summary(), deadline))
            ? Optional.of(m("regex", "matches the pattern " + regex.source(), "pattern", regex.source())) : Optional.empty();
      }
      case "links" -> {
        int max = number(config, "max", 0, 1000, Integer.MAX_VALUE);
        List<String> allow = domains(config, "allow");
        List<String> deny = domains(config, "deny");
        config = config.withAllow(allow.isEmpty() ? null : allow).withDeny(deny.isEmpty() ? null : deny);
        check = (s, f, c, now, deadline) -> links(s, max, allow, deny);
      }
      case "mentions" -> {
        int max = number(config, "max", 0, 1000, 5);
        config = config.withMax(max);
        check = (s, f, c, now, deadline) -> s.mentions() > max
            ? Optional.of(m("mentions", "mentions " + s.mentions() + " accounts; at most " + max + " are allowed",
                "count", s.mentions(), "max", max)) : Optional.empty();
      }
      case "account_age" -> {
        int days = number(config, "minDays", 1, 3650, 7);
        config = config.withMinDays(days);
        check = (s, f, c, now, deadline) -> f.accountCreated() != null
            && f.accountCreated().isAfter(now.minus(Duration.ofDays(days)))
            ? Optional.of(m("account_age", "comes from an account created less than " + days + " days ago", "days", days))
            : Optional.empty();
      }
      case "probation" -> {
        int first = number(config, "firstPosts", 0, 1000, 3);
        config = config.withFirstPosts(first);
        boolean period = config.newcomerPeriod() == null || config.newcomerPeriod();
        check = (s, f, c, now, deadline) -> probation(s, f, c, now, first, period);
      }
      case "slow_mode" -> {
        int minutes = number(config, "minutes", 1, 10080, 5);
        config = config.withMinutes(minutes);
        check = (s, f, c, now, deadline) -> s.kind() == Submission.Kind.POST && !f.skipSlowMode() && f.lastPostAt() != null
            && f.lastPostAt().isAfter(now.minus(Duration.ofMinutes(minutes)))
            ? Optional.of(m("slow_mode", "came less than " + minutes + " minutes after the author's previous post (slow mode)",
                "minutes", minutes)) : Optional.empty();
      }
      case "topics" -> {
        List<String> tags = new ArrayList<>();
        for (String t : strings(config, "hashtags", true)) {
          tags.add(t.replaceFirst("^#", "").toLowerCase(Locale.ROOT));
        }
        if (tags.isEmpty()) {
          throw new IllegalArgumentException("hashtags must not be empty");
        }
        check = (s, f, c, now, deadline) -> s.kind() == Submission.Kind.POST && !s.reply()
            && s.hashtags().stream().noneMatch(tags::contains)
            ? Optional.of(m("topics", "carries none of the community's topics (#" + String.join(", #", tags) + ")",
                "topics", "#" + String.join(", #", tags))) : Optional.empty();
      }
      case "sensitive_words" -> {
        WordList words = words(config, "words");
        check = (s, f, c, now, deadline) -> (s.summary() == null || s.summary().isBlank())
            ? words.firstIn(s.text(), deadline).map(w -> m("sensitive_words", "mentions \"" + w
                + "\" without a content warning", "word", w)) : Optional.empty();
      }
      case "attachments" -> {
        boolean allowed = config.allowed() != null && config.allowed();
        check = (s, f, c, now, deadline) -> !allowed && s.attachments() > 0
            ? Optional.of(m("attachments", "has " + s.attachments() + " attachment(s); this community takes text only",
                "count", s.attachments())) : Optional.empty();
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    }
    return new FilterRule(id, kind, action, only(kind, config), check);
  }

  /** The fields the kind reads (what is stored), nothing else. */
  private static FilterConfig only(String kind, FilterConfig c) {
    FilterConfig e = FilterConfig.EMPTY;
    return switch (kind) {
      case "keywords", "sensitive_words" -> e.withWords(c.words());
      case "regex" -> e.withPattern(c.pattern());
      case "links" -> e.withMax(c.max()).withAllow(c.allow()).withDeny(c.deny());
      case "mentions" -> e.withMax(c.max());
      case "account_age" -> e.withMinDays(c.minDays());
      case "probation" -> e.withFirstPosts(c.firstPosts()).withNewcomerPeriod(c.newcomerPeriod());
      case "slow_mode" -> e.withMinutes(c.minutes());
      case "topics" -> e.withHashtags(c.hashtags());
      case "attachments" -> e.withAllowed(c.allowed());
      default -> e;
    };
  }

  /**
   * Too many links; or a link, whatever it looks like, to a denied domain; or a plain link outside the allowed ones.
   * Links that are the post's own mentions and hashtags are not counted and need not be allowed, but are denied.
   */
  private static Optional<Match> links(Submission s, int max, List<String> allow, List<String> deny) {
    if (s.linkHosts().size() > max) {
      return Optional.of(m("links.too_many", "has " + s.linkHosts().size() + " links; at most " + max + " are allowed",
          "count", s.linkHosts().size(), "max", max));
    }
    for (String host : s.linkHosts()) {
      if (matchesAny(host, deny)) {
        return Optional.of(m("links.denied", "links to " + host + ", a denied domain", "domain", host));
      }
      if (!allow.isEmpty() && !matchesAny(host, allow)) {
        return Optional.of(m("links.not_allowed", "links to " + host + ", which is not among the allowed domains",
            "domain", host));
      }
    }
    for (String host : s.tagLinkHosts()) {
      if (matchesAny(host, deny)) {
        return Optional.of(m("links.denied", "links to " + host + ", a denied domain", "domain", host));
      }
    }
    return Optional.empty();
  }

  private static Optional<Match> probation(Submission s, AuthorFacts f, Community c, Instant now, int first,
                                           boolean period) {
    if (s.kind() != Submission.Kind.POST || f.skipProbation()) {
      return Optional.empty();
    }
    if (f.acceptedPosts() < first) {
      return Optional.of(m("probation.first_posts", "is one of the author's first " + first
          + " posts here (newcomer probation)", "count", first));
    }
    if (period && (f.memberSince() == null || f.memberSince().isAfter(now.minus(Duration.ofDays(c.newcomerDays()))))) {
      return Optional.of(m("probation.newcomer", "was posted during the author's first " + c.newcomerDays()
          + " days as a member (newcomer probation)", "days", c.newcomerDays()));
    }
    return Optional.empty();
  }

  private static String text(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** A whole number in range; the default when not given ({@code Integer.MAX_VALUE}: none, and none is stored). */
  private static int number(FilterConfig config, String field, int min, int max, int dflt) {
    Integer v = config.number(field);
    if (config.malformed().contains(field) || v != null && (v < min || v > max)) {
      throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max);
    }
    return v == null ? dflt : v;
  }

  private static List<String> strings(FilterConfig config, String field, boolean required) {
    List<String> v = config.list(field);
    if (config.malformed().contains(field) || v != null && v.size() > MAX_WORDS) {
      throw new IllegalArgumentException(field + " must be a list of at most " + MAX_WORDS + " strings");
    }
    if (v == null) {
      if (required) {
        throw new IllegalArgumentException(field + " is required: a list of strings");
      }
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String n : v) {
      if (n == null || n.isBlank() || n.length() > 100) {
        throw new IllegalArgumentException(field + " must contain strings of 1 to 100 characters");
      }
      out.add(n.strip());
    }
    return out;
  }

  /** Whole-word, case-insensitive words or phrases. */
  private static WordList words(FilterConfig config, String field) {
    List<String> words = strings(config, field, true);
    if (words.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return new WordList(words);
  }

  private static List<String> domains(FilterConfig config, String field) {
    List<String> out = new ArrayList<>();
    for (String d : strings(config, field, false)) {
      out.add(DomainNames.normalize(d));
    }
    return out;
  }

  private static boolean matchesAny(String host, List<String> domains) {
    for (String d : domains) {
      if (DomainNames.within(host, d)) {
        return true;
      }
    }
    return false;
  }
}
