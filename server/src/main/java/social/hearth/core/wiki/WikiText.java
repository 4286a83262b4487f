package social.hearth.core.wiki;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.hearth.core.CoreException;
import social.hearth.core.text.Html;

/**
 * The wiki's text rules: page names (any script, NFC, no slash or link brackets), the Markdown of a page with
 * {@code [[Name]]} and {@code [[Name|text]]} links between pages, rendered safely, and the line diff of two revisions
 * (java-diff-utils).
 */
public final class WikiText {

  /** The longest page name, in characters. */
  public static final int NAME_MAX = 120;
  /** The longest page text, in characters. */
  public static final int CONTENT_MAX = 100_000;
  /** The longest summary of a save. */
  public static final int SUMMARY_MAX = 300;

  private static final Pattern LINK = Pattern.compile("\\[\\[([^\\[\\]|\\n]{1," + NAME_MAX + "})(?:\\|([^\\[\\]\\n]{1,200}))?\\]\\]");
  private static final Pattern BAD_NAME = Pattern.compile("[/\\\\?#%\\[\\]|<>\\p{Cntrl}]");

  /** A line of a diff: kept, added or removed. */
  public record DiffLine(Kind kind, String text) {
    public enum Kind { SAME, ADDED, REMOVED }
  }

  private WikiText() {}

  /** A page name as stored: trimmed, inner spaces collapsed, NFC; a 400 with the reason when it cannot be one. */
  public static String name(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new CoreException(CoreException.Kind.INVALID, "wiki.name.empty", "name: a page needs a name");
    }
    String name = Normalizer.normalize(raw.strip().replaceAll("\\s+", " "), Normalizer.Form.NFC);
    if (name.codePointCount(0, name.length()) > NAME_MAX) {
      throw new CoreException(CoreException.Kind.INVALID, "wiki.name.long",
          "name: a page name has at most " + NAME_MAX + " characters");
    }
    if (BAD_NAME.matcher(name).find() || name.equals(".") || name.equals("..")) {
      throw new CoreException(CoreException.Kind.INVALID, "wiki.name.characters",
          "name: a page name cannot contain / \\ ? # % [ ] | < > or control characters");
    }
    return name;
  }

  /** Checks a save's text and summary. */
  static void check(String content, String summary) {
    if (content == null || content.isBlank()) {
      throw new CoreException(CoreException.Kind.INVALID, "wiki.content.empty", "content: a page needs some text");
    }
    if (content.length() > CONTENT_MAX) {
      throw new CoreException(CoreException.Kind.INVALID, "wiki.content.long",
          "content: a page has at most " + CONTENT_MAX + " characters");
    }
    if (summary != null && summary.length() > SUMMARY_MAX) {
      throw new CoreException(CoreException.Kind.INVALID, "wiki.summary.long",
          "summary: at most " + SUMMARY_MAX + " characters");
    }
  }

  /** The page's Markdown as safe HTML, each {@code [[Name]]} a link to that page's address ({@code url}). */
  public static String html(String markdown, Function<String, String> url) {
    Matcher m = LINK.matcher(markdown == null ? "" : markdown);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String target;
      try {
        target = name(m.group(1));
      } catch (CoreException e) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String text = m.group(2) == null ? target : m.group(2).strip();
      String label = text.replaceAll("([\\\\`*_{}()#+\\-.!<>~])", "\\\\$1");
      m.appendReplacement(out, Matcher.quoteReplacement("[" + label + "](<" + url.apply(target) + ">)"));
    }
    m.appendTail(out);
    return Html.markdown(out.toString());
  }

  /** The lines that changed from {@code before} to {@code after}, with the unchanged ones around them. */
  public static List<DiffLine> diff(String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    Patch<String> patch = DiffUtils.diff(a, b);
    List<DiffLine> out = new ArrayList<>();
    int i = 0;
    for (AbstractDelta<String> d : patch.getDeltas()) {
      int at = d.getSource().getPosition();
      while (i < at) {
        out.add(new DiffLine(DiffLine.Kind.SAME, a.get(i++)));
      }
      d.getSource().getLines().forEach(l -> out.add(new DiffLine(DiffLine.Kind.REMOVED, l)));
      d.getTarget().getLines().forEach(l -> out.add(new DiffLine(DiffLine.Kind.ADDED, l)));
      i = at + d.getSource().size();
    }
    while (i < a.size()) {
      out.add(new DiffLine(DiffLine.Kind.SAME, a.get(i++)));
    }
    return out;
  }

  private static List<String> lines(String text) {
    return List.of((text == null ? "" : text).split("\\r?\\n", -1));
  }
}
