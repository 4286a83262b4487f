package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import social.hearth.apub.Uris;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Topic;
import social.hearth.core.port.MediaStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PublicPageQueries;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TopicStore;
import social.hearth.core.util.TtlCache;

/**
 * A community's page for browsers, at the Group's own IRI: its posts, rules, pins, topics, moderators and member
 * count, and the "join from your server" hand-over.
 *
 * <p>A community page asked for by a visitor without a session (no session cookie at all) is the same for every
 * such visitor in a language, so it is rendered once per {@code HEARTH_PAGE_CACHE_MS} (one second by default) and
 * sent as is to the others: only its first pages, only with status 200 and without a cookie. Pages for staff are
 * never kept. A change made through this node (settings, images, pins) drops the kept pages at once; anything else
 * (new posts, members, rules) shows after at most that time.
 */
public final class CommunityPage {

  static final int PAGE_SIZE = 20;
  /** The community pages that may be kept for visitors: the page itself and its next few pages. */
  private static final Pattern KEPT_PAGE = Pattern.compile("/c/[a-z0-9_.-]{1,64}(\\?page=[1-9])?");

  /** What the page reads. */
  public record Reads(PublicPageQueries posts, RuleStore rules, MemberStore members, TopicStore topics, MediaStore media) {}

  /** A page as sent to visitors without a session, by "slug language path". */
  private record Rendered(String lang, Buffer body) {}

  private final Pages pages;
  private final Auth auth;
  private final CommunityHeader header;
  private final Reads reads;
  private final Uris uris;
  private final TtlCache<String, Rendered> visitorPages;
  private final FollowHandover handover;
  private final PollPages polls;

  public CommunityPage(Pages pages, Auth auth, CommunityService communities, Reads reads, Duration pageCache,
                       FollowHandover handover, PollPages polls) {
    this.polls = polls;
    this.handover = handover;
    this.visitorPages = new TtlCache<>(pageCache, 512);
    communities.onChange(slug -> visitorPages.removeIf(key -> key.startsWith(slug + " ")));
    this.pages = pages;
    this.auth = auth;
    this.header = new CommunityHeader(pages, communities);
    this.reads = reads;
    this.uris = pages.uris();
  }

  public void community(RoutingContext ctx, Community c) {
    String visitorKey = visitorKey(ctx, c);
    Rendered kept = visitorKey == null ? null : visitorPages.get(visitorKey);
    if (kept != null) {
      pages.send(ctx, 200, kept.lang(), kept.body());
      return;
    }
    int page = Forms.page(ctx);
    auth.session(ctx).compose(session -> {
      ctx.put("hearth.closed", PrivatePages.closed(ctx, c, session));
      return Future.succeededFuture();
    }).compose(x -> Future.all(List.of(
        reads.rules().list(c.id()), reads.posts().pinned(c.id()),
        reads.posts().recentPage(c.id(), (page - 1) * PAGE_SIZE, PAGE_SIZE, 2), reads.members().count(c.id()),
        reads.posts().moderators(c.id()), reads.topics().list(c.id()), reads.posts().popularTags(c.id(), 12),
        reads.media().info(c.id()))).compose(all -> polls.views(pollIris(all.resultAt(1), all.resultAt(2))).map(shown -> {
          ctx.put("hearth.polls", shown);
          return all;
        }))).onSuccess(all -> {
          Map<String, Object> m = pages.model(ctx);
          Map<String, MediaRef> info = all.resultAt(7);
          header.communityModel(m, c, info);
          m.put("rules", all.<List<Rule>>resultAt(0));
          m.put("pinned", PostView.of(all.<List<PublicPageQueries.Post>>resultAt(1), c, pages));
          PublicPageQueries.PostPage posts = all.resultAt(2);
          m.put("posts", PostView.of(posts.posts(), c, pages));
          m.put("members", all.resultAt(3));
          m.put("moderators", all.resultAt(4));
          List<Topic> own = all.resultAt(5);
          m.put("topics", own);
          Set<String> popular = new LinkedHashSet<>(all.<List<String>>resultAt(6));
          own.forEach(t -> popular.remove(t.tag()));
          m.put("popularTags", List.copyOf(popular));
          m.put("page", page);
          m.put("more", posts.more());
          m.put("polls", ctx.get("hearth.polls"));
          m.put("joinError", ctx.get("hearth.joinError"));
          m.put("joinServer", ctx.get("hearth.joinServer") == null ? "" : ctx.get("hearth.joinServer"));
          m.put("frontDoor", Boolean.TRUE.equals(ctx.get("hearth.closed")));
          if (Boolean.TRUE.equals(ctx.get("hearth.closed"))) { // a private community's front door (issue 17)
            m.put("pinned", List.of());
            m.put("posts", List.of());
            m.put("popularTags", List.of());
            m.put("more", false);
            m.put("frontDoor", true);
          }
          PrivatePages.noindex(ctx, c, m);
          String lang = Pages.lang(ctx);
          String description = c.summary().isBlank() ? pages.i18n().t(lang, "community.meta.description", c.name())
              : CommunityHeader.firstLine(c.summary());
          String image = info.containsKey("banner") ? header.mediaUrl(c, info, "banner") : header.mediaUrl(c, info, "avatar");
          m.put("meta", header.meta(ctx, c.name(), description, uris.community(c.slug()), image));
          m.put("feed", uris.communityFeed(c.slug()));
          m.put("alternate", uris.community(c.slug()));
          Buffer sent = pages.render(ctx, ctx.get("hearth.joinError") == null ? 200 : 400, "community", m);
          if (visitorKey != null && sent != null && !ctx.response().headers().contains(HttpHeaders.SET_COOKIE)) {
            visitorPages.put(visitorKey, new Rendered(lang, sent));
          }
        }).onFailure(e -> pages.error(ctx, e));
  }

  /**
   * The key under which this request's page may be kept for visitors, or null: only a plain GET of one of the first
   * pages, from someone without a session cookie, never a form's answer (the join error page).
   */
  private String visitorKey(RoutingContext ctx, Community c) {
    if (!visitorPages.enabled() || ctx.request().method() != HttpMethod.GET || ctx.get("hearth.joinError") != null
        || ctx.request().getCookie(Auth.SESSION_COOKIE) != null || ctx.request().getCookie(MemberSignInPages.COOKIE) != null
        || !KEPT_PAGE.matcher(ctx.request().uri()).matches()) {
      return null;
    }
    return c.slug() + " " + Pages.lang(ctx) + " " + ctx.request().uri();
  }

  /**
   * GET /c/{slug}/join?server=...: to the visitor's own server's follow page (the one its software or its account's
   * WebFinger names, see {@link FollowHandover#forTyped}), or back with the reason.
   */
  public void join(RoutingContext ctx) {
    pages.handle(ctx, header.community(ctx), c -> {
      String typed = ctx.request().getParam("server", "");
      Optional<String> domain = ServerNames.domain(typed);
      if (domain.isEmpty() || c.joinPolicy() == Community.JoinPolicy.CLOSED) {
        ctx.put("hearth.joinError", c.joinPolicy() == Community.JoinPolicy.CLOSED ? "join.closed" : "join.server.invalid");
        ctx.put("hearth.joinServer", typed.length() > 100 ? typed.substring(0, 100) : typed);
        community(ctx, c);
        return;
      }
      pages.handle(ctx, handover.forTyped(ctx, c, typed, domain.get()), page -> handover.send(ctx, c, page, false));
    });
  }

  /** The object IRIs of the pinned and listed posts, whose polls the page shows. */
  private static List<String> pollIris(List<PublicPageQueries.Post> pinned, PublicPageQueries.PostPage page) {
    List<String> out = new java.util.ArrayList<>();
    pinned.forEach(p -> out.add(p.objectId()));
    page.posts().forEach(p -> out.add(p.objectId()));
    return out;
  }
}
