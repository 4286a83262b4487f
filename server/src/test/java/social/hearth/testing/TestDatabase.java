package social.hearth.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import social.hearth.config.Config;
import social.hearth.db.EmbeddedDatabase;

/**
 * One real embedded PostgreSQL for the whole test JVM; every test server gets a fresh database in it.
 */
public final class TestDatabase {

  private static EmbeddedDatabase instance;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestDatabase() {}

  public static synchronized int port() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("hearth-test-pg");
        instance = EmbeddedDatabase.start(dir, false);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance.port();
  }

  /** Creates an empty database and returns its URL. */
  public static Config.DatabaseUrl fresh() {
    int port = port();
    String name = "hearth_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new Config.DatabaseUrl("127.0.0.1", port, name, "postgres", "");
  }

  public static String url(Config.DatabaseUrl db) {
    return "postgres://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }
}
