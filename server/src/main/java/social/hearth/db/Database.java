package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.config.Config;
import social.hearth.config.ConfigException;

/**
 * Opens the database: the external one from {@code HEARTH_DATABASE_URL}, or an embedded PostgreSQL in the data
 * directory. Flyway applies migrations over JDBC (once, at startup, before any request), then all queries go
 * through the reactive Vert.x pool.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** The pool's name in the metrics ({@code vertx_pool_*{pool_name="hearth-db"}}). */
  public static final String POOL_NAME = "hearth-db";

  private final Pool pool;
  private final Optional<EmbeddedDatabase> embedded;

  private Database(Pool pool, Optional<EmbeddedDatabase> embedded) {
    this.pool = pool;
    this.embedded = embedded;
  }

  public Pool pool() {
    return pool;
  }

  /** Blocking: starts (if embedded) and migrates. Call from a worker thread or before the event loop runs. */
  public static Database open(Vertx vertx, Config config) {
    Optional<EmbeddedDatabase> embedded = Optional.empty();
    Config.DatabaseUrl url;
    if (config.database().isPresent()) {
      url = config.database().get();
    } else {
      EmbeddedDatabase db = EmbeddedDatabase.start(config.dataDir());
      embedded = Optional.of(db);
      url = new Config.DatabaseUrl("127.0.0.1", db.port(), "postgres", "postgres", "");
      LOG.info("embedded PostgreSQL running on 127.0.0.1:{} with data in {}", db.port(), config.dataDir().resolve("postgres"));
    }
    migrate(url);
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(url.host()).setPort(url.port()).setDatabase(url.database())
        .setUser(url.user()).setPassword(url.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(64);
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.databasePool()).setShared(false).setName(POOL_NAME))
        .connectingTo(connect)
        .using(vertx)
        .build();
    return new Database(pool, embedded);
  }

  static void migrate(Config.DatabaseUrl url) {
    String jdbc = "jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + url.database();
    try {
      Flyway.configure()
          .dataSource(jdbc, url.user(), url.password())
          .locations("classpath:db/migration")
          .connectRetries(5)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      Throwable t = e;
      while (t.getCause() != null) {
        t = t.getCause();
      }
      throw new ConfigException("cannot prepare the database " + url + ": " + t.getMessage());
    }
  }

  public Future<Void> closeAsync() {
    return pool.close().onComplete(x -> embedded.ifPresent(e -> {
      try {
        e.close();
      } catch (Exception ex) {
        LOG.warn("embedded PostgreSQL did not stop cleanly", ex);
      }
    }));
  }

  @Override
  public void close() {
    closeAsync();
  }
}
