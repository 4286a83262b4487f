package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.membership.MemberSignIn;
import social.hearth.core.port.MediaStore;
import social.hearth.core.port.MemberSignInStore;

/**
 * Members sign in to read a community's private pages (issue 17 item 5), per community, at {@code /c/{slug}/sign-in}:
 * the member types their handle; Hearth answers every handle with the same page ("if you are a member, a message is
 * on its way") and, in the background, finds the account by WebFinger and, only for a current member, sends the code
 * and link by direct message ({@link MemberSignIn}). The code typed there, or the link opened and confirmed with a
 * button (so a link preview cannot use it up), starts a reading session: the cookie {@code hearth_member}, scoped to
 * the community's path, HttpOnly, SameSite=Lax, Secure behind https. It only lets the private pages show what staff
 * see, never a staff control. Requests are limited per client address and per handle, wrong codes per address.
 */
public final class MemberSignInPages {

  private static final Logger LOG = LoggerFactory.getLogger(MemberSignInPages.class);
  static final String COOKIE = "hearth_member";
  /** Where the request's member session (a {@link MemberSignInStore.Session}) is kept for the pages. */
  static final String KEY = "hearth.member";
  static final int MAX_REQUESTS_PER_ADDRESS = 10;
  static final int MAX_REQUESTS_PER_HANDLE = 3;
  static final int MAX_CODES_PER_ADDRESS = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Pattern HANDLE = Pattern.compile("[a-z0-9_.~-]{1,64}@[a-z0-9.-]{1,253}(:[0-9]{1,5})?");

  private final Pages pages;
  private final Auth auth;
  private final CommunityHeader header;
  private final MediaStore media;
  private final MemberSignIn signIn;
  private final Function<String, Future<String>> webfinger;
  private final boolean secure;

  /** {@code webfinger}: a handle to its actor IRI, through the guarded client. */
  public MemberSignInPages(Pages pages, Auth auth, CommunityService communities, MediaStore media, MemberSignIn signIn,
                           Function<String, Future<String>> webfinger, boolean secure) {
    this.pages = pages;
    this.auth = auth;
    this.header = new CommunityHeader(pages, communities);
    this.media = media;
    this.signIn = signIn;
    this.webfinger = webfinger;
    this.secure = secure;
  }

  /** Mounts the member session's loader (before the pages that read it) and the sign-in pages. */
  public void mount(Router router) {
    for (String path : new String[] {"/c/:slug", "/c/:slug/posts/:id", "/c/:slug/tags/:tag", "/c/:slug/wiki/:name/edit",
        "/c/:slug/board"}) {
      router.get(path).handler(this::load);
    }
    // a member staff trust with the wiki saves there (the body is read first, with the wiki's own limit)
    router.post("/c/:slug/wiki/:name/edit").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
    router.post("/c/:slug/wiki/:name/edit").handler(this::load);
    router.get("/c/:slug/sign-in").handler(ctx -> step(ctx, "handle", new FormState(), 200));
    router.get("/c/:slug/sign-in/link").handler(this::linkForm);
    for (String path : new String[] {"/c/:slug/sign-in", "/c/:slug/sign-in/code", "/c/:slug/sign-in/link", "/c/:slug/sign-out"}) {
      router.post(path).handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    }
    router.post("/c/:slug/sign-in").handler(this::request);
    router.post("/c/:slug/sign-in/code").handler(this::code);
    router.post("/c/:slug/sign-in/link").handler(this::link);
    router.post("/c/:slug/sign-out").handler(this::load);
    router.post("/c/:slug/sign-out").handler(this::signOut);
  }

  /** Loads the member session a request's cookie names, if it is live; the pages decide what it opens. */
  void load(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      ctx.next();
      return;
    }
    signIn.session(cookie.getValue()).onComplete(found -> {
      if (found.succeeded() && found.result().isPresent()) {
        ctx.put(KEY, found.result().get());
      } else if (found.failed()) {
        LOG.warn("member session not read: {}", found.cause().toString());
      }
      ctx.next();
    });
  }

  /** The member session of this request, when it is for {@code c}. */
  static MemberSignInStore.Session of(RoutingContext ctx, Community c) {
    MemberSignInStore.Session s = ctx.get(KEY);
    return s != null && s.communityId() == c.id() ? s : null;
  }

  /** POST /c/{slug}/sign-in: the same answer for every well-formed handle; the message goes to members only. */
  private void request(RoutingContext ctx) {
    if (!auth.loginTokenMatches(ctx)) {
      pages.error(ctx, new WebException(403, "error.csrf"));
      return;
    }
    FormState form = FormState.of(ctx.request().formAttributes(), java.util.List.of("handle"));
    String handle = normalise(form.text("handle"));
    if (handle == null) {
      step(ctx, "handle", form.error("handle", "member.signin.error.handle"), 400);
      return;
    }
    String address = Auth.limitKey(auth.client(ctx));
    pages.handle(ctx, closedCommunity(ctx).compose(c -> signIn.store().attempts(address, handle, "request", WINDOW.toSeconds())
        .compose(n -> {
          if (n.byAddress() >= MAX_REQUESTS_PER_ADDRESS || n.byAccount() >= MAX_REQUESTS_PER_HANDLE) {
            return Future.succeededFuture(429);
          }
          return signIn.store().attempt(address, handle, "request").map(v -> {
            String linkBase = pages.uris().community(c.slug()) + "/sign-in/link?token=";
            // in the background: the answer must not wait for (or tell) whether the handle is a member's
            webfinger.apply(handle).compose(actor -> signIn.request(c, handle, actor, linkBase))
                .onFailure(e -> LOG.info("sign-in to {} for {}: {}", c.slug(), handle, e.toString()));
            return 200;
          });
        })), status -> {
          if (status == 429) {
            ctx.response().putHeader("Retry-After", String.valueOf(WINDOW.toSeconds()));
            step(ctx, "handle", form.error("handle", "member.signin.error.limited"), 429);
          } else {
            step(ctx, "code", form.put("handle", handle), 200);
          }
        });
  }

  /** POST /c/{slug}/sign-in/code: a right code starts the session; anything else the same page with the reason. */
  private void code(RoutingContext ctx) {
    if (!auth.loginTokenMatches(ctx)) {
      pages.error(ctx, new WebException(403, "error.csrf"));
      return;
    }
    FormState form = FormState.of(ctx.request().formAttributes(), java.util.List.of("handle", "code"));
    String handle = normalise(form.text("handle"));
    if (handle == null) {
      step(ctx, "handle", form.error("handle", "member.signin.error.handle"), 400);
      return;
    }
    String address = Auth.limitKey(auth.client(ctx));
    pages.handle(ctx, closedCommunity(ctx).compose(c -> signIn.store().attempts(address, handle, "code", WINDOW.toSeconds())
        .compose(n -> n.byAddress() >= MAX_CODES_PER_ADDRESS ? Future.succeededFuture((Object) 429)
            : signIn.redeemCode(c, handle, form.text("code")).compose(started -> started.isPresent()
                ? Future.succeededFuture((Object) started.get())
                : signIn.store().attempt(address, handle, "code").map(v -> (Object) 400)))
        .map(r -> Map.entry(c, r))), done -> {
          if (done.getValue() instanceof MemberSignIn.Started started) {
            begin(ctx, done.getKey(), started);
          } else if (Integer.valueOf(429).equals(done.getValue())) {
            ctx.response().putHeader("Retry-After", String.valueOf(WINDOW.toSeconds()));
            step(ctx, "code", form.error("code", "member.signin.error.limited"), 429);
          } else {
            step(ctx, "code", form.error("code", "member.signin.error.code"), 400);
          }
        });
  }

  /** GET /c/{slug}/sign-in/link?token=: a button that signs in (a GET alone uses nothing up). */
  private void linkForm(RoutingContext ctx) {
    String token = ctx.request().getParam("token", "");
    FormState form = new FormState().put("token", token.matches("[A-Za-z0-9_-]{43}") ? token : "");
    step(ctx, "link", form, 200);
  }

  /** POST /c/{slug}/sign-in/link: the link's token starts the session, once. */
  private void link(RoutingContext ctx) {
    if (!auth.loginTokenMatches(ctx)) {
      pages.error(ctx, new WebException(403, "error.csrf"));
      return;
    }
    String token = Forms.nz(ctx.request().getFormAttribute("token"));
    pages.handle(ctx, closedCommunity(ctx).compose(c -> signIn.redeemLink(c, token).map(s -> Map.entry(c, s))), done -> {
      if (done.getValue().isPresent()) {
        begin(ctx, done.getKey(), done.getValue().get());
      } else {
        step(ctx, "handle", new FormState().error("handle", "member.signin.error.link"), 400);
      }
    });
  }

  /** POST /c/{slug}/sign-out with the member session's CSRF token. */
  private void signOut(RoutingContext ctx) {
    pages.handle(ctx, header.community(ctx), c -> {
      MemberSignInStore.Session s = of(ctx, c);
      if (s == null || !Auth.csrfValid(ctx, s.csrf(), pages.uris().base())) {
        pages.error(ctx, new WebException(403, "error.csrf"));
        return;
      }
      pages.handle(ctx, signIn.signOut(ctx.request().getCookie(COOKIE).getValue()), v -> {
        ctx.response().addCookie(cookie(c, "", Duration.ZERO));
        StaffSession.redirect(ctx, "/c/" + c.slug() + "?notice=member_signed_out");
      });
    });
  }

  private void begin(RoutingContext ctx, Community c, MemberSignIn.Started started) {
    ctx.response().addCookie(cookie(c, started.token(), MemberSignIn.SESSION_LIFETIME));
    StaffSession.redirect(ctx, "/c/" + c.slug() + "?notice=member_signed_in");
  }

  private Cookie cookie(Community c, String value, Duration maxAge) {
    return Cookie.cookie(COOKIE, value).setPath("/c/" + c.slug()).setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.LAX).setMaxAge(maxAge.toSeconds());
  }

  /** A step of the sign-in page: "handle" (ask), "code" (type the code) or "link" (confirm the link). */
  private void step(RoutingContext ctx, String step, FormState form, int status) {
    pages.handle(ctx, closedCommunity(ctx).compose(c -> media.info(c.id()).map(info -> Map.entry(c, info))), ci -> {
      Community c = ci.getKey();
      Map<String, Object> m = pages.model(ctx);
      header.communityModel(m, c, ci.getValue());
      form.into(m);
      m.put("step", step);
      m.put("loginToken", auth.loginToken(ctx));
      m.put("minutes", MemberSignIn.CODE_LIFETIME.toMinutes());
      m.put("noindex", true);
      ctx.response().putHeader("X-Robots-Tag", "noindex").putHeader("Cache-Control", "no-store");
      pages.render(ctx, status, "member_sign_in", m);
    });
  }

  /** The path's community, when it is private: a public one has nothing to sign in for (404). */
  private Future<Community> closedCommunity(RoutingContext ctx) {
    return header.community(ctx).compose(c -> c.isPrivate() ? Future.succeededFuture(c)
        : Future.failedFuture(WebException.notFound()));
  }

  /** A typed handle as {@code user@host} in lower case, or null when it cannot be one. */
  static String normalise(String typed) {
    String h = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("acct:")) {
      h = h.substring(5);
    }
    if (h.startsWith("@")) {
      h = h.substring(1);
    }
    return HANDLE.matcher(h).matches() ? h : null;
  }
}
