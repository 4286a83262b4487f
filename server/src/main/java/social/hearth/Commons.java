package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import social.hearth.apub.LikeListener;
import social.hearth.apub.Uris;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.authoring.CommunityPosts;
import social.hearth.core.community.Voice;
import social.hearth.core.digest.DigestWorker;
import social.hearth.core.digest.Digests;
import social.hearth.db.PgDigestStore;
import social.hearth.http.DigestApi;
import social.hearth.core.community.CommunityService;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.publishing.PostIntake;
import social.hearth.core.publishing.Publishing;
import social.hearth.federation.inbox.ListenerTable;

/**
 * What the community keeps, hears and sums up (issue 19): its wiki ({@link WikiWiring}), its feedback board
 * ({@link BoardWiring}, with Lemmy's Dislike and EmojiReact added to the inbox's listeners) and its digest (the use
 * case, its worker, started here on worker nodes, and its admin API); built for {@link Hearth}.
 */
record Commons(WikiWiring wiki, BoardWiring board, Digests digests, DigestWorker worker, DigestApi digestApi) {

  /** What they are built from. */
  record Parts(Vertx vertx, Pool pool, Clock clock, Uris uris, TransactionalOutbox out, CommunityService communities,
               MemberStore members, Actors actors, AuditLog audit, Publishing publishing, PostIntake intake,
               ListenerTable listeners, CommunityPosts posts, boolean workers) {}

  /** How often the digest worker looks for digests whose time has come. */
  static final Duration DIGEST_POLL = Duration.ofSeconds(30);

  static Commons wire(Parts p) {
    BoardWiring board = BoardWiring.wire(p.pool(), p.clock(), p.uris(), p.out(), p.communities(), p.members(),
        p.actors(), p.audit(), p.publishing());
    // votes: an EmojiReact is a like (PostIntake.like), Lemmy's Dislike a vote against
    p.listeners().on("EmojiReact", new LikeListener(p.intake())).on("Dislike", board.routes().dislike());
    p.listeners().wrap("Undo", board.routes()::undo); // Undo{Dislike} takes the vote against back
    Digests digests = new Digests(new PgDigestStore(p.pool()), p.posts(), p.communities(), Voice.standard(), p.audit(),
        p.clock());
    DigestWorker worker = new DigestWorker(p.vertx(), DIGEST_POLL, digests);
    if (p.workers()) {
      worker.start();
    }
    return new Commons(WikiWiring.wire(p.vertx(), p.pool(), p.uris(), p.out(), p.communities(), p.audit(),
        p.members()), board, digests,
        worker, new DigestApi(p.communities(), digests));
  }

  /** The public routes: the wiki's Articles, the board's replies. */
  void routes(Router router) {
    wiki.routes().mount(router);
    board.routes().mount(router);
  }

  /** The admin API's features, mounted behind its bearer guard. */
  void api(Router router) {
    wiki.api().mount(router);
    wiki.editorsApi().mount(router); // the wiki's trusted editors
    board.api().mount(router);
    digestApi.mount(router);
  }
}
