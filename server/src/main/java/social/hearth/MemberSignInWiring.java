package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import social.hearth.core.community.CommunityService;
import social.hearth.core.membership.MemberSignIn;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.db.PgLoginAttemptStore;
import social.hearth.db.PgMediaStore;
import social.hearth.db.PgMemberSignInStore;
import social.hearth.db.PgSessionStore;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.webfinger.WebFingerClient;
import social.hearth.web.Auth;
import social.hearth.web.ClientAddress;
import social.hearth.web.MemberSignInPages;
import social.hearth.web.Pages;

/**
 * Wires members' sign-in to a private community's pages (issue 17 item 5): the use case, its store (V52) and its
 * pages. Mounted before the community's pages, whose member session it loads.
 */
final class MemberSignInWiring {

  /** What the sign-in uses from the rest of the server. */
  record Parts(Vertx vertx, Pool pool, Pages pages, TransactionalOutbox out, MemberStore members, Actors actors,
               CommunityService communities, AccountStore accounts, GuardedHttpClient http, String trustedProxies) {}

  private MemberSignInWiring() {}

  static void mount(Router router, Parts p) {
    boolean secure = p.pages().uris().scheme().equals("https");
    Auth auth = new Auth(p.vertx(), new PgSessionStore(p.pool()), new PgLoginAttemptStore(p.pool()), p.accounts(),
        ClientAddress.parse(p.trustedProxies()), secure);
    MemberSignIn signIn = new MemberSignIn(p.out(), p.members(), p.actors(), new PgMemberSignInStore(p.pool()));
    new MemberSignInPages(p.pages(), auth, p.communities(), new PgMediaStore(p.pool()), signIn,
        new WebFingerClient(p.http())::resolve, secure).mount(router);
  }
}
