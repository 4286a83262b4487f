package social.hearth.web;

import io.vertx.ext.web.Router;
import social.hearth.Services;

/**
 * The HTML side of Hearth: public pages and the staff's workroom. Mounted after the ActivityPub routes, which
 * answer ActivityPub clients at the same IRIs (content negotiation) and hand browsers to {@link Pages}.
 */
public final class WebRoutes {

  private final Services services;
  private final Pages pages;

  public WebRoutes(Services services, Pages pages) {
    this.services = services;
    this.pages = pages;
  }

  public void mount(Router router) {
    router.get("/static/:name").handler(pages::asset);
    router.get("/").handler(ctx -> services.communities().list().onSuccess(list -> pages.home(ctx, list)).onFailure(ctx::fail));
  }
}
