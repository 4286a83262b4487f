package social.hearth;

import io.vertx.sqlclient.Pool;
import social.hearth.apub.Uris;
import social.hearth.apub.WikiArticles;
import social.hearth.apub.WikiRoutes;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.wiki.Wiki;
import social.hearth.db.PgWikiStore;
import social.hearth.http.WikiApi;

/**
 * Wiring of the community's wiki (issue 19): the use case, the Article's wire form and routes, the admin API; built
 * here for {@link Hearth} (the pages are mounted by {@link WebWiring}).
 */
record WikiWiring(Wiki wiki, WikiRoutes routes, WikiApi api) {

  static WikiWiring wire(Pool pool, Uris uris, TransactionalOutbox out, CommunityService communities, AuditLog audit) {
    Wiki wiki = new Wiki(out, new PgWikiStore(pool), new WikiArticles(uris), audit);
    return new WikiWiring(wiki, new WikiRoutes(communities, wiki), new WikiApi(communities, wiki));
  }
}
