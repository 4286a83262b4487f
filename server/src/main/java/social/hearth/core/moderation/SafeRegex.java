package social.hearth.core.moderation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions written by moderators, made safe on hostile input. When saved, a pattern is refused if it is
 * long, uses back-references, or repeats a group that itself repeats or alternates (the shapes behind catastrophic
 * backtracking, such as {@code (a+)+} or {@code (a|aa)*}). When run, it matches against text that counts every
 * character read and stops the match after {@link #STEP_BUDGET} steps.
 */
public final class SafeRegex {

  public static final int MAX_LENGTH = 200;
  static final int STEP_BUDGET = 200_000;

  private final Pattern pattern;

  private SafeRegex(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Thrown when a match needs more steps than the budget allows. */
  public static final class TooSlowException extends RuntimeException {
    TooSlowException() {
      super("the pattern needed too many steps on this text", null, false, false);
    }
  }

  /** Compiles (case-insensitive, Unicode) or throws IllegalArgumentException saying what is wrong. */
  public static SafeRegex compile(String source) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("the pattern is empty");
    }
    if (source.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a pattern may have at most " + MAX_LENGTH + " characters");
    }
    if (source.matches("(?s).*\\\\([1-9]|k<).*")) {
      throw new IllegalArgumentException("back-references are not allowed in patterns");
    }
    checkNesting(source);
    try {
      return new SafeRegex(Pattern.compile(source, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("the pattern is not a valid regular expression: " + e.getDescription());
    }
  }

  /**
   * Refuses a quantified group whose body contains a quantifier or an alternation: the nested repetition that can
   * take exponential time.
   */
  private static void checkNesting(String s) {
    int n = s.length();
    int[] openAt = new int[n + 1];
    boolean[] risky = new boolean[n + 1];
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        }
        continue;
      }
      switch (c) {
        case '[' -> inClass = true;
        case '(' -> {
          depth++;
          openAt[depth] = i;
          risky[depth] = false;
        }
        case ')' -> {
          if (depth == 0) {
            return; // unbalanced: Pattern.compile will say so
          }
          boolean bodyRisky = risky[depth];
          depth--;
          boolean quantified = i + 1 < n && "*+{?".indexOf(s.charAt(i + 1)) >= 0;
          boolean repeats = i + 1 < n && ("*+{".indexOf(s.charAt(i + 1)) >= 0);
          if (bodyRisky && repeats) {
            throw new IllegalArgumentException("a repeated group may not itself contain repetition or alternatives "
                + "(for example (a+)+ or (a|b)*): such patterns can take minutes on hostile text");
          }
          if (depth > 0 && (bodyRisky || quantified)) {
            risky[depth] = true;
          }
        }
        case '*', '+', '|' -> {
          if (depth > 0) {
            risky[depth] = true;
          }
        }
        case '{' -> {
          if (depth > 0 && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
            risky[depth] = true;
          }
        }
        default -> { }
      }
    }
  }

  /** True when the pattern occurs in the text; throws {@link TooSlowException} past the step budget. */
  public boolean find(String text) {
    Matcher m = pattern.matcher(new Budgeted(text, STEP_BUDGET));
    return m.find();
  }

  public String source() {
    return pattern.pattern();
  }

  /** Text that counts the characters a matcher reads. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final int[] left;

    Budgeted(String text, int budget) {
      this(text, new int[] {budget});
    }

    private Budgeted(String text, int[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new TooSlowException();
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(text.substring(start, end), left);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
