package social.hearth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import social.hearth.apub.ActorMapper;
import social.hearth.apub.FetchSigners;
import social.hearth.apub.LocalKeys;
import social.hearth.apub.PersonActivities;
import social.hearth.apub.PersonListeners;
import social.hearth.apub.PersonRoutes;
import social.hearth.apub.Uris;
import social.hearth.core.account.PersonFollows;
import social.hearth.core.account.StaffInbox;
import social.hearth.core.account.StaffProfiles;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.DeletedObjects;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.PersonStore;
import social.hearth.core.port.StaffOutbound;
import social.hearth.core.port.Transactions;
import social.hearth.db.OutboxStore;
import social.hearth.db.PgStaffInboxStore;

/** Wires staff accounts as ActivityPub Persons: profiles, follows, the staff inbox, their listeners and routes. */
final class PersonWiring {

  /** What the rest of the wiring uses. */
  record Persons(PersonStore store, StaffOutbound outbound, StaffProfiles profiles, PersonFollows follows,
                 StaffInbox inbox, PersonListeners listeners) {}

  /** What the Persons are built from. */
  record Parts(Vertx vertx, Pool pool, PersonStore store, LocalKeys keys, Uris uris, ActorMapper mapper,
               OutboxStore outbox, Transactions transactions, Deliveries deliveries, Actors actors, AccountStore accounts,
               DeletedObjects deleted, Clock clock) {}

  private PersonWiring() {}

  static Persons build(Parts p) {
    StaffOutbound outbound = new PersonActivities(p.outbox(), p.uris(), p.mapper(), p.clock());
    StaffProfiles profiles = new StaffProfiles(p.store(), p.keys(), p.transactions(), outbound, p.deliveries(), p.clock());
    PersonFollows follows = new PersonFollows(profiles, p.store(), p.actors(), p.transactions(), outbound, p.deliveries());
    StaffInbox inbox = new StaffInbox(p.vertx(), p.accounts(), new PgStaffInboxStore(p.pool()), p.deleted());
    return new Persons(p.store(), outbound, profiles, follows, inbox,
        new PersonListeners(p.uris(), profiles, follows, inbox, p.store()));
  }

  /** The Persons' documents and collections at {@code /u/{username}} (browsers go on to the web pages). */
  static void mount(Router router, Persons persons, Uris uris, ActorMapper mapper, FetchSigners signers,
                    boolean authorizedFetch) {
    new PersonRoutes(uris, persons.profiles(), persons.store(), mapper, signers, authorizedFetch).mount(router);
  }
}
