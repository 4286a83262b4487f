package social.hearth.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.apub.Uris;
import social.hearth.core.domain.Community;
import social.hearth.core.CoreException;

/**
 * Server-rendered pages from the web-ui module's Pebble templates (auto-escaping on, strict variables), in the
 * visitor's language, with the security headers every HTML answer carries. Templates are compiled once and cached.
 * Trusted HTML (sanitised remote posts, rendered Markdown) reaches templates only as {@link SafeString}; everything
 * else is escaped.
 */
public final class Pages implements social.hearth.apub.ActorRoutes.BrowserPages {

  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
  /** No inline script or style anywhere; forms may post to us and, after a redirect, to a visitor's own server. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self' https:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  private final PebbleEngine engine;
  private final I18n i18n;
  private final Uris uris;
  private final String handleHost;
  private CommunityPage communityPage;

  public Pages(Uris uris, String handleHost) {
    ClasspathLoader loader = new ClasspathLoader();
    loader.setPrefix("web/templates");
    loader.setSuffix(".peb");
    this.i18n = new I18n();
    this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(true)
        .extension(new Functions(i18n)).build();
    this.uris = uris;
    this.handleHost = handleHost;
  }

  public I18n i18n() {
    return i18n;
  }

  public Uris uris() {
    return uris;
  }

  public String handleHost() {
    return handleHost;
  }

  /** Called once by {@link WebRoutes} when the public pages are wired. */
  void attach(CommunityPage communityPage) {
    this.communityPage = communityPage;
  }

  /** The community's page for browsers (ActivityPub clients get the Group at the same IRI). */
  @Override
  public void community(RoutingContext ctx, Community c) {
    if (communityPage == null) {
      ctx.fail(404);
      return;
    }
    communityPage.community(ctx, c);
  }

  // ------------------------------------------------------------------ models and rendering

  /** The model every page starts from: language, switch, who is signed in, the instance. */
  public Map<String, Object> model(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    String lang = lang(ctx);
    model.put("lang", lang);
    List<Map<String, Object>> languages = new ArrayList<>();
    for (String l : I18n.LANGUAGES) {
      languages.add(Map.of("code", l, "current", l.equals(lang)));
    }
    model.put("languages", languages);
    String here = ctx.request().uri();
    model.put("here", here.length() > 500 ? "/" : here);
    model.put("host", handleHost);
    model.put("noindex", false); // true on a private community's pages (PrivatePages)
    model.put("base", uris.base());
    Auth.Session s = ctx.get(Auth.SESSION_KEY);
    model.put("staff", s);
    model.put("csrf", s == null ? "" : s.csrf());
    model.put("staffUnread", ctx.get(StaffInboxPages.UNREAD));
    String notice = ctx.request().getParam("notice");
    model.put("notice", notice != null && notice.matches("[a-z_]{1,40}") && i18n.has("notice." + notice) ? "notice." + notice : null);
    model.put("error", null);
    model.put("meta", null);
    model.put("feed", null);
    model.put("alternate", null);
    return model;
  }

  /** OpenGraph and Twitter card fields. */
  public Map<String, Object> meta(RoutingContext ctx, String title, String description, String url, String image) {
    Map<String, Object> meta = new HashMap<>();
    meta.put("title", title);
    meta.put("description", description == null ? "" : description);
    meta.put("url", url);
    meta.put("image", image);
    meta.put("site", handleHost);
    meta.put("locale", lang(ctx).equals("ru") ? "ru_RU" : "en_US");
    return meta;
  }

  public static String lang(RoutingContext ctx) {
    String lang = ctx.get("hearth.lang");
    if (lang == null) {
      lang = I18n.choose(ctx);
      ctx.put("hearth.lang", lang);
    }
    return lang;
  }

  public void render(RoutingContext ctx, String template, Map<String, Object> model) {
    render(ctx, 200, template, model);
  }

  /** Renders and sends a page; returns the body sent, or null when it was not (ended already, or rendering failed). */
  public Buffer render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
    if (ctx.response().ended()) {
      return null;
    }
    String lang = (String) model.getOrDefault("lang", lang(ctx));
    String html;
    boolean failed = false;
    try {
      html = evaluate(template, model, lang);
    } catch (RuntimeException e) {
      LOG.error("rendering {} failed", template, e);
      failed = true;
      html = evaluate("error", errorModel(ctx, 500), lang);
    }
    Buffer body = Buffer.buffer(html);
    send(ctx, failed ? 500 : status, lang, body);
    return failed ? null : body;
  }

  /** Sends an HTML page with the headers every page carries (a Buffer may be sent any number of times). */
  void send(RoutingContext ctx, int status, String lang, Buffer html) {
    HttpServerResponse r = ctx.response().setStatusCode(status);
    headers(r, ctx.get(Auth.SESSION_KEY) != null);
    r.putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Content-Language", lang);
    r.end(html);
  }

  String evaluate(String template, Map<String, Object> model, String lang) {
    PebbleTemplate t = engine.getTemplate(template);
    StringWriter out = new StringWriter();
    try {
      t.evaluate(out, model, Locale.forLanguageTag(lang));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The security headers of every HTML answer; private pages are never cached. */
  static void headers(HttpServerResponse r, boolean privatePage) {
    r.putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (privatePage) {
      r.putHeader("Cache-Control", "no-store");
    }
  }

  /** The HTTP status a page answers for a core failure. */
  public static int status(CoreException failure) {
    return switch (failure.kind()) {
      case INVALID -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNPROCESSABLE -> 422;
      case UNSUPPORTED_TYPE -> 415;
      case RATE_LIMITED -> 429;
      case GONE -> 410;
    };
  }

  /** An error page in the visitor's language; service failures become their status with a general message. */
  @Override
  public void error(RoutingContext ctx, Throwable failure) {
    int status = 500;
    if (failure instanceof CoreException api) {
      status = status(api);
    } else if (failure instanceof WebException w) {
      status = w.status();
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    if (ctx.response().ended()) {
      return;
    }
    Map<String, Object> model = errorModel(ctx, status);
    if (failure instanceof WebException w && w.messageKey() != null) {
      model.put("error", w.messageKey());
    }
    render(ctx, status, "error", model);
  }

  public void error(RoutingContext ctx, int status) {
    render(ctx, status, "error", errorModel(ctx, status));
  }

  private Map<String, Object> errorModel(RoutingContext ctx, int status) {
    Map<String, Object> model = model(ctx);
    model.put("status", status);
    String key = switch (status) {
      case 400 -> "error.bad_request";
      case 403 -> "error.forbidden";
      case 404 -> "error.not_found";
      case 409 -> "error.conflict";
      case 410 -> "error.gone";
      case 413 -> "error.too_large";
      case 422 -> "error.unresolvable";
      case 429 -> "error.too_many";
      default -> "error.internal";
    };
    model.put("error", key);
    return model;
  }

  /** Runs a page's work and renders its failure as an error page. */
  public <T> void handle(RoutingContext ctx, Future<T> work, java.util.function.Consumer<T> done) {
    work.onSuccess(v -> {
      try {
        done.accept(v);
      } catch (RuntimeException e) {
        error(ctx, e);
      }
    }).onFailure(e -> error(ctx, e));
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ static assets

  /** Static assets from web-ui's {@code web/static}, by exact name only (no paths, so no traversal). */
  public void asset(RoutingContext ctx) {
    Asset asset = ASSETS.get(ctx.pathParam("name"));
    if (asset == null) {
      error(ctx, 404);
      return;
    }
    ctx.response().putHeader("Content-Type", asset.type()).putHeader("Cache-Control", "public, max-age=3600")
        .putHeader("X-Content-Type-Options", "nosniff").end(asset.body());
  }

  private record Asset(String type, Buffer body) {}

  private static final Map<String, Asset> ASSETS = loadAssets(Map.of(
      "hearth.css", "text/css; charset=utf-8",
      "hearth.js", "text/javascript; charset=utf-8",
      "compose.js", "text/javascript; charset=utf-8",
      "hearth.svg", "image/svg+xml"));

  private static Map<String, Asset> loadAssets(Map<String, String> types) {
    Map<String, Asset> out = new HashMap<>();
    types.forEach((name, type) -> {
      try (var in = Pages.class.getClassLoader().getResourceAsStream("web/static/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing asset web/static/" + name);
        }
        out.put(name, new Asset(type, Buffer.buffer(in.readAllBytes())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return Map.copyOf(out);
  }

  // ------------------------------------------------------------------ template functions

  /** {@code t(key, args...)}, {@code tn(key, n)}, {@code date(odt)}, {@code datetime(odt)}, {@code iso(odt)}. */
  static final class Functions extends AbstractExtension {
    private final I18n i18n;

    Functions(I18n i18n) {
      this.i18n = i18n;
    }

    @Override
    public Map<String, Function> getFunctions() {
      Map<String, Function> f = new HashMap<>();
      f.put("t", new Function() {
        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
          String key = String.valueOf(args.get("0"));
          List<Object> rest = new ArrayList<>();
          for (int i = 1; args.containsKey(String.valueOf(i)); i++) {
            rest.add(args.get(String.valueOf(i)));
          }
          return i18n.t(context.getLocale().getLanguage(), key, rest.toArray());
        }

        @Override
        public List<String> getArgumentNames() {
          return null;
        }
      });
      f.put("tn", new Function() {
        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
          Object n = args.get("n");
          return i18n.tn(context.getLocale().getLanguage(), String.valueOf(args.get("key")),
              n instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(n)));
        }

        @Override
        public List<String> getArgumentNames() {
          return List.of("key", "n");
        }
      });
      f.put("date", dateFunction(FormatStyle.LONG, false));
      f.put("datetime", dateFunction(FormatStyle.MEDIUM, true));
      f.put("iso", new Function() {
        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
          Object v = args.get("value");
          return v instanceof OffsetDateTime odt ? DateTimeFormatter.ISO_INSTANT.format(odt.toInstant()) : "";
        }

        @Override
        public List<String> getArgumentNames() {
          return List.of("value");
        }
      });
      return f;
    }

    private static Function dateFunction(FormatStyle style, boolean withTime) {
      return new Function() {
        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
          Object v = args.get("value");
          if (!(v instanceof OffsetDateTime odt)) {
            return "";
          }
          DateTimeFormatter f = withTime ? DateTimeFormatter.ofLocalizedDateTime(style, FormatStyle.SHORT)
              : DateTimeFormatter.ofLocalizedDate(style);
          return f.withLocale(context.getLocale()).format(odt.withOffsetSameInstant(ZoneOffset.UTC))
              + (withTime ? " UTC" : "");
        }

        @Override
        public List<String> getArgumentNames() {
          return List.of("value");
        }
      };
    }
  }

  /** Trusted HTML for a template (already sanitised or produced by us). */
  public static SafeString safe(String html) {
    return new SafeString(html == null ? "" : html);
  }
}
