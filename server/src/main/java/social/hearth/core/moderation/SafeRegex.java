package social.hearth.core.moderation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Regular expressions written by moderators, run on RE2/J: a linear-time engine (an automaton, no backtracking), so
 * no pattern can take exponential time, whatever the text ({@code (a+)+$} is as fast as {@code a+$}). The price is
 * the constructs that need backtracking: back-references, lookahead and lookbehind, atomic groups and possessive
 * quantifiers are refused when the pattern is saved, with a sentence saying so. Patterns are matched without regard
 * to case (Unicode case folding) and may have at most {@link #MAX_LENGTH} characters.
 */
public final class SafeRegex {

  public static final int MAX_LENGTH = 200;

  private final Pattern pattern;

  private SafeRegex(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Compiles (case-insensitive) or throws IllegalArgumentException saying what is wrong. */
  public static SafeRegex compile(String source) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("the pattern is empty");
    }
    if (source.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a pattern may have at most " + MAX_LENGTH + " characters");
    }
    try {
      return new SafeRegex(Pattern.compile(source, Pattern.CASE_INSENSITIVE));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(explain(e));
    }
  }

  /** RE2/J's complaint as a moderator can act on it. */
  private static String explain(PatternSyntaxException e) {
    String at = e.getPattern() == null ? "" : e.getPattern();
    String engine = ": patterns run on a linear-time engine (RE2), which cannot do this";
    if (at.matches("\\\\[1-9k].*")) {
      return "back-references (\\1, \\k<name>) are not allowed in patterns" + engine;
    }
    if (at.startsWith("(?=") || at.startsWith("(?!") || at.startsWith("(?<=") || at.startsWith("(?<!")) {
      return "lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not allowed in patterns" + engine;
    }
    if (at.startsWith("(?>") || at.matches("[*+?}][+]")) {
      return "atomic groups and possessive quantifiers ((?>, ++, *+) are not allowed in patterns" + engine;
    }
    return "the pattern is not a valid regular expression: " + e.getDescription() + (at.isEmpty() ? "" : " at " + at);
  }

  /** True when the pattern occurs in the text. */
  boolean find(CharSequence text) {
    return pattern.matcher(text).find();
  }

  public String source() {
    return pattern.pattern();
  }
}
