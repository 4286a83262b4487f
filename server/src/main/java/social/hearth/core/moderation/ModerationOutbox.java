package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.Actors;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.Transactions;
import social.hearth.core.port.Tx;
import social.hearth.core.community.Voice;

/**
 * What moderation says to other servers: direct messages to authors and reporters, Flags, removals. Each runs in
 * one transaction with its deliveries (the outbox), and the delivery worker is woken once it commits.
 */
public final class ModerationOutbox {

  private final Transactions transactions;
  private final Outbound outbound;
  private final Actors actors;
  private final Deliveries deliveries;

  public ModerationOutbox(Transactions transactions, Outbound outbound, Actors actors, Deliveries deliveries) {
    this.transactions = transactions;
    this.outbound = outbound;
    this.actors = actors;
    this.deliveries = deliveries;
  }

  public Outbound outbound() {
    return outbound;
  }

  public Future<RemoteActor> actor(String actorId) {
    return actors.get(actorId);
  }

  /** Runs {@code work} in one transaction and wakes the delivery worker when it committed. */
  public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
    return transactions.inTransaction(work).onSuccess(x -> deliveries.wake());
  }

  /**
   * A direct message from the community in the recipient's language ({@link Voice#languageFor}): {@code html}
   * writes it (already safe HTML) in the language it is given.
   */
  public Future<Void> message(Community c, RemoteActor to, Function<String, String> html, String kind, String inReplyTo) {
    String lang = Voice.standard().languageFor(c, to);
    return inTransaction(tx -> outbound.directMessage(tx, c, to, html.apply(lang), kind, inReplyTo, lang)).mapEmpty();
  }

  /** As above, to an account known by its id (fetched when unknown). */
  public Future<Void> message(Community c, String actorId, Function<String, String> html, String kind, String inReplyTo) {
    return actors.get(actorId).compose(to -> message(c, to, html, kind, inReplyTo));
  }

  /** A Flag to the account's server; the caller wakes the worker after its last one ({@link #wake()}). */
  public Future<Void> flag(RemoteActor account, List<String> posts, String note) {
    return transactions.inTransaction(tx -> outbound.flag(tx, account, posts, note));
  }

  public void wake() {
    deliveries.wake();
  }
}
