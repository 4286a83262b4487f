package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.apub.Uris;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.MediaRef;

/**
 * What every public page of a community shares: finding the community of the path, the header (name, purpose,
 * handle, policies, images) and the OpenGraph fields.
 */
final class CommunityHeader {

  private final Pages pages;
  private final CommunityService communities;
  private final Uris uris;
  private final String handleHost;

  CommunityHeader(Pages pages, CommunityService communities) {
    this.pages = pages;
    this.communities = communities;
    this.uris = pages.uris();
    this.handleHost = pages.handleHost();
  }

  Uris uris() {
    return uris;
  }

  String handleHost() {
    return handleHost;
  }

  /** The community of a public page (from the short-lived cache: {@link CommunityService#bySlugCached}). */
  Future<Community> community(RoutingContext ctx) {
    return communities.bySlugCached(ctx.pathParam("slug")).compose(c -> c.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(WebException.notFound())));
  }

  String handle(Community c) {
    return "@" + c.slug() + "@" + handleHost;
  }

  /** The fields every community page (and its sub-pages) shows in its header. */
  void communityModel(Map<String, Object> m, Community c, Map<String, MediaRef> mediaInfo) {
    Map<String, Object> cm = new HashMap<>();
    cm.put("slug", c.slug());
    cm.put("name", c.name());
    cm.put("summary", c.summary());
    cm.put("purpose", firstLine(c.summary()));
    cm.put("about", restOf(c.summary()));
    cm.put("handle", handle(c));
    cm.put("url", uris.community(c.slug()));
    cm.put("joinPolicy", c.joinPolicy().name().toLowerCase(Locale.ROOT));
    cm.put("postingPolicy", c.postingPolicy().name().toLowerCase(Locale.ROOT));
    cm.put("joinQuestion", c.joinQuestion());
    cm.put("hideFollowers", c.hideFollowers());
    cm.put("archived", c.archived());
    cm.put("avatar", mediaUrl(c, mediaInfo, "avatar"));
    cm.put("avatarAlt", mediaInfo.containsKey("avatar") ? mediaInfo.get("avatar").alt() : "");
    cm.put("banner", mediaUrl(c, mediaInfo, "banner"));
    cm.put("bannerAlt", mediaInfo.containsKey("banner") ? mediaInfo.get("banner").alt() : "");
    cm.put("initial", c.name().isEmpty() ? "#" : c.name().substring(0, c.name().offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT));
    m.put("community", cm);
    Auth.Session session = m.get("staff") instanceof Auth.Session ss ? ss : null;
    m.put("canManage", session != null && session.mayModerate(c));
  }

  /** The versioned URL of the community's image of a kind, or null when it has none. */
  String mediaUrl(Community c, Map<String, MediaRef> mediaInfo, String kind) {
    MediaRef ref = mediaInfo.get(kind);
    return ref == null ? null : uris.communityMedia(c.slug(), kind, ref.digest());
  }

  static String firstLine(String summary) {
    if (summary == null || summary.isBlank()) {
      return "";
    }
    String first = summary.strip().split("\\r?\\n", 2)[0].strip();
    return first.length() > 300 ? first.substring(0, 299) + "…" : first;
  }

  /** The summary after its first line, as paragraphs (blank lines separate them). */
  static List<String> restOf(String summary) {
    if (summary == null || summary.isBlank()) {
      return List.of();
    }
    String[] parts = summary.strip().split("\\r?\\n", 2);
    if (parts.length < 2) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String para : parts[1].strip().split("\\r?\\n\\s*\\r?\\n")) {
      if (!para.isBlank()) {
        out.add(para.strip());
      }
    }
    return out;
  }

  /** OpenGraph and Twitter card fields. */
  Map<String, Object> meta(RoutingContext ctx, String title, String description, String url, String image) {
    return pages.meta(ctx, title, description, url, image);
  }
}
