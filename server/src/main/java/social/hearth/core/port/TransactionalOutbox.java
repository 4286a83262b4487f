package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * What a use case needs to change state and tell other servers about it: a transaction, the {@link Outbound}
 * activities written in it (the transactional outbox), and the delivery wake-up once it has committed.
 */
public record TransactionalOutbox(Transactions transactions, Outbound outbound, Deliveries deliveries) {

  /** Runs {@code work} in one transaction; after it commits, the delivery worker starts at once. */
  public <T> Future<T> send(Function<Tx, Future<T>> work) {
    return transactions.inTransaction(work).onSuccess(v -> deliveries.wake());
  }

  /** Runs {@code work} in one transaction that queues nothing to deliver. */
  public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
    return transactions.inTransaction(work);
  }
}
