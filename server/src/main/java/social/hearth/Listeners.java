package social.hearth;

import io.vertx.sqlclient.Pool;
import social.hearth.apub.AnnounceListener;
import social.hearth.apub.CreateListener;
import social.hearth.apub.DeleteListener;
import social.hearth.apub.FlagListener;
import social.hearth.apub.FollowListener;
import social.hearth.apub.LikeListener;
import social.hearth.apub.MoveListener;
import social.hearth.apub.QuoteRequestListener;
import social.hearth.apub.RemoteActors;
import social.hearth.apub.UndoListener;
import social.hearth.apub.UpdateListener;
import social.hearth.apub.Uris;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Quotes;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.ReportIntake;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.ReportStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.publishing.PostIntake;
import social.hearth.core.publishing.Retractions;
import social.hearth.db.PgAuthoredPostStore;
import social.hearth.db.PgNoteStore;
import social.hearth.db.PgQuoteStore;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.federation.inbox.ListenerTable;

/**
 * The inbox's listener table: which listener (one use case each) answers each activity type, wrapped by the
 * features that must see some activities first: staff Persons (what is addressed to them), polls (votes), events
 * (Join, Leave, Undo{Join}, replies that answer an event).
 */
final class Listeners {

  /** What the listeners are built from: the use cases and stores {@link Hearth} already made. */
  record Parts(Pool pool, Uris uris, ActivityPubFetcher fetcher, CommunityService communities, Membership membership,
               Retractions retractions, PostIntake intake, CreateListener create, RemoteActors actors,
               TransactionalOutbox out, PostStore posts, ReportStore reports, MemberStore members, BanStore bans,
               PgQuoteStore quotes, PersonWiring.Persons persons, PollWiring polls, EventWiring events) {}

  private Listeners() {}

  static ListenerTable table(Parts p) {
    var people = p.persons().listeners();
    return new ListenerTable()
        .on("Follow", people.follow(new FollowListener(p.uris(), p.communities(), p.membership())))
        .on("Undo", p.events().listeners().undo(people.undo(new UndoListener(p.uris(), p.membership(), p.retractions()))))
        .on("Create", p.polls().listeners().create(p.events().listeners().replies(people.create(p.create()))))
        .on("Update", p.polls().listeners().update(people.update(new UpdateListener(p.uris(), p.actors(), p.create(),
            p.intake()), p.create())))
        .on("Delete", people.delete(new DeleteListener(p.uris(), p.retractions())))
        .on("Like", new LikeListener(p.intake()))
        .on("Announce", new AnnounceListener(p.uris(), p.fetcher(), p.create()))
        .on("Flag", new FlagListener(p.uris(), new ReportIntake(p.communities(), p.posts(), p.reports())))
        .on("Move", new MoveListener(p.uris(), p.actors(), p.membership()))
        .on("QuoteRequest", new QuoteRequestListener(p.uris(), new Quotes(p.out(), p.communities(), p.actors(),
            new Quotes.Stores(p.quotes(), p.members(), p.bans(), new PgNoteStore(p.pool()),
                new PgAuthoredPostStore(p.pool())))))
        .on("Join", p.events().listeners().join())
        .on("Leave", p.events().listeners().leave());
  }
}
