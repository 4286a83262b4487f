package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import social.hearth.config.Config;
import social.hearth.testing.TestDatabase;

/**
 * Migration V10 turns the inbox body into text without rewriting the table: activities still to be processed keep
 * their body, and a node of the previous version can still store activities during a rolling upgrade.
 */
class InboxBodyMigrationTest {

  @Test
  void pendingActivitiesKeepTheirBodyAndThePreviousVersionCanStillInsert() throws Exception {
    Config.DatabaseUrl db = TestDatabase.fresh();
    String jdbc = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database();
    // every migration before V10, whatever their numbers
    MigrationVersion v10 = MigrationVersion.fromVersion("10");
    MigrationVersion before = Arrays.stream(flyway(jdbc, db).load().info().all()).map(MigrationInfo::getVersion)
        .filter(v -> v.compareTo(v10) < 0).max(MigrationVersion::compareTo).orElseThrow();
    flyway(jdbc, db).target(before).load().migrate();
    try (Connection c = DriverManager.getConnection(jdbc, db.user(), db.password()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO inbox (activity_id, type, actor_id, body, state) VALUES "
          + "('https://x.example/pending', 'Like', 'https://x.example/u', '{\"type\": \"Like\", \"id\": 1}', 'pending'), "
          + "('https://x.example/done', 'Like', 'https://x.example/u', '{\"type\": \"Like\"}', 'done')");

      Database.migrate(db);

      assertEquals("{\"id\": 1, \"type\": \"Like\"}", body(s, "https://x.example/pending"), "still to be processed");
      assertEquals("", body(s, "https://x.example/done"), "processed: never read again");
      try (PreparedStatement old = c.prepareStatement("INSERT INTO inbox (activity_id, type, actor_id, recipient, body, "
          + "signature_scheme) VALUES (?, 'Like', 'https://x.example/u', NULL, ?::text::jsonb, NULL)")) {
        old.setString(1, "https://x.example/from-an-older-node");
        old.setString(2, "{\"type\":\"Like\"}");
        old.execute();
      }
      assertEquals("{\"type\": \"Like\"}", body(s, "https://x.example/from-an-older-node"));
    }
  }

  static FluentConfiguration flyway(String jdbc, Config.DatabaseUrl db) {
    return Flyway.configure().dataSource(jdbc, db.user(), db.password()).locations("classpath:db/migration");
  }

  static String body(Statement s, String activityId) throws Exception {
    try (ResultSet r = s.executeQuery("SELECT body FROM inbox WHERE activity_id = '" + activityId + "'")) {
      r.next();
      return r.getString(1);
    }
  }
}
