package social.hearth.web;

import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Invite;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import social.hearth.Services;
import social.hearth.core.port.RuleStore;
import social.hearth.core.domain.Community;
import social.hearth.core.util.TtlCache;

/**
 * What anyone may see: the instance's home with its communities, each community's page (at the Group's own IRI),
 * posts with their threads, topic (hashtag) pages, the Atom feed, and the "join from your server" hand-over. Only
 * public things are read here: re-shared public posts, rules, pins, topics, moderators and the member count.
 *
 * <p>A community page asked for by a visitor without a session (no session cookie at all) is the same for every
 * such visitor in a language, so it is rendered once per {@code HEARTH_PAGE_CACHE_MS} (one second by default) and
 * sent as is to the others: only its first pages, only with status 200 and without a cookie. Pages for staff are
 * never kept. A change made through this node (settings, images, pins) drops the kept pages at once; anything else
 * (new posts, members, rules) shows after at most that time.
 */
public final class PublicPages {

  static final int PAGE_SIZE = 20;
  static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");
  /** The community pages that may be kept for visitors: the page itself and its next few pages. */
  private static final Pattern KEPT_PAGE = Pattern.compile("/c/[a-z0-9_.-]{1,64}(\\?page=[1-9])?");

  /** A page as sent to visitors without a session, by "slug language path". */
  private record Rendered(String lang, Buffer body) {}

  private final Services s;
  private final Pages pages;
  private final WebQueries q;
  private final Media media;
  private final Auth auth;
  private final Topics topics;
  private final TtlCache<String, Rendered> visitorPages;

  public PublicPages(Services s, Pages pages, WebQueries q, Media media, Auth auth, Topics topics) {
    this.visitorPages = new TtlCache<>(s.config().pageCache(), 512);
    s.communities().onChange(slug -> visitorPages.removeIf(key -> key.startsWith(slug + " ")));
    this.s = s;
    this.pages = pages;
    this.q = q;
    this.media = media;
    this.auth = auth;
    this.topics = topics;
  }

  String handle(Community c) {
    return "@" + c.slug() + "@" + s.handleHost();
  }

  // ------------------------------------------------------------------ home

  public void home(RoutingContext ctx) {
    String query = ctx.request().getParam("q", "");
    if (query.length() > 100) {
      query = query.substring(0, 100);
    }
    String search = query;
    pages.handle(ctx, q.communities(search, 200), list -> {
      Map<String, Object> m = pages.model(ctx);
      m.put("q", search);
      m.put("communities", list);
      m.put("meta", meta(ctx, pages.i18n().t(Pages.lang(ctx), "home.title", s.handleHost()),
          pages.i18n().t(Pages.lang(ctx), "home.intro"), s.uris().base() + "/", null));
      pages.render(ctx, "home", m);
    });
  }

  // ------------------------------------------------------------------ community

  public void community(RoutingContext ctx, Community c) {
    String visitorKey = visitorKey(ctx, c);
    Rendered kept = visitorKey == null ? null : visitorPages.get(visitorKey);
    if (kept != null) {
      pages.send(ctx, 200, kept.lang(), kept.body());
      return;
    }
    int page = page(ctx);
    auth.session(ctx).compose(session -> Future.all(List.of(
        s.rules().list(c.id()), q.pinned(c.id()), q.recentPage(c.id(), (page - 1) * PAGE_SIZE, PAGE_SIZE, 2),
        s.members().count(c.id()), q.moderators(c.id()), topics.list(c.id()), q.popularTags(c.id(), 12),
        media.info(c.id())))).onSuccess(all -> {
          Map<String, Object> m = pages.model(ctx);
          communityModel(m, c, all.resultAt(7));
          m.put("rules", all.<List<Rule>>resultAt(0));
          m.put("pinned", all.resultAt(1));
          WebQueries.PostPage posts = all.resultAt(2);
          m.put("posts", posts.posts());
          m.put("members", all.resultAt(3));
          m.put("moderators", all.resultAt(4));
          List<Topics.Topic> own = all.resultAt(5);
          m.put("topics", own);
          Set<String> popular = new LinkedHashSet<>(all.<List<String>>resultAt(6));
          own.forEach(t -> popular.remove(t.tag()));
          m.put("popularTags", List.copyOf(popular));
          m.put("page", page);
          m.put("more", posts.more());
          m.put("joinError", ctx.get("hearth.joinError"));
          m.put("joinServer", ctx.get("hearth.joinServer") == null ? "" : ctx.get("hearth.joinServer"));
          String lang = Pages.lang(ctx);
          String description = c.summary().isBlank() ? pages.i18n().t(lang, "community.meta.description", c.name())
              : firstLine(c.summary());
          Map<String, String[]> info = all.resultAt(7);
          String image = info.containsKey("banner") ? mediaUrl(c, "banner", info.get("banner")[0])
              : info.containsKey("avatar") ? mediaUrl(c, "avatar", info.get("avatar")[0]) : null;
          m.put("meta", meta(ctx, c.name(), description, s.uris().community(c.slug()), image));
          m.put("feed", s.uris().community(c.slug()) + "/feed.atom");
          m.put("alternate", s.uris().community(c.slug()));
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
        || ctx.request().getCookie(Auth.SESSION_COOKIE) != null || !KEPT_PAGE.matcher(ctx.request().uri()).matches()) {
      return null;
    }
    return c.slug() + " " + Pages.lang(ctx) + " " + ctx.request().uri();
  }

  /** The fields every community page (and its sub-pages) shows in its header. */
  void communityModel(Map<String, Object> m, Community c, Map<String, String[]> mediaInfo) {
    Map<String, Object> cm = new HashMap<>();
    cm.put("slug", c.slug());
    cm.put("name", c.name());
    cm.put("summary", c.summary());
    cm.put("purpose", firstLine(c.summary()));
    cm.put("about", restOf(c.summary()));
    cm.put("handle", handle(c));
    cm.put("url", s.uris().community(c.slug()));
    cm.put("joinPolicy", c.joinPolicy().name().toLowerCase(Locale.ROOT));
    cm.put("postingPolicy", c.postingPolicy().name().toLowerCase(Locale.ROOT));
    cm.put("joinQuestion", c.joinQuestion());
    cm.put("hideFollowers", c.hideFollowers());
    cm.put("avatar", mediaInfo.containsKey("avatar") ? mediaUrl(c, "avatar", mediaInfo.get("avatar")[0]) : null);
    cm.put("avatarAlt", mediaInfo.containsKey("avatar") ? mediaInfo.get("avatar")[1] : "");
    cm.put("banner", mediaInfo.containsKey("banner") ? mediaUrl(c, "banner", mediaInfo.get("banner")[0]) : null);
    cm.put("bannerAlt", mediaInfo.containsKey("banner") ? mediaInfo.get("banner")[1] : "");
    cm.put("initial", c.name().isEmpty() ? "#" : c.name().substring(0, c.name().offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT));
    m.put("community", cm);
    Auth.Session session = m.get("staff") instanceof Auth.Session ss ? ss : null;
    m.put("canManage", session != null && session.mayModerate(c));
  }

  String mediaUrl(Community c, String kind, String digest) {
    return s.uris().community(c.slug()) + "/media/" + kind + "?v=" + digest;
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

  /** GET /c/{slug}/join?server=...: to the visitor's own server's follow page, or back with the reason. */
  public void join(RoutingContext ctx) {
    pages.handle(ctx, community(ctx), c -> {
      String typed = ctx.request().getParam("server", "");
      Optional<String> domain = ServerNames.domain(typed);
      if (domain.isEmpty() || c.joinPolicy() == Community.JoinPolicy.CLOSED) {
        ctx.put("hearth.joinError", c.joinPolicy() == Community.JoinPolicy.CLOSED ? "join.closed" : "join.server.invalid");
        ctx.put("hearth.joinServer", typed.length() > 100 ? typed.substring(0, 100) : typed);
        community(ctx, c);
        return;
      }
      Pages.headers(ctx.response(), false);
      ctx.response().setStatusCode(303).putHeader("Location", ServerNames.followPage(domain.get(), s.uris().community(c.slug())))
          .putHeader("Cache-Control", "no-store").end();
    });
  }

  // ------------------------------------------------------------------ posts and topics

  public void post(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, auth.session(ctx).compose(x -> community(ctx)).compose(c -> q.post(c.id(), id).compose(p -> {
      if (p.isEmpty()) {
        return Future.failedFuture(WebException.notFound());
      }
      return Future.all(q.ancestors(c.id(), p.get().inReplyTo()), q.replies(c.id(), p.get().objectId()), media.info(c.id()))
          .map(all -> {
            Map<String, Object> m = pages.model(ctx);
            communityModel(m, c, all.resultAt(2));
            WebQueries.PostView post = p.get();
            m.put("post", post);
            m.put("ancestors", all.resultAt(0));
            m.put("replies", all.resultAt(1));
            String title = pages.i18n().t(Pages.lang(ctx), "post.title", post.authorName(), c.name());
            m.put("meta", meta(ctx, title, post.excerpt(200), s.uris().community(c.slug()) + "/posts/" + post.id(), null));
            m.put("alternate", post.objectId());
            return m;
          });
    })), m -> pages.render(ctx, "post", m));
  }

  public void topic(RoutingContext ctx) {
    String tag = ctx.pathParam("tag").toLowerCase(Locale.ROOT);
    if (!TAG.matcher(tag).matches()) {
      pages.error(ctx, 404);
      return;
    }
    int page = page(ctx);
    pages.handle(ctx, auth.session(ctx).compose(x -> community(ctx)).compose(c -> Future.all(
        q.tagged(c.id(), tag, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1), topics.list(c.id()), media.info(c.id())).map(all -> {
          Map<String, Object> m = pages.model(ctx);
          communityModel(m, c, all.resultAt(2));
          List<WebQueries.PostView> posts = all.resultAt(0);
          m.put("tag", tag);
          m.put("topic", all.<List<Topics.Topic>>resultAt(1).stream().filter(t -> t.tag().equals(tag)).findFirst().orElse(null));
          m.put("posts", posts.size() > PAGE_SIZE ? posts.subList(0, PAGE_SIZE) : posts);
          m.put("more", posts.size() > PAGE_SIZE);
          m.put("page", page);
          String title = "#" + tag + " · " + c.name();
          m.put("meta", meta(ctx, title, pages.i18n().t(Pages.lang(ctx), "topic.meta", tag, c.name()),
              s.uris().community(c.slug()) + "/tags/" + Pages.encode(tag), null));
          return m;
        })), m -> pages.render(ctx, "topic", m));
  }

  /** An invite link: how to use the code (follow, then send the code by direct message), if it is still valid. */
  public void invite(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!code.matches("[A-Za-z0-9]{8,32}")) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, auth.session(ctx).compose(x -> community(ctx)).compose(c -> Future.all(
        s.invites().byCode(c.id(), code), media.info(c.id())).map(all -> {
          Map<String, Object> m = pages.model(ctx);
          communityModel(m, c, all.resultAt(1));
          Optional<Invite> invite = all.resultAt(0);
          m.put("code", code);
          m.put("valid", invite.isPresent() && invite.get().usable(OffsetDateTime.now(s.clock())));
          m.put("grantDays", invite.map(Invite::grantDays).orElse(null));
          m.put("joinError", null);
          m.put("joinServer", "");
          return m;
        })), m -> pages.render(ctx, "invite", m));
  }

  /** The community's latest posts as an Atom feed. */
  public void feed(RoutingContext ctx) {
    pages.handle(ctx, community(ctx).compose(c -> q.recent(c.id(), 0, 30, 0).map(posts -> {
      Map<String, Object> m = pages.model(ctx);
      m.put("name", c.name());
      m.put("summary", c.summary());
      m.put("url", s.uris().community(c.slug()));
      m.put("self", s.uris().community(c.slug()) + "/feed.atom");
      m.put("posts", posts);
      OffsetDateTime updated = posts.isEmpty() ? c.createdAt() : posts.get(0).published();
      m.put("updated", updated);
      return m;
    })), m -> {
      String xml = pages.evaluate("atom", m, Pages.lang(ctx));
      ctx.response().putHeader("Content-Type", "application/atom+xml; charset=utf-8")
          .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "public, max-age=300").end(xml);
    });
  }

  public void media(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    if (!kind.equals("avatar") && !kind.equals("banner")) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, community(ctx).compose(c -> media.get(c.id(), kind)), image -> {
      if (image.isEmpty()) {
        pages.error(ctx, 404);
      } else {
        Media.serve(ctx, image.get());
      }
    });
  }

  /** GET /lang?to=ru&back=/path: remembers the language in a cookie and goes back (only to a path of ours). */
  public void language(RoutingContext ctx) {
    String to = ctx.request().getParam("to", "");
    String back = ctx.request().getParam("back", "/");
    if (!back.startsWith("/") || back.startsWith("//") || back.contains("\\") || back.length() > 500
        || back.chars().anyMatch(ch -> ch < 0x20)) {
      back = "/";
    }
    if (I18n.LANGUAGES.contains(to)) {
      ctx.response().addCookie(Cookie.cookie(I18n.COOKIE, to).setPath("/").setMaxAge(365L * 24 * 3600)
          .setSameSite(CookieSameSite.LAX).setSecure(s.uris().scheme().equals("https")));
    }
    ctx.response().setStatusCode(303).putHeader("Location", back).putHeader("Cache-Control", "no-store").end();
  }

  // ------------------------------------------------------------------ helpers

  /** The community of a public page (from the short-lived cache: {@link social.hearth.core.community.CommunityService}). */
  Future<Community> community(RoutingContext ctx) {
    return s.communities().bySlugCached(ctx.pathParam("slug")).compose(c -> c.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(WebException.notFound())));
  }

  static int page(RoutingContext ctx) {
    try {
      int p = Integer.parseInt(ctx.request().getParam("page", "1"));
      return p < 1 || p > 10_000 ? 1 : p;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** OpenGraph and Twitter card fields. */
  Map<String, Object> meta(RoutingContext ctx, String title, String description, String url, String image) {
    Map<String, Object> meta = new HashMap<>();
    meta.put("title", title);
    meta.put("description", description == null ? "" : description);
    meta.put("url", url);
    meta.put("image", image);
    meta.put("site", s.handleHost());
    meta.put("locale", Pages.lang(ctx).equals("ru") ? "ru_RU" : "en_US");
    return meta;
  }
}
