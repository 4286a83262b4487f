package social.hearth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.function.Function;
import social.hearth.apub.NodeInfoClient;
import social.hearth.apub.Uris;
import social.hearth.apub.WarnActivities;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.FederationHealth;
import social.hearth.core.moderation.Removals;
import social.hearth.core.moderation.Sanctions;
import social.hearth.core.moderation.Warnings;
import social.hearth.core.port.Actors;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.db.HostStore;
import social.hearth.db.OutboxStore;
import social.hearth.db.PgFederationHealth;
import social.hearth.db.PgMemberRecordStore;

/**
 * The wiring of the moderators' tools that act on members and servers (issue 15): federation health with its
 * "retry now", warnings (a direct message quoting the rule, and Lemmy's {@code Warn}), bans that remove recent posts.
 */
record Workroom(FederationHealth federation, Warnings warnings, Sanctions sanctions) {

  /** What the tools are built from: the stores and use cases {@link Hearth} already made. */
  record Parts(Pool pool, Clock clock, Uris uris, TransactionalOutbox out, AuditLog audit, Deliveries deliveries,
               MemberStore members, RuleStore rules, PostStore posts, Actors actors, OutboxStore outbox, HostStore hosts,
               NodeInfoClient nodeInfo, Function<String, Future<StaffProfile>> persons, Membership membership,
               Removals removals) {}

  static Workroom wire(Parts p) {
    PgMemberRecordStore records = new PgMemberRecordStore(p.pool());
    return new Workroom(
        new FederationHealth(new PgFederationHealth(p.pool()), p.audit(), p.deliveries()),
        new Warnings(p.out(), new Warnings.Stores(p.members(), p.rules(), records, p.posts()), p.actors(), p.audit(),
            new WarnActivities(p.outbox(), p.hosts(), p.nodeInfo(), p.uris(), p.clock()), p.persons()),
        new Sanctions(p.membership(), p.removals(), records, p.clock()));
  }
}
