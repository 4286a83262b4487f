package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import social.hearth.apub.Uris;
import social.hearth.core.community.InstanceSettings;
import social.hearth.core.domain.InstanceProfile;
import social.hearth.core.port.PublicPageQueries;

/** The instance's home with its communities (and a search over them), and the language switch. */
public final class HomePage {

  private final Pages pages;
  private final PublicPageQueries queries;
  private final Uris uris;
  private final InstanceSettings instance;

  public HomePage(Pages pages, PublicPageQueries queries, InstanceSettings instance) {
    this.instance = instance;
    this.pages = pages;
    this.queries = queries;
    this.uris = pages.uris();
  }

  public void home(RoutingContext ctx) {
    String query = ctx.request().getParam("q", "");
    if (query.length() > 100) {
      query = query.substring(0, 100);
    }
    String search = query;
    pages.handle(ctx, Future.all(queries.communities(search, 200), instance.current()), all -> {
      InstanceProfile profile = all.resultAt(1);
      Map<String, Object> m = pages.model(ctx);
      m.put("q", search);
      m.put("communities", all.resultAt(0));
      m.put("instance", instanceModel(profile));
      String lang = Pages.lang(ctx);
      String title = profile.name().isEmpty() ? pages.i18n().t(lang, "home.title", pages.handleHost()) : profile.name();
      String description = profile.description().isEmpty() ? pages.i18n().t(lang, "home.intro")
          : InstanceSettings.paragraphs(profile.description()).get(0);
      m.put("meta", pages.meta(ctx, title, description, uris.home(), null));
      pages.render(ctx, "home", m);
    });
  }

  /** What the instance admin says about the server (its name, description, contact, rules), as the page shows it. */
  private static Map<String, Object> instanceModel(InstanceProfile p) {
    Map<String, Object> out = new HashMap<>();
    out.put("name", p.name());
    out.put("about", InstanceSettings.paragraphs(p.description()));
    out.put("contact", p.contact());
    out.put("contactEmail", p.contactIsEmail());
    out.put("rules", p.rules());
    return out;
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
          .setSameSite(CookieSameSite.LAX).setSecure(uris.scheme().equals("https")));
    }
    ctx.response().setStatusCode(303).putHeader("Location", back).putHeader("Cache-Control", "no-store").end();
  }
}
