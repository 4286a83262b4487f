package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.function.Function;

/** Runs work in one database transaction: committed when the returned future succeeds, rolled back otherwise. */
public interface Transactions {

  <T> Future<T> inTransaction(Function<Tx, Future<T>> work);
}
