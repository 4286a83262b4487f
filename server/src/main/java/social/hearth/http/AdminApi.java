package social.hearth.http;

import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The admin JSON API under {@code /api/v1/admin}: the bearer-token guard first, then each feature's routes (one
 * class per feature, each a {@link Feature}). Failures reach {@link ErrorHandler}.
 */
public final class AdminApi {

  /** One feature's admin routes. */
  public interface Feature {
    void mount(Router router);
  }

  /** Where every admin route lives; the path parameter {@code :slug} names the community. */
  static final String ROOT = "/api/v1/admin";
  static final String COMMUNITY = ROOT + "/communities/:slug";

  private final BearerAuth auth;
  private final List<Feature> features;

  public AdminApi(String token, List<Feature> features) {
    this.auth = new BearerAuth(token);
    this.features = List.copyOf(features);
  }

  public void mount(Router router) {
    router.route(ROOT + "/*").handler(auth);
    features.forEach(f -> f.mount(router));
  }
}
