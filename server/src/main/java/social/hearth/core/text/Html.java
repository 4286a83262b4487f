package social.hearth.core.text;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/** Turning text, Markdown and remote HTML into HTML that is safe to publish and show. */
public final class Html {

  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  /** What posts and messages may contain: text formatting, lists, quotes, code and links (rel=nofollow). */
  private static final Safelist POST = Safelist.basic().addTags("h3", "h4").removeProtocols("a", "href", "ftp", "mailto")
      .addAttributes("a", "rel").addAttributes("span", "class");
  private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

  private Html() {}

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

  /** Remote or user HTML reduced to an allowlist of tags and attributes; scripts, styles and events are gone. */
  public static String sanitize(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    return Jsoup.clean(html, "", POST, COMPACT).strip();
  }

  /** The text of an HTML fragment, as a person would read it. */
  public static String text(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    return Jsoup.parse(html).text().strip();
  }
}
