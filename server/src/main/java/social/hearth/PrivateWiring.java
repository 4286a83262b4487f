package social.hearth;

import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import social.hearth.apub.PrivateCopyActivities;
import social.hearth.apub.Uris;
import social.hearth.core.community.CommunityService;
import social.hearth.core.moderation.Removals;
import social.hearth.core.port.Actors;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.publishing.PostIntake;
import social.hearth.core.publishing.PrivatePosting;
import social.hearth.core.publishing.Publishing;
import social.hearth.core.publishing.Retractions;
import social.hearth.db.OutboxStore;
import social.hearth.db.PgNoteStore;
import social.hearth.db.PgPrivateCopies;

/**
 * Wiring only, for Hearth: how members post in a private community and the community's own copies of their posts
 * (issue 17 items 2 and 3). Mount after {@code PrivateReads}, which guards the copies' route.
 */
final class PrivateWiring {

  /** What it needs from Hearth's wiring. */
  record Parts(Pool pool, Uris uris, Clock clock, OutboxStore outbox, CommunityService communities,
               TransactionalOutbox out, Actors actors, String handleHost) {}

  private PrivateWiring() {}

  static void wire(Parts p, Publishing publishing, Retractions retractions, Removals removals, PostIntake intake,
                   Router router) {
    PrivateCopyActivities copies = new PrivateCopyActivities(p.outbox(), new PgPrivateCopies(p.pool()), p.communities(),
        p.uris(), p.clock());
    publishing.copies(copies);
    retractions.copies(copies);
    removals.copies(copies);
    intake.privately(new PrivatePosting(copies, new PgNoteStore(p.pool()), p.actors(), p.out(), p.handleHost()));
    copies.mount(router);
  }
}
