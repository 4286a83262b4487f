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

  /**
   * As above, and open to a member signed in to this community ({@link MemberSignInPages}): a member reads what staff
   * read, and gets none of their controls (those follow the staff session alone).
   */
  static boolean closed(RoutingContext ctx, Community c, Optional<Auth.Session> session) {
    return closed(c, session) && MemberSignInPages.of(ctx, c) == null;
  }

  /** Tells search engines not to index a private community's page (the header and the page's meta tag). */
  static void noindex(RoutingContext ctx, Community c, Map<String, Object> m) {
    var member = MemberSignInPages.of(ctx, c); // the member signed in to read, shown with a way to sign out
    m.put("memberReader", member == null ? null : member.actorId());
    m.put("memberCsrf", member == null ? "" : member.csrf());
    if (c.isPrivate()) {
      ctx.response().putHeader("X-Robots-Tag", "noindex");
      m.put("noindex", true);
    }
  }
}
