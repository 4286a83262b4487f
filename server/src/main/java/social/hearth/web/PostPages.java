package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.apub.Uris;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.domain.Topic;
import social.hearth.core.port.MediaStore;
import social.hearth.core.port.PublicPageQueries;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TopicStore;

/**
 * A re-shared post with its thread, and a community's topic (hashtag) pages. Only public posts are read. A signed-in
 * moderator of the community also sees the post's moderation actions (remove the post; warn, remove or ban its
 * author), forms that post to the staff side ({@link MemberPages}).
 */
public final class PostPages {

  private final Pages pages;
  private final Auth auth;
  private final CommunityHeader header;
  private final PublicPageQueries posts;
  private final TopicStore topics;
  private final MediaStore media;
  private final Uris uris;
  private final RuleStore rules;
  private final PollPages polls;

  public PostPages(Pages pages, Auth auth, CommunityService communities, PublicPageQueries posts, TopicStore topics,
                   MediaStore media, RuleStore rules, PollPages polls) {
    this.rules = rules;
    this.polls = polls;
    this.pages = pages;
    this.auth = auth;
    this.header = new CommunityHeader(pages, communities);
    this.posts = posts;
    this.topics = topics;
    this.media = media;
    this.uris = pages.uris();
  }

  public void post(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, auth.session(ctx).compose(session -> header.community(ctx).compose(c -> posts.post(c.id(), id).compose(p -> {
      if (p.isEmpty() || PrivatePages.closed(ctx, c, session)) {
        return Future.failedFuture(WebException.notFound());
      }
      // the staff action bar: a moderator of this community, about a post by someone of another server
      boolean moderate = session.isPresent() && session.get().mayModerate(c) && p.get().authorId() != null
          && !p.get().authorId().startsWith(uris.base() + "/");
      return Future.all(posts.ancestors(c.id(), p.get().inReplyTo()), posts.replies(c.id(), p.get().objectId()),
              media.info(c.id()), moderate ? rules.list(c.id()) : Future.succeededFuture(List.of()),
              polls.views(List.of(p.get().objectId())))
          .map(all -> {
            Map<String, Object> m = pages.model(ctx);
            m.put("moderate", moderate);
            m.put("rules", all.resultAt(3));
            m.put("memberPath", moderate ? "/staff/c/" + c.slug() + "/member?actor=" + Pages.encode(p.get().authorId()) : null);
            header.communityModel(m, c, all.<Map<String, MediaRef>>resultAt(2));
            PostView post = PostView.of(p.get(), c, pages);
            m.put("post", post);
            m.put("ancestors", PostView.of(all.<List<PublicPageQueries.Post>>resultAt(0), c, pages));
            m.put("replies", PostView.of(all.<List<PublicPageQueries.Post>>resultAt(1), c, pages));
            String title = pages.i18n().t(Pages.lang(ctx), "post.title", post.authorName(), c.name());
            m.put("meta", header.meta(ctx, title, post.excerpt(200), uris.communityPost(c.slug(), post.id()), null));
            m.put("alternate", post.objectId());
            m.put("polls", all.resultAt(4));
            PrivatePages.noindex(ctx, c, m);
            return m;
          });
    }))), m -> pages.render(ctx, "post", m));
  }

  public void topic(RoutingContext ctx) {
    String tag = ctx.pathParam("tag").toLowerCase(Locale.ROOT);
    if (!Forms.TAG.matcher(tag).matches()) {
      pages.error(ctx, 404);
      return;
    }
    int page = Forms.page(ctx);
    int size = CommunityPage.PAGE_SIZE;
    pages.handle(ctx, auth.session(ctx).compose(session -> header.community(ctx).map(c -> {
      ctx.put("hearth.closed", PrivatePages.closed(ctx, c, session));
      return c;
    })).compose(c -> Future.all(Boolean.TRUE.equals(ctx.get("hearth.closed")) ? Future.succeededFuture(List.of())
        : posts.tagged(c.id(), tag, (page - 1) * size, size + 1), topics.list(c.id()), media.info(c.id())).map(all -> {
          Map<String, Object> m = pages.model(ctx);
          header.communityModel(m, c, all.<Map<String, MediaRef>>resultAt(2));
          List<PostView> list = PostView.of(all.<List<PublicPageQueries.Post>>resultAt(0), c, pages);
          m.put("tag", tag);
          m.put("topic", all.<List<Topic>>resultAt(1).stream().filter(t -> t.tag().equals(tag)).findFirst().orElse(null));
          m.put("posts", list.size() > size ? list.subList(0, size) : list);
          m.put("more", list.size() > size);
          m.put("page", page);
          String title = "#" + tag + " · " + c.name();
          m.put("meta", header.meta(ctx, title, pages.i18n().t(Pages.lang(ctx), "topic.meta", tag, c.name()),
              uris.communityTag(c.slug(), tag), null));
          PrivatePages.noindex(ctx, c, m);
          return m;
        })), m -> pages.render(ctx, "topic", m));
  }
}
