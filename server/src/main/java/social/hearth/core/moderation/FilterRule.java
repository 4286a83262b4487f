package social.hearth.core.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.JsonLimits;

/**
 * A community filter, compiled from its stored kind and JSON configuration. {@link #check} is pure: it looks only at
 * the submission and the author's facts, so the chain can run thousands of times a second and a dry-run replays
 * stored decisions exactly.
 *
 * <p>Kinds and their configuration:
 * <ul>
 *   <li>{@code keywords} {"words": [...]}: a word or phrase in the text or content warning (whole words, any case)</li>
 *   <li>{@code regex} {"pattern": "..."}: a regular expression (checked for safety when saved)</li>
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

  public static final List<String> KINDS = List.of("keywords", "regex", "links", "mentions", "account_age", "probation",
      "slow_mode", "topics", "sensitive_words", "attachments");
  static final int MAX_WORDS = 500;

  private final long id;
  private final String kind;
  private final String action;
  private final ObjectNode config;
  private final Check check;

  /** A match: its message key (for translation), its English sentence, and the values the sentence names. */
  private record Match(String key, String message, java.util.Map<String, String> args) {}

  private static Match m(String key, String message, Object... args) {
    java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      map.put((String) args[i], String.valueOf(args[i + 1]));
    }
    return new Match(key, message, map);
  }

  @FunctionalInterface
  private interface Check {
    Optional<Match> apply(Submission s, AuthorFacts f, Community c, Instant now);
  }

  private FilterRule(long id, String kind, String action, ObjectNode config, Check check) {
    this.id = id;
    this.kind = kind;
    this.action = action;
    this.config = config;
    this.check = check;
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

  public ObjectNode config() {
    return config;
  }

  /** The reason when this rule matches, empty otherwise. */
  public Optional<Reason> check(Submission s, AuthorFacts f, Community c, Instant now) {
    if (s.kind() == Submission.Kind.LIKE && !kind.equals("account_age")) {
      return Optional.empty();
    }
    Optional<Match> message;
    try {
      message = check.apply(s, f, c, now);
    } catch (SafeRegex.TooSlowException e) {
      message = Optional.of(m("regex.too_slow", "the pattern " + config.path("pattern").asText()
          + " took too long on this post; a moderator should look", "pattern", config.path("pattern").asText()));
    }
    return message.map(m -> new Reason(kind, m.message(), id, action, m.key(), m.args()));
  }

  /** Validates and compiles a filter; throws IllegalArgumentException with a reason a moderator can act on. */
  public static FilterRule compile(long id, String kind, JsonNode rawConfig, String action) {
    if (kind == null || !KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind must be one of " + String.join(", ", KINDS));
    }
    if (!"hold".equals(action) && !"reject".equals(action)) {
      throw new IllegalArgumentException("action must be hold or reject");
    }
    ObjectNode config = rawConfig != null && rawConfig.isObject() ? (ObjectNode) rawConfig.deepCopy() : JsonLimits.MAPPER.createObjectNode();
    Check check = switch (kind) {
      case "keywords" -> {
        List<Pattern> words = words(config, "words");
        yield (s, f, c, now) -> firstMatch(words, s.text() + "\n" + (s.summary() == null ? "" : s.summary()))
            .map(w -> m("keywords", "contains \"" + w + "\", a blocked word", "word", w));
      }
      case "regex" -> {
        SafeRegex regex = SafeRegex.compile(text(config, "pattern"));
        yield (s, f, c, now) -> regex.find(s.text() + "\n" + (s.summary() == null ? "" : s.summary()))
            ? Optional.of(m("regex", "matches the pattern " + regex.source(), "pattern", regex.source())) : Optional.empty();
      }
      case "links" -> {
        int max = number(config, "max", 0, 1000, Integer.MAX_VALUE);
        List<String> allow = domains(config, "allow");
        List<String> deny = domains(config, "deny");
        yield (s, f, c, now) -> {
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
          return Optional.empty();
        };
      }
      case "mentions" -> {
        int max = number(config, "max", 0, 1000, 5);
        yield (s, f, c, now) -> s.mentions() > max
            ? Optional.of(m("mentions", "mentions " + s.mentions() + " accounts; at most " + max + " are allowed",
                "count", s.mentions(), "max", max)) : Optional.empty();
      }
      case "account_age" -> {
        int days = number(config, "minDays", 1, 3650, 7);
        yield (s, f, c, now) -> f.accountCreated() != null && f.accountCreated().isAfter(now.minus(Duration.ofDays(days)))
            ? Optional.of(m("account_age", "comes from an account created less than " + days + " days ago", "days", days))
            : Optional.empty();
      }
      case "probation" -> {
        int first = number(config, "firstPosts", 0, 1000, 3);
        boolean period = !config.has("newcomerPeriod") || config.get("newcomerPeriod").asBoolean(true);
        yield (s, f, c, now) -> {
          if (s.kind() != Submission.Kind.POST) {
            return Optional.empty();
          }
          if (f.acceptedPosts() < first) {
            return Optional.of(m("probation.first_posts", "is one of the author's first " + first
                + " posts here (newcomer probation)", "count", first));
          }
          if (period && (f.memberSince() == null
              || f.memberSince().isAfter(now.minus(Duration.ofDays(c.newcomerDays()))))) {
            return Optional.of(m("probation.newcomer", "was posted during the author's first " + c.newcomerDays()
                + " days as a member (newcomer probation)", "days", c.newcomerDays()));
          }
          return Optional.empty();
        };
      }
      case "slow_mode" -> {
        int minutes = number(config, "minutes", 1, 10080, 5);
        yield (s, f, c, now) -> s.kind() == Submission.Kind.POST && f.lastPostAt() != null
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
        yield (s, f, c, now) -> s.kind() == Submission.Kind.POST && !s.reply()
            && s.hashtags().stream().noneMatch(tags::contains)
            ? Optional.of(m("topics", "carries none of the community's topics (#" + String.join(", #", tags) + ")",
                "topics", "#" + String.join(", #", tags))) : Optional.empty();
      }
      case "sensitive_words" -> {
        List<Pattern> words = words(config, "words");
        yield (s, f, c, now) -> (s.summary() == null || s.summary().isBlank())
            ? firstMatch(words, s.text()).map(w -> m("sensitive_words", "mentions \"" + w + "\" without a content warning",
                "word", w)) : Optional.empty();
      }
      case "attachments" -> {
        boolean allowed = config.path("allowed").asBoolean(false);
        yield (s, f, c, now) -> !allowed && s.attachments() > 0
            ? Optional.of(m("attachments", "has " + s.attachments() + " attachment(s); this community takes text only",
                "count", s.attachments())) : Optional.empty();
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    };
    return new FilterRule(id, kind, action, config, check);
  }

  private static String text(ObjectNode config, String field) {
    JsonNode v = config.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return v.asText();
  }

  private static int number(ObjectNode config, String field, int min, int max, int dflt) {
    JsonNode v = config.get(field);
    if (v == null || v.isNull()) {
      if (dflt == Integer.MAX_VALUE) {
        return dflt;
      }
      config.put(field, dflt);
      return dflt;
    }
    if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
      throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max);
    }
    return v.asInt();
  }

  private static List<String> strings(ObjectNode config, String field, boolean required) {
    JsonNode v = config.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + " is required: a list of strings");
      }
      return List.of();
    }
    if (!v.isArray() || v.size() > MAX_WORDS) {
      throw new IllegalArgumentException(field + " must be a list of at most " + MAX_WORDS + " strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : v) {
      if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 100) {
        throw new IllegalArgumentException(field + " must contain strings of 1 to 100 characters");
      }
      out.add(n.asText().strip());
    }
    return out;
  }

  /** Whole-word, case-insensitive literal patterns. */
  private static List<Pattern> words(ObjectNode config, String field) {
    List<Pattern> out = new ArrayList<>();
    for (String w : strings(config, field, true)) {
      String lead = Character.isLetterOrDigit(w.charAt(0)) ? "\\b" : "";
      String tail = Character.isLetterOrDigit(w.charAt(w.length() - 1)) ? "\\b" : "";
      out.add(Pattern.compile("(?iu)" + lead + Pattern.quote(w) + tail));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return out;
  }

  private static Optional<String> firstMatch(List<Pattern> words, String text) {
    for (Pattern p : words) {
      var m = p.matcher(text);
      if (m.find()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }

  private static List<String> domains(ObjectNode config, String field) {
    List<String> out = new ArrayList<>();
    for (String d : strings(config, field, false)) {
      out.add(DomainNames.normalize(d));
    }
    ArrayNode normalised = config.putArray(field);
    out.forEach(normalised::add);
    if (out.isEmpty()) {
      config.remove(field);
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
