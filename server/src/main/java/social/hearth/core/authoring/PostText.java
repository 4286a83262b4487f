package social.hearth.core.authoring;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import social.hearth.core.domain.PostBody;
import social.hearth.core.text.Html;

/**
 * What staff write, as a post: Markdown (CommonMark) to sanitised HTML in which {@code #hashtags} link to the
 * community's tag pages and {@code @name@host} mentions link to the accounts they name, as Mastodon marks them up
 * ({@code class="mention hashtag"}, {@code h-card}). Hashtags and mentions inside code, links and images are text.
 * A mention that could not be resolved stays plain text. Every pattern here is linear in the input.
 */
public final class PostText {

  /** The most characters of Markdown a post may have. */
  public static final int MAX_MARKDOWN = 20_000;
  /** The most distinct accounts one post may mention (each is looked up by WebFinger). */
  public static final int MAX_MENTIONS = 10;
  /** The most hashtags one post carries. */
  public static final int MAX_HASHTAGS = 30;

  /** {@code #tag}: letters, digits and underscores, at least one letter, not right after a word or a path. */
  static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&/#])#([\\p{L}\\p{N}_]{1,100})(?![\\p{L}\\p{N}_])");
  /** {@code @name@host}: Mastodon's and Misskey's name characters, a host of two or more labels. */
  static final Pattern MENTION = Pattern.compile(
      "(?<![\\p{L}\\p{N}_@/.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)@([\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){1,10})");

  private PostText() {}

  /** A handle in the text: name and host (host in lower-case ASCII). */
  public record Handle(String name, String host) {
    public String text() {
      return "@" + name + "@" + host;
    }
  }

  /** The rendering of a post, and the handles that were written but not resolved (left as text). */
  public record Rendered(PostBody body, List<String> unresolved) {}

  /** Markdown with Windows line ends made Unix ones (what a browser's textarea counts). */
  public static String normalise(String markdown) {
    return markdown == null ? "" : markdown.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The distinct handles the Markdown mentions outside code and links, in order of first use. */
  public static List<Handle> handles(String markdown) {
    List<Handle> out = new ArrayList<>();
    for (TextNode t : prose(html(markdown))) {
      Matcher m = MENTION.matcher(t.getWholeText());
      while (m.find()) {
        Handle h = handle(m);
        if (h != null && !out.contains(h)) {
          out.add(h);
        }
      }
    }
    return out;
  }

  /**
   * Renders the Markdown: hashtags link to {@code tagPage(tag)}, handles found in {@code resolved} (by
   * {@link Handle#text()}) become mentions.
   */
  public static Rendered render(String markdown, Function<String, String> tagPage, Map<String, PostBody.Mention> resolved) {
    Element body = html(markdown);
    Map<String, String> tags = new LinkedHashMap<>();
    Map<String, PostBody.Mention> used = new LinkedHashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (TextNode t : prose(body)) {
      link(t, tagPage, resolved, tags, used, unresolved);
    }
    String html = Html.sanitize(body.html());
    return new Rendered(new PostBody(html, List.copyOf(tags.values()), List.copyOf(used.values())), unresolved);
  }

  private static Element html(String markdown) {
    Document doc = Jsoup.parseBodyFragment(Html.markdown(normalise(markdown)), "");
    doc.outputSettings().prettyPrint(false);
    return doc.body();
  }

  /** The text nodes a reader sees as prose: not inside code, preformatted text or links. */
  private static List<TextNode> prose(Element body) {
    List<TextNode> out = new ArrayList<>();
    for (Element e : body.getAllElements()) {
      if (e.closest("a, code, pre") != null) {
        continue;
      }
      for (TextNode t : e.textNodes()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Replaces hashtags and resolved mentions in one text node with links, in place. */
  private static void link(TextNode t, Function<String, String> tagPage, Map<String, PostBody.Mention> resolved,
                           Map<String, String> tags, Map<String, PostBody.Mention> used, List<String> unresolved) {
    String text = t.getWholeText();
    List<Node> parts = new ArrayList<>();
    int done = 0;
    Matcher tag = HASHTAG.matcher(text);
    Matcher mention = MENTION.matcher(text);
    int at = 0;
    while (at < text.length()) {
      boolean isTag = tag.find(at);
      int tagStart = isTag ? tag.start() : Integer.MAX_VALUE;
      boolean isMention = mention.find(at);
      int mentionStart = isMention ? mention.start() : Integer.MAX_VALUE;
      if (!isTag && !isMention) {
        break;
      }
      if (mentionStart <= tagStart) {
        Handle h = handle(mention);
        PostBody.Mention m = h == null ? null : resolved.get(h.text());
        if (m == null) {
          if (h != null && !unresolved.contains(h.text())) {
            unresolved.add(h.text());
          }
        } else {
          parts.add(new TextNode(text.substring(done, mention.start())));
          parts.add(mentionLink(m, h));
          used.putIfAbsent(m.id(), m);
          done = mention.end();
        }
        at = mention.end();
      } else {
        String name = tag.group(1);
        if (name.chars().anyMatch(Character::isLetter) && (tags.size() < MAX_HASHTAGS
            || tags.containsKey(name.toLowerCase(Locale.ROOT)))) {
          parts.add(new TextNode(text.substring(done, tag.start())));
          Element a = new Element("a").attr("href", tagPage.apply(name.toLowerCase(Locale.ROOT)))
              .attr("class", "mention hashtag").attr("rel", "tag").appendText("#");
          a.appendElement("span").text(name);
          parts.add(a);
          tags.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
          done = tag.end();
        }
        at = tag.end();
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    parts.add(new TextNode(text.substring(done)));
    for (Node n : parts) {
      t.before(n);
    }
    t.remove();
  }

  private static Element mentionLink(PostBody.Mention m, Handle h) {
    Element card = new Element("span").attr("class", "h-card");
    Element a = card.appendElement("a").attr("href", m.url() == null ? m.id() : m.url()).attr("class", "u-url mention")
        .appendText("@");
    a.appendElement("span").text(h.name());
    return card;
  }

  private static Handle handle(Matcher m) {
    String host = m.group(2).toLowerCase(Locale.ROOT);
    try {
      host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new Handle(m.group(1), host);
  }
}
