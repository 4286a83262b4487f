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
import social.hearth.http.WikiEditorsApi;
import social.hearth.core.wiki.WikiEditors;
import social.hearth.core.port.MemberStore;
import social.hearth.db.PgAccountStore;
import social.hearth.db.PgWikiEditorStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Wiring of the community's wiki (issue 19): the use case, the Article's wire form and routes, the admin API; built
 * here for {@link Hearth} (the pages are mounted by {@link WebWiring}).
 */
record WikiWiring(Wiki wiki, WikiRoutes routes, WikiApi api, WikiEditors editors, WikiEditorsApi editorsApi) {

  static WikiWiring wire(Vertx vertx, Pool pool, Uris uris, TransactionalOutbox out, CommunityService communities, AuditLog audit,
                         MemberStore members) {
    Wiki wiki = new Wiki(vertx, out, new PgWikiStore(pool), new WikiArticles(uris), audit);
    // the members staff trust to edit: a staff account's Person of this server may be one without being a member
    PgAccountStore accounts = new PgAccountStore(pool);
    WikiEditors editors = new WikiEditors(out, new PgWikiEditorStore(pool), members, iri -> uris.staffUsername(iri)
        .map(u -> accounts.byUsername(u).map(a -> a.isPresent())).orElse(Future.succeededFuture(false)), wiki, audit);
    return new WikiWiring(wiki, new WikiRoutes(communities, wiki), new WikiApi(communities, wiki), editors,
        new WikiEditorsApi(communities, editors));
  }
}
