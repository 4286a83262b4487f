package social.hearth.core.account;

import io.vertx.core.Future;
import social.hearth.core.port.Actors;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.PersonStore;
import social.hearth.core.port.StaffOutbound;
import social.hearth.core.port.Transactions;

/**
 * Follows of a staff Person: accepted at once (the Accept signed with the Person's key, in the transaction that
 * stores the follower); an Undo of the Follow removes the follower.
 */
public final class PersonFollows {

  private final StaffProfiles profiles;
  private final PersonStore store;
  private final Actors actors;
  private final Transactions transactions;
  private final StaffOutbound outbound;
  private final Deliveries deliveries;

  public PersonFollows(StaffProfiles profiles, PersonStore store, Actors actors, Transactions transactions,
                       StaffOutbound outbound, Deliveries deliveries) {
    this.profiles = profiles;
    this.store = store;
    this.actors = actors;
    this.transactions = transactions;
    this.outbound = outbound;
    this.deliveries = deliveries;
  }

  /** {@code followerId} follows the staff account {@code username} with the Follow {@code followId}. */
  public Future<Void> follow(String username, String followerId, String followId) {
    return profiles.person(username).compose(person -> actors.get(followerId).compose(follower ->
            transactions.inTransaction(tx -> store.follow(tx, person.accountId(), follower.id(), followId)
                .compose(v -> outbound.acceptFollow(tx, person, followId, follower)))))
        .onSuccess(v -> deliveries.wake());
  }

  /** {@code followerId} no longer follows {@code username}. */
  public Future<Void> unfollow(String username, String followerId) {
    return profiles.find(username).compose(p -> p.isEmpty() ? Future.succeededFuture()
        : store.unfollow(p.get().accountId(), followerId).mapEmpty());
  }

  /** The Follow {@code followId} of {@code followerId} is undone (named by its id alone); false when it was none of ours. */
  public Future<Boolean> unfollowById(String followerId, String followId) {
    return store.unfollowByFollowId(followerId, followId);
  }
}
