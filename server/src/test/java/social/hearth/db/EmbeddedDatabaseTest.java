package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL keeps its data in the data directory across restarts. */
class EmbeddedDatabaseTest {

  @Test
  void dataWrittenBeforeARestartIsThereAfterIt() throws Exception {
    Path dataDir = Files.createTempDirectory("hearth-restart");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir);
         Connection c = connect(first.port()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (body text)");
      s.execute("INSERT INTO notes VALUES ('survives')");
    }
    assertTrue(Files.exists(dataDir.resolve("postgres/PG_VERSION")), "the cluster lives in the data directory");
    try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir);
         Connection c = connect(second.port()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT body FROM notes")) {
      assertTrue(rs.next());
      assertEquals("survives", rs.getString(1));
      try (ResultSet v = c.createStatement().executeQuery("SHOW server_version_num")) {
        v.next();
        assertTrue(Integer.parseInt(v.getString(1)) >= 160000, "PostgreSQL 16 or newer");
      }
      for (String setting : new String[] {"fsync", "synchronous_commit"}) {
        try (ResultSet v = c.createStatement().executeQuery("SHOW " + setting)) {
          v.next();
          assertEquals("on", v.getString(1), setting + ": an acknowledged commit is on disk");
        }
      }
    }
  }

  private static Connection connect(int port) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
  }
}
