package social.hearth.web;

import org.jsoup.nodes.Entities;

/** Turning plain text into safe HTML. */
public final class Html {

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
}
