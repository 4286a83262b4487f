package social.hearth;

import io.vertx.sqlclient.Pool;
import java.time.Clock;
import social.hearth.apub.BoardReplies;
import social.hearth.apub.BoardRoutes;
import social.hearth.apub.Uris;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.board.Board;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Voice;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.publishing.Publishing;
import social.hearth.db.PgBoardStore;
import social.hearth.http.BoardApi;

/**
 * Wiring of the feedback board (issue 19): the use case, hooked into {@link Publishing} (idea posts and likes), its
 * replies' wire form and routes, the Dislike listener and the admin API; built here for {@link Hearth}.
 */
record BoardWiring(Board board, BoardRoutes routes, BoardApi api) {

  static BoardWiring wire(Pool pool, Clock clock, Uris uris, TransactionalOutbox out, CommunityService communities,
                          MemberStore members, Actors actors, AuditLog audit, Publishing publishing) {
    Board board = new Board(out, new PgBoardStore(pool), new BoardReplies(uris, clock), members, actors,
        Voice.standard(), audit, new social.hearth.db.PgPostStore(pool));
    publishing.hooks(board);
    return new BoardWiring(board, new BoardRoutes(uris, communities, board), new BoardApi(communities, board));
  }
}
