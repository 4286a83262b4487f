package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import social.hearth.apub.Uris;
import social.hearth.core.community.CommunityService;
import social.hearth.core.port.PublicPageQueries;

/** A community's latest posts as an Atom feed. */
public final class FeedPage {

  private final Pages pages;
  private final CommunityHeader header;
  private final PublicPageQueries posts;
  private final Uris uris;

  public FeedPage(Pages pages, CommunityService communities, PublicPageQueries posts) {
    this.pages = pages;
    this.header = new CommunityHeader(pages, communities);
    this.posts = posts;
    this.uris = pages.uris();
  }

  public void feed(RoutingContext ctx) {
    // a private community's feed lists nothing members share (issue 17): feed readers have no session
    pages.handle(ctx, header.community(ctx).compose(c -> (c.isPrivate() ? Future.succeededFuture(
        List.<social.hearth.core.port.PublicPageQueries.Post>of()) : posts.recent(c.id(), 0, 30, 0)).map(recent -> {
      List<PostView> list = PostView.of(recent, c, pages);
      Map<String, Object> m = pages.model(ctx);
      m.put("name", c.name());
      m.put("summary", c.summary());
      m.put("url", uris.community(c.slug()));
      m.put("self", uris.communityFeed(c.slug()));
      m.put("posts", list);
      m.put("private", c.isPrivate());
      OffsetDateTime updated = list.isEmpty() ? c.createdAt() : list.get(0).published();
      m.put("updated", updated);
      return m;
    })), m -> {
      String xml = pages.evaluate("atom", m, Pages.lang(ctx));
      ctx.response().putHeader("Content-Type", "application/atom+xml; charset=utf-8")
          .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "public, max-age=300");
      if (Boolean.TRUE.equals(m.get("private"))) {
        ctx.response().putHeader("X-Robots-Tag", "noindex");
      }
      ctx.response().end(xml);
    });
  }
}
