package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import social.hearth.apub.FollowPages;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.MediaStore;

/**
 * Sending a visitor on to follow a community from their own server (the join and invite pages): a redirect to the
 * follow page {@link FollowPages} found for their server, or, for servers that have none (Lemmy, PieFed...), a page
 * saying what to search for there, with a link to their server's search.
 */
public final class FollowHandover {

  private final Pages pages;
  private final CommunityHeader header;
  private final FollowPages follow;
  private final Auth auth;
  private final MediaStore media;

  public FollowHandover(Pages pages, CommunityService communities, FollowPages follow, Auth auth, MediaStore media) {
    this.pages = pages;
    this.header = new CommunityHeader(pages, communities);
    this.follow = follow;
    this.auth = auth;
    this.media = media;
  }

  FollowPages pages() {
    return follow;
  }

  Auth auth() {
    return auth;
  }

  /**
   * The follow page for what a visitor typed on the join page ({@code domain} is the server part, already checked):
   * their account's (a handle) or their server's. Counted against the visitor's address; past its limit, or when the
   * lookups fail, Mastodon's page on the typed server, as the form always did. Never fails.
   */
  Future<FollowPages.FollowPage> forTyped(RoutingContext ctx, Community c, String typed, String domain) {
    String group = pages.uris().community(c.slug());
    FollowPages.FollowPage fallback = new FollowPages.FollowPage(FollowPages.Kind.MASTODON,
        ServerNames.followPage(domain, group), "", null);
    boolean handle = typed.strip().replaceFirst("^@", "").contains("@");
    return auth.lookupAllowed(ctx).compose(allowed -> !allowed ? Future.succeededFuture(fallback)
        : (handle ? follow.forHandle(typed.strip(), group) : follow.forServer(domain, group)))
        .map(page -> page.actor() == null && page.software().isEmpty() ? fallback : page) // nothing learned
        .recover(e -> Future.succeededFuture(fallback));
  }

  /** Sends the visitor to the page, or shows what to search for on a server without one. */
  void send(RoutingContext ctx, Community c, FollowPages.FollowPage page, boolean preapproved) {
    if (page.kind() != FollowPages.Kind.SEARCH) {
      Pages.headers(ctx.response(), false);
      ctx.response().setStatusCode(303).putHeader("Location", page.url()).putHeader("Cache-Control", "no-store").end();
      return;
    }
    pages.handle(ctx, media.info(c.id()), info -> {
      Map<String, Object> m = pages.model(ctx);
      header.communityModel(m, c, info);
      m.put("software", page.software().isEmpty() ? "" : page.software().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
          + page.software().substring(1));
      m.put("searchFor", (page.software().equals("lemmy") || page.software().equals("piefed") ? "!" : "@") + c.slug() + "@"
          + header.handleHost());
      m.put("searchUrl", page.url());
      m.put("address", pages.uris().community(c.slug()));
      m.put("preapproved", preapproved);
      ctx.response().putHeader("Cache-Control", "no-store");
      pages.render(ctx, 200, "follow", m);
    });
  }
}
