package social.hearth.core.port;

import social.hearth.core.domain.Community;
import social.hearth.core.domain.WikiPage;

/** How the wiki's pages look to other servers: written by the ActivityPub adapter (the JSON is opaque to the core). */
public interface WikiWire {

  /** The page's web address ({@code /c/{slug}/wiki/{name}}, the name URL-encoded). */
  String pageUrl(Community community, String name);

  /** The wiki's web address ({@code /c/{slug}/wiki}, no slash at the end): its index, and what page names follow. */
  default String baseUrl(Community community) {
    return pageUrl(community, "").replaceAll("/$", "");
  }

  /** The page's stable IRI (kept when it is moved). */
  String pageIri(Community community, long pageId);

  /** The page as an {@code Article} authored by the community's Group, with its rendered HTML. */
  String article(Community community, WikiPage page, String html);
}
