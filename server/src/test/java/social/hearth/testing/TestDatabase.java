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
        sweep(dir.getParent());
        instance = EmbeddedDatabase.start(dir, false);
        EmbeddedDatabase started = instance;
        // the cluster holds every test's database (a gigabyte and more after a full run): stopped and removed with
        // the test JVM, so repeated runs do not fill the temporary directory
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException | RuntimeException e) {
            // stopping failed: the files are removed all the same
          }
          delete(dir);
        }, "hearth-test-pg-cleanup"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance.port();
  }

  /**
   * Removes the clusters earlier test JVMs left behind (a JVM that was killed, or whose shutdown hook did not run):
   * those whose PostgreSQL is no longer running (no postmaster.pid, or one naming a dead process) and that were
   * not touched in the last two minutes (so a cluster another JVM is just starting is left alone).
   */
  private static void sweep(Path tmp) {
    long before = System.currentTimeMillis() - java.time.Duration.ofMinutes(2).toMillis();
    try (java.util.stream.Stream<Path> dirs = Files.list(tmp)) {
      dirs.filter(d -> d.getFileName().toString().startsWith("hearth-test-pg") && Files.isDirectory(d)).forEach(d -> {
        try {
          Path pid = d.resolve("postgres").resolve("postmaster.pid");
          boolean running = Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip()))
              .map(ProcessHandle::isAlive).orElse(false);
          if (!running && Files.getLastModifiedTime(d).toMillis() < before) {
            delete(d);
          }
        } catch (IOException | RuntimeException e) {
          // unreadable: left alone
        }
      });
    } catch (IOException | RuntimeException e) {
      // the temporary directory cannot be listed: nothing to sweep
    }
  }

  private static void delete(Path dir) {
    try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort: what is left is in the temporary directory
    }
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
