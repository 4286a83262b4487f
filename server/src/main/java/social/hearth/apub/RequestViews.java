package social.hearth.apub;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import social.hearth.federation.sig.RequestView;

/** Adapts a Vert.x request to the signature layer's view of it. */
final class RequestViews {

  private RequestViews() {}

  /** {@code scheme} is our public scheme (from the base URL): RFC 9421's @target-uri is checked against it. */
  static RequestView of(RoutingContext ctx, String scheme) {
    return new RequestView() {
      @Override
      public String scheme() {
        return scheme;
      }

      @Override
      public String method() {
        return ctx.request().method().name();
      }

      @Override
      public String pathAndQuery() {
        return ctx.request().uri();
      }

      @Override
      public List<String> headers(String name) {
        List<String> values = ctx.request().headers().getAll(name);
        if (values.isEmpty() && name.equalsIgnoreCase("host") && ctx.request().authority() != null) {
          // HTTP/2 carries the host in the :authority pseudo-header
          return List.of(ctx.request().authority().toString());
        }
        return values;
      }
    };
  }
}
