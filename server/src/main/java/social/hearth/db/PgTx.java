package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import social.hearth.core.port.Transactions;
import social.hearth.core.port.Tx;

/**
 * The database adapter's {@link Tx}: the connection (or pool) that statements of one unit of work run on, and what
 * is to happen once its transaction has committed ({@link #afterCommit}).
 */
public record PgTx(SqlClient client, List<Runnable> committed) implements Tx {

  public PgTx(SqlClient client) {
    this(client, new ArrayList<>());
  }

  /** The SQL client behind a {@link Tx} handed back by the core. */
  public static SqlClient sql(Tx tx) {
    if (tx instanceof PgTx pg) {
      return pg.client;
    }
    throw new IllegalArgumentException("not a database transaction: " + tx);
  }

  /**
   * Runs {@code action} once the unit of work has committed: at once when its statements commit one by one
   * ({@link #autoCommit}), after the commit of its transaction otherwise, never when the transaction fails.
   */
  public static void afterCommit(Tx tx, Runnable action) {
    PgTx pg = tx instanceof PgTx p ? p : null;
    if (pg == null) {
      throw new IllegalArgumentException("not a database transaction: " + tx);
    }
    if (pg.client instanceof Pool) {
      action.run();
    } else {
      pg.committed.add(action);
    }
  }

  /** {@link Transactions} on a pool: each unit of work on one connection, in one transaction. */
  public static Transactions transactions(Pool pool) {
    return new Transactions() {
      @Override
      public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
        List<Runnable> committed = new ArrayList<>();
        return pool.withTransaction(conn -> work.apply(new PgTx(conn, committed)))
            .onSuccess(result -> committed.forEach(Runnable::run));
      }
    };
  }

  /** Statements outside any transaction, each on whatever pooled connection is free. */
  public static Tx autoCommit(Pool pool) {
    return new PgTx(pool);
  }
}
