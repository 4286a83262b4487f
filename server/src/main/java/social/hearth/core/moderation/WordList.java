package social.hearth.core.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words and phrases a filter looks for: whole words, in any case. Each is a case-insensitive literal pattern; the post
 * is first folded to lower case once, the way those patterns fold it, so a plain search rules out at once every word
 * that cannot occur (most of them, on most posts) and only the rest run their pattern, within the time budget.
 */
final class WordList {

  /** A word's pattern, and its text folded as the pattern folds it (null when a plain search cannot follow it). */
  private record Word(Pattern pattern, String folded) {}

  private final List<Word> words = new ArrayList<>();

  WordList(List<String> words) {
    for (String w : words) {
      String lead = Character.isLetterOrDigit(w.charAt(0)) ? "\\b" : "";
      String tail = Character.isLetterOrDigit(w.charAt(w.length() - 1)) ? "\\b" : "";
      this.words.add(new Word(Pattern.compile("(?iu)" + lead + Pattern.quote(w) + tail), foldable(w) ? fold(w) : null));
    }
  }

  /** The first word found in the text, as written there. */
  Optional<String> firstIn(String text, long deadlineNanos) {
    String folded = fold(text);
    CharSequence budgeted = new BudgetedText(text, deadlineNanos);
    for (Word w : words) {
      if (w.folded() != null && !folded.contains(w.folded())) {
        continue;
      }
      Matcher m = w.pattern().matcher(budgeted);
      if (m.find()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }

  /** A character as java.util.regex folds it for a case-insensitive Unicode literal. */
  private static int fold(int c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  /** The text folded character by character (a character whose fold would leave the BMP stays as it is). */
  private static String fold(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      int f = fold((int) s.charAt(i));
      out[i] = f <= 0xFFFF ? (char) f : s.charAt(i);
    }
    return new String(out);
  }

  /**
   * True when every match of the word's pattern shows in the folded text: each of its characters is in the BMP, not a
   * surrogate, and folds to a character that folds to itself (the pattern compares a post's character, or its fold,
   * with the word's folded character).
   */
  private static boolean foldable(String w) {
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      int f = fold((int) c);
      if (Character.isSurrogate(c) || f > 0xFFFF || fold(f) != f) {
        return false;
      }
    }
    return true;
  }
}
