package social.hearth;

import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import social.hearth.apub.LikeListener;
import social.hearth.apub.Uris;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.publishing.PostIntake;
import social.hearth.core.publishing.Publishing;
import social.hearth.federation.inbox.ListenerTable;

/**
 * What the community keeps and hears (issue 19): its wiki ({@link WikiWiring}) and its feedback board
 * ({@link BoardWiring}, with Lemmy's Dislike and EmojiReact added to the inbox's listeners); built for {@link Hearth}.
 */
record Commons(WikiWiring wiki, BoardWiring board) {

  /** What they are built from. */
  record Parts(Pool pool, Clock clock, Uris uris, TransactionalOutbox out, CommunityService communities,
               MemberStore members, Actors actors, AuditLog audit, Publishing publishing, PostIntake intake,
               ListenerTable listeners) {}

  static Commons wire(Parts p) {
    BoardWiring board = BoardWiring.wire(p.pool(), p.clock(), p.uris(), p.out(), p.communities(), p.members(),
        p.actors(), p.audit(), p.publishing());
    // votes: an EmojiReact is a like (PostIntake.like), Lemmy's Dislike a vote against
    p.listeners().on("EmojiReact", new LikeListener(p.intake())).on("Dislike", board.routes().dislike());
    return new Commons(WikiWiring.wire(p.pool(), p.uris(), p.out(), p.communities(), p.audit()), board);
  }

  /** The public routes: the wiki's Articles, the board's replies. */
  void routes(Router router) {
    wiki.routes().mount(router);
    board.routes().mount(router);
  }

  /** The admin API's features, mounted behind its bearer guard. */
  void api(Router router) {
    wiki.api().mount(router);
    board.api().mount(router);
  }
}
