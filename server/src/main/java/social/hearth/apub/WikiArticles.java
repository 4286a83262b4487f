package social.hearth.apub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.port.WikiWire;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The wiki's pages on the wire: an {@code Article} authored by the community's Group, with its {@code name}, the
 * rendered {@code content} (and {@code contentMap} in the community's language), the Markdown as {@code source} and
 * the page's web address as {@code url}. Its IRI ({@code /c/{slug}/wiki/pages/{id}}) stays when the page is moved; the
 * page's address ({@code /c/{slug}/wiki/{name}}, the name percent-encoded as UTF-8) serves the same Article.
 */
public final class WikiArticles implements WikiWire {

  private final Uris uris;

  public WikiArticles(Uris uris) {
    this.uris = uris;
  }

  /** A page name as one path segment: UTF-8, percent-encoded, spaces as {@code %20}. */
  public static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String pageUrl(Community c, String name) {
    return uris.community(c.slug()) + "/wiki/" + segment(name);
  }

  @Override
  public String pageIri(Community c, long pageId) {
    return uris.community(c.slug()) + "/wiki/pages/" + pageId;
  }

  @Override
  public String article(Community c, WikiPage p, String html) {
    ObjectNode a = JsonLimits.MAPPER.createObjectNode();
    a.putArray("@context").add(As.NS);
    String group = uris.community(c.slug());
    a.put("id", pageIri(c, p.id()));
    a.put("type", "Article");
    a.put("attributedTo", group);
    a.put("audience", group);
    a.putArray("to").add(As.PUBLIC);
    a.putArray("cc").add(uris.communityFollowers(c.slug()));
    a.put("name", p.name());
    a.put("content", html);
    a.put("mediaType", "text/html");
    if (c.language() != null) {
      a.putObject("contentMap").put(c.language(), html);
    }
    a.putObject("source").put("content", p.content()).put("mediaType", "text/markdown");
    a.put("url", pageUrl(c, p.name()));
    a.put("published", DateTimeFormatter.ISO_INSTANT.format(p.createdAt().toInstant()));
    a.put("updated", DateTimeFormatter.ISO_INSTANT.format(p.updatedAt().toInstant()));
    return a.toString();
  }
}
