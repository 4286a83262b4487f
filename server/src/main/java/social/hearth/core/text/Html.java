package social.hearth.core.text;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/** Turning text, Markdown and remote HTML into HTML that is safe to publish and show. */
public final class Html {

  /**
   * The version of what {@link #render} produces. Stored renderings of an older version are made again (when a post
   * is next read), so a change to the sanitiser reaches posts stored before it.
   */
  public static final int VERSION = 1;
  /** The most text a preview (the form lists show of a post) keeps: a long article is cut here. */
  public static final int PREVIEW_TEXT = 3_000;
  /** The most elements a preview keeps. */
  static final int PREVIEW_ELEMENTS = 600;
  /** The most characters of HTML a preview may have; a longer one (huge links, say) becomes its text alone. */
  static final int PREVIEW_HTML = 32_000;
  /** The most characters of plain text kept for titles, link previews and pickers. */
  public static final int EXCERPT = 500;

  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  /**
   * What posts and messages may contain: text formatting, lists, quotes, code and links (rel=nofollow); classes on
   * links and spans only, and of those only Mastodon's microformat classes ({@link PostMarkup}).
   */
  private static final Safelist POST = Safelist.basic().addTags("h3", "h4").removeProtocols("a", "href", "ftp", "mailto")
      .addAttributes("a", "rel", "class").addAttributes("span", "class");
  private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

  private Html() {}

  /** A post's HTML as pages show it, made once when it is stored: see {@link #render}. */
  public record Rendered(String html, String preview, boolean truncated, String excerpt) {}

  public static String escape(String text) {
    return text == null ? "" : Entities.escape(text);
  }

  /** Plain text to HTML paragraphs: blank lines separate paragraphs, single newlines become {@code <br>}. */
  public static String paragraphs(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String para : text.strip().split("\\r?\\n\\s*\\r?\\n")) {
      out.append("<p>").append(escape(para.strip()).replaceAll("\\r?\\n", "<br>")).append("</p>");
    }
    return out.toString();
  }

  /** Markdown written by staff to safe HTML: raw HTML in the source is escaped, and the result sanitised. */
  public static String markdown(String source) {
    if (source == null || source.isBlank()) {
      return "";
    }
    return sanitize(RENDERER.render(MARKDOWN.parse(source)));
  }

  /**
   * Remote or user HTML reduced to an allowlist of tags and attributes; scripts, styles and events are gone, classes
   * other than Mastodon's microformat classes are removed, and a link whose text names another host than the one it
   * leads to shows its real host after it.
   */
  public static String sanitize(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    return clean(html).html().strip();
  }

  /**
   * A post's content rendered once for every later view: the sanitised HTML (the post's own page), a preview of at
   * most {@link #PREVIEW_TEXT} characters of text (lists, feeds; {@code truncated} when it is shorter than the post)
   * and an excerpt of at most {@link #EXCERPT} characters of plain text (titles, link previews). Costly for a large
   * post (about 0.1 s for 500 KB): callers run it off the event loop.
   */
  public static Rendered render(String content) {
    if (content == null || content.isEmpty()) {
      return new Rendered("", "", false, "");
    }
    Element body = clean(content);
    String html = body.html().strip();
    boolean truncated = PostMarkup.truncate(body, PREVIEW_TEXT, PREVIEW_ELEMENTS);
    String preview = truncated ? body.html().strip() : html;
    String text = body.text().strip();
    if (preview.length() > PREVIEW_HTML) {
      preview = "<p>" + escape(cut(text, PREVIEW_TEXT)) + "</p>";
      truncated = true;
    }
    return new Rendered(html, preview, truncated, cut(text, EXCERPT));
  }

  /** The text of an HTML fragment, as a person would read it. */
  public static String text(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    return Jsoup.parse(html).text().strip();
  }

  /** The text of an HTML fragment, at most {@code max} characters (cut with "…"). */
  public static String text(String html, int max) {
    return cut(text(html), max);
  }

  /** At most {@code max} characters of the text, cut at a character boundary and marked with "…". */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text == null ? "" : text;
    }
    int end = Math.max(0, max - 1);
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end).strip() + "…";
  }

  private static Element clean(String html) {
    Document clean = new Cleaner(POST).clean(Jsoup.parseBodyFragment(html, ""));
    clean.outputSettings(COMPACT);
    Element body = clean.body();
    PostMarkup.keepMicroformatClasses(body);
    PostMarkup.showRealHosts(body);
    return body;
  }
}
