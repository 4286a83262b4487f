package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.function.Function;
import social.hearth.core.port.Transactions;
import social.hearth.core.port.Tx;

/** The database adapter's {@link Tx}: the connection (or pool) that statements of one unit of work run on. */
public record PgTx(SqlClient client) implements Tx {

  /** The SQL client behind a {@link Tx} handed back by the core. */
  public static SqlClient sql(Tx tx) {
    if (tx instanceof PgTx pg) {
      return pg.client;
    }
    throw new IllegalArgumentException("not a database transaction: " + tx);
  }

  /** {@link Transactions} on a pool: each unit of work on one connection, in one transaction. */
  public static Transactions transactions(Pool pool) {
    return new Transactions() {
      @Override
      public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
        return pool.withTransaction(conn -> work.apply(new PgTx(conn)));
      }
    };
  }

  /** Statements outside any transaction, each on whatever pooled connection is free. */
  public static Tx autoCommit(Pool pool) {
    return new PgTx(pool);
  }
}
