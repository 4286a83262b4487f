package social.hearth.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.domain.Community;

/**
 * The pages of a private community (issue 17): visitors see its front door (name, summary, rules, how to join) and
 * none of what members share; its staff, signed in, see everything. Search engines are told not to index any of it.
 */
final class PrivatePages {

  private PrivatePages() {}

  /** Whether what members share is hidden from this reader: a private community, and no staff of it signed in. */
  static boolean closed(Community c, Optional<Auth.Session> session) {
    return c.isPrivate() && !(session.isPresent() && session.get().mayModerate(c));
  }

  /** Tells search engines not to index a private community's page (the header and the page's meta tag). */
  static void noindex(RoutingContext ctx, Community c, Map<String, Object> m) {
    if (c.isPrivate()) {
      ctx.response().putHeader("X-Robots-Tag", "noindex");
      m.put("noindex", true);
    }
  }
}
