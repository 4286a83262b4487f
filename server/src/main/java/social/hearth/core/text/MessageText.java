package social.hearth.core.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The text of a direct message as people's clients send it. Every Mastodon-family client starts a direct message
 * with the mention of whom it is for ({@code @book-club@example.org report ...}), often several; so what the message
 * says (a keyword, an answer) is read after those mentions. The one place that knows what a mention looks like in
 * a message's text: join answers and reports both read messages through it.
 */
public final class MessageText {

  /** A mention as text: {@code @name} or {@code @name@host}, as clients render it (Mastodon: {@code @<span>name</span>}). */
  private static final String MENTION = "@[\\p{L}\\p{N}_.-]+(?:@[\\p{L}\\p{N}_.:-]+)?";
  private static final Pattern ANY_MENTION = Pattern.compile("(^|\\s)" + MENTION);
  /** Mentions at the start, with the spaces and separators (",", ":", ";") people put between and after them. */
  private static final Pattern LEADING_MENTIONS = Pattern.compile("^(?:[\\s,:;]*" + MENTION + ")+[\\s,:;]*");
  /** At most this many links are read from one message. */
  public static final int MAX_LINKS = 20;
  private static final Pattern BARE_LINK = Pattern.compile("https?://[^\\s<>\"]+");

  private MessageText() {}

  /** The message's text (from its HTML) without the mentions it starts with. */
  public static String afterLeadingMentions(String html) {
    return LEADING_MENTIONS.matcher(Html.text(html)).replaceFirst("").strip();
  }

  /** The message's text (from its HTML) without any mention in it: what an applicant answered. */
  public static String withoutMentions(String html) {
    return ANY_MENTION.matcher(Html.text(html)).replaceAll(" ").replaceAll("\\s+", " ").strip();
  }

  /**
   * Whether the message, after its leading mentions, starts with one of {@code words} (any case, as a whole word:
   * "report:" and "Report," count, "reporter" does not).
   */
  public static boolean startsWithWord(String html, List<String> words) {
    String text = afterLeadingMentions(html).toLowerCase(java.util.Locale.ROOT);
    for (String w : words) {
      if (text.startsWith(w) && (text.length() == w.length() || !isWordChar(text.codePointAt(w.length())))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '_' || cp == '-';
  }

  /**
   * The http(s) links of the message, in order, at most {@link #MAX_LINKS}: the targets of its links (not the
   * mentions' profile links) and addresses written as plain text (a client that does not make them links).
   */
  public static List<String> links(String html) {
    Set<String> links = new LinkedHashSet<>();
    for (Element a : Jsoup.parse(html == null ? "" : html).select("a[href]")) {
      if (a.hasClass("mention") || a.text().startsWith("@")) {
        continue;
      }
      add(links, a.attr("href"));
    }
    Matcher m = BARE_LINK.matcher(Html.text(html));
    while (m.find()) {
      add(links, m.group().replaceAll("[.,;:!?)\\]]+$", ""));
    }
    return new ArrayList<>(links);
  }

  private static void add(Set<String> links, String href) {
    String url = Links.httpUrl(href);
    if (url != null && links.size() < MAX_LINKS) {
      links.add(url);
    }
  }
}
