package social.hearth.core.text;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * What {@link Html} does to sanitised remote HTML beyond the allowlist: it keeps only Mastodon's microformat classes,
 * shows the real host of a link whose text names another one, and cuts a preview. Every step is linear in the size
 * of the HTML.
 */
final class PostMarkup {

  /** The classes Mastodon defines for microformats, mentions and shortened links: nothing else may style a post. */
  static final Set<String> CLASSES = Set.of("h-card", "u-url", "mention", "hashtag", "invisible", "ellipsis");
  /** The class of the real host shown after a deceptive link (ours; a post's own use of it is removed). */
  static final String REAL_HOST = "link-host";
  private static final Pattern TOKEN_BREAK = Pattern.compile("[\\s()<>\"'`«»\\[\\]{}|,;!?…]+");
  private static final Pattern URL_SPACE = Pattern.compile("[\\t\\n\\r]");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  /** The CSS queries run on every post, parsed once. */
  private static final Evaluator WITH_CLASS = QueryParser.parse("[class]");
  private static final Evaluator LINKS = QueryParser.parse("a[href]");

  private PostMarkup() {}

  /** Removes every class but {@link #CLASSES}; an attribute left empty is removed. */
  static void keepMicroformatClasses(Element body) {
    for (Element e : body.select(WITH_CLASS)) {
      StringBuilder kept = new StringBuilder();
      for (String c : SPACES.split(e.attr("class").trim())) {
        if (CLASSES.contains(c) && kept.indexOf(c) < 0) {
          kept.append(kept.isEmpty() ? "" : " ").append(c);
        }
      }
      if (kept.isEmpty()) {
        e.removeAttr("class");
      } else {
        e.attr("class", kept.toString());
      }
    }
  }

  /**
   * After every link whose text names a host (a URL, a domain, {@code @user@host}) other than the one it leads to,
   * adds {@code <span class="link-host">(real.host)</span>}, the host in its ASCII form (so look-alike letters show).
   * Mentions and hashtags ({@code @name}, {@code #tag}) name no host and are left as they are.
   */
  static void showRealHosts(Element body) {
    for (Element a : body.select(LINKS)) {
      String real = linkHost(a.attr("href"));
      if (real == null) {
        continue;
      }
      boolean deceptive = false;
      for (String named : hostsNamed(a.text())) {
        if (!sameHost(named, real)) {
          deceptive = true;
          break;
        }
      }
      if (deceptive && !shownAfter(a, real)) {
        Element shown = new Element("span").attr("class", REAL_HOST).text("(" + real + ")");
        a.after(shown);
        a.after(new TextNode(" "));
      }
    }
  }

  /** Whether the text right after the link already shows its real host (HTML sanitised twice gets one mark). */
  private static boolean shownAfter(Element a, String real) {
    StringBuilder next = new StringBuilder();
    Node n = a.nextSibling();
    for (int i = 0; i < 2 && n != null; i++, n = n.nextSibling()) {
      next.append(n instanceof TextNode t ? t.text() : n instanceof Element e ? e.text() : "");
    }
    return next.toString().strip().startsWith("(" + real + ")");
  }

  /** The host a browser would go to for an http(s) href, lower case ASCII, or null. */
  static String linkHost(String href) {
    String h = URL_SPACE.matcher(href).replaceAll("").strip();
    int scheme = h.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    String authority = h.substring(scheme + 3);
    authority = authority.substring(0, firstOf(authority, "/\\?#"));
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return close < 0 ? null : authority.substring(0, close + 1).toLowerCase(Locale.ROOT);
    }
    int port = authority.indexOf(':');
    return normalise(port < 0 ? authority : authority.substring(0, port));
  }

  /** The hosts a link's text names: each word that reads as a URL, a domain or {@code user@domain}. */
  static List<String> hostsNamed(String text) {
    List<String> out = new ArrayList<>();
    for (String token : TOKEN_BREAK.split(text)) {
      String t = token;
      int scheme = t.indexOf("://");
      if (scheme >= 0) {
        t = t.substring(scheme + 3);
      }
      int lead = 0;
      while (lead < t.length() && (t.charAt(lead) == '#' || t.charAt(lead) == '@')) {
        lead++;
      }
      t = t.substring(lead);
      t = t.substring(0, firstOf(t, "/\\?#"));
      t = t.substring(t.lastIndexOf('@') + 1);
      int port = t.indexOf(':');
      if (port >= 0) {
        t = t.substring(0, port);
      }
      t = strip(t, ".:*_-");
      if (looksLikeHost(t)) {
        String host = normalise(t);
        if (host != null && !out.contains(host)) {
          out.add(host);
        }
      }
    }
    return out;
  }

  /** Two names for the same host: equal after IDN, case, a trailing dot and a leading "www.". */
  static boolean sameHost(String a, String b) {
    return withoutWww(a).equals(withoutWww(b));
  }

  private static String withoutWww(String host) {
    return host.startsWith("www.") ? host.substring(4) : host;
  }

  /** Labels of letters, digits and hyphens, at least two, the last of letters (a top-level domain) or all digits. */
  private static boolean looksLikeHost(String t) {
    if (t.length() < 4 || t.length() > 253 || t.indexOf('.') < 0) {
      return false;
    }
    String[] labels = t.split("\\.", -1);
    boolean digits = labels.length == 4;
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!Character.isLetterOrDigit(c) && c != '-') {
          return false;
        }
        digits &= c >= '0' && c <= '9';
      }
    }
    String tld = labels[labels.length - 1].toLowerCase(Locale.ROOT);
    return digits || tld.startsWith("xn--") || (tld.length() >= 2 && tld.chars().allMatch(Character::isLetter));
  }

  private static String normalise(String host) {
    String h = host;
    if (h.indexOf('%') >= 0) {
      try {
        h = URLDecoder.decode(h, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    h = h.toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty()) {
      return null;
    }
    try {
      return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return h;
    }
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static String strip(String s, String chars) {
    int start = 0;
    int end = s.length();
    while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * Cuts the fragment after {@code maxText} characters of text or {@code maxElements} elements, whichever comes
   * first, marking the cut with "…"; false when it was shorter than that (and is unchanged).
   */
  static boolean truncate(Element body, int maxText, int maxElements) {
    int[] text = {0};
    int[] elements = {0};
    Node[] cut = {null};
    boolean[] keepCut = {true};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
          String s = t.getWholeText();
          int room = maxText - text[0];
          if (s.length() > room) {
            int end = room > 0 && Character.isHighSurrogate(s.charAt(room - 1)) ? room - 1 : room;
            t.text(s.substring(0, end).stripTrailing() + "…");
            cut[0] = t;
            return FilterResult.STOP;
          }
          text[0] += s.length();
        } else if (node instanceof Element && node != body && ++elements[0] > maxElements) {
          cut[0] = node;
          keepCut[0] = false;
          return FilterResult.STOP;
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    }, body);
    if (cut[0] == null) {
      return false;
    }
    Node n = cut[0];
    Node parent = n.parentNode();
    while (n != null && n != body) {
      Node next;
      while ((next = n.nextSibling()) != null) {
        next.remove();
      }
      n = n.parentNode();
    }
    if (!keepCut[0]) {
      cut[0].remove();
      if (parent instanceof Element p) {
        p.appendText("…");
      }
    }
    return true;
  }
}
