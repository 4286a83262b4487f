package social.hearth.core.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A community filter's configuration, typed: every field a filter kind reads (which kind reads which is listed on
 * {@code core.moderation.FilterRule}); a field that was not given is null. The adapters turn it into JSON and back
 * (the admin API, the store); the filter pages build it from their form.
 *
 * <p>A list may hold null entries: values that were given but are not text (the rule refuses them with the usual
 * sentence). {@code malformed} names the fields that were given with the wrong shape altogether (a number that is
 * not a whole number, a list that is not a list): the rule refuses those, if its kind reads them, with the same
 * sentence as a value out of range, in the order it reads its fields. A configuration a rule has compiled has none.
 *
 * @param words keywords and sensitive_words: words or phrases
 * @param hashtags topics: the community's topic hashtags
 * @param pattern regex: the regular expression
 * @param max links and mentions: the most allowed
 * @param allow links: the allowed domains
 * @param deny links: the denied domains
 * @param minDays account_age: the youngest account age let through, in days
 * @param firstPosts probation: how many first posts are held
 * @param newcomerPeriod probation: whether posts during the newcomer period are held too
 * @param minutes slow_mode: the interval
 * @param allowed attachments: whether attachments are allowed
 * @param malformed names of the fields given with the wrong shape
 */
public record FilterConfig(List<String> words, List<String> hashtags, String pattern, Integer max, List<String> allow,
                           List<String> deny, Integer minDays, Integer firstPosts, Boolean newcomerPeriod, Integer minutes,
                           Boolean allowed, Set<String> malformed) {

  /** The names of the whole-number fields, and of the list fields, as the adapters spell them. */
  public static final List<String> NUMBER_FIELDS = List.of("max", "minDays", "firstPosts", "minutes");
  public static final List<String> LIST_FIELDS = List.of("words", "hashtags", "allow", "deny");

  /** No field given. */
  public static final FilterConfig EMPTY = new FilterConfig(null, null, null, null, null, null, null, null, null, null,
      null, Set.of());

  public FilterConfig {
    words = copy(words);
    hashtags = copy(hashtags);
    allow = copy(allow);
    deny = copy(deny);
    malformed = malformed == null ? Set.of() : Set.copyOf(malformed);
  }

  /** An unmodifiable copy that keeps null entries (List.copyOf would refuse them). */
  private static List<String> copy(List<String> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }

  public static FilterConfig ofWords(List<String> words) {
    return EMPTY.withWords(words);
  }

  public static FilterConfig ofPattern(String pattern) {
    return EMPTY.withPattern(pattern);
  }

  public FilterConfig withWords(List<String> v) {
    return new FilterConfig(v, hashtags, pattern, max, allow, deny, minDays, firstPosts, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withHashtags(List<String> v) {
    return new FilterConfig(words, v, pattern, max, allow, deny, minDays, firstPosts, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withPattern(String v) {
    return new FilterConfig(words, hashtags, v, max, allow, deny, minDays, firstPosts, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withMax(Integer v) {
    return new FilterConfig(words, hashtags, pattern, v, allow, deny, minDays, firstPosts, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withAllow(List<String> v) {
    return new FilterConfig(words, hashtags, pattern, max, v, deny, minDays, firstPosts, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withDeny(List<String> v) {
    return new FilterConfig(words, hashtags, pattern, max, allow, v, minDays, firstPosts, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withMinDays(Integer v) {
    return new FilterConfig(words, hashtags, pattern, max, allow, deny, v, firstPosts, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withFirstPosts(Integer v) {
    return new FilterConfig(words, hashtags, pattern, max, allow, deny, minDays, v, newcomerPeriod, minutes, allowed,
        malformed);
  }

  public FilterConfig withNewcomerPeriod(Boolean v) {
    return new FilterConfig(words, hashtags, pattern, max, allow, deny, minDays, firstPosts, v, minutes, allowed,
        malformed);
  }

  public FilterConfig withMinutes(Integer v) {
    return new FilterConfig(words, hashtags, pattern, max, allow, deny, minDays, firstPosts, newcomerPeriod, v, allowed,
        malformed);
  }

  public FilterConfig withAllowed(Boolean v) {
    return new FilterConfig(words, hashtags, pattern, max, allow, deny, minDays, firstPosts, newcomerPeriod, minutes, v,
        malformed);
  }

  public FilterConfig withMalformed(Set<String> v) {
    return new FilterConfig(words, hashtags, pattern, max, allow, deny, minDays, firstPosts, newcomerPeriod, minutes,
        allowed, v);
  }

  /** A whole-number field by its name (max, minDays, firstPosts, minutes), or null. */
  public Integer number(String field) {
    return switch (field) {
      case "max" -> max;
      case "minDays" -> minDays;
      case "firstPosts" -> firstPosts;
      case "minutes" -> minutes;
      default -> throw new IllegalArgumentException("not a number field: " + field);
    };
  }

  /** The same configuration with a whole-number field (max, minDays, firstPosts, minutes) set. */
  public FilterConfig withNumber(String field, Integer v) {
    return switch (field) {
      case "max" -> withMax(v);
      case "minDays" -> withMinDays(v);
      case "firstPosts" -> withFirstPosts(v);
      case "minutes" -> withMinutes(v);
      default -> throw new IllegalArgumentException("not a number field: " + field);
    };
  }

  /** A list field by its name (words, hashtags, allow, deny), or null. */
  public List<String> list(String field) {
    return switch (field) {
      case "words" -> words;
      case "hashtags" -> hashtags;
      case "allow" -> allow;
      case "deny" -> deny;
      default -> throw new IllegalArgumentException("not a list field: " + field);
    };
  }

  /** The same configuration with a list field (words, hashtags, allow, deny) set. */
  public FilterConfig withList(String field, List<String> v) {
    return switch (field) {
      case "words" -> withWords(v);
      case "hashtags" -> withHashtags(v);
      case "allow" -> withAllow(v);
      case "deny" -> withDeny(v);
      default -> throw new IllegalArgumentException("not a list field: " + field);
    };
  }
}
