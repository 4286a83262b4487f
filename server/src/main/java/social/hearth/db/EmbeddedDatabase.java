package social.hearth.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.config.ConfigException;

/**
 * A real PostgreSQL (zonky's binaries from Maven Central) run by Hearth itself, its data kept in
 * {@code <dataDir>/postgres} so it survives restarts.
 *
 * <p>PostgreSQL refuses to run as root; when Hearth runs as root (containers, CI), zonky starts
 * {@code initdb} and {@code pg_ctl} inside a new user namespace ({@code unshare -U}), where they are not root.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** A durable database for a running Hearth: every acknowledged commit is on disk. */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, true);
  }

  /**
   * {@code durable=false} keeps zonky's test settings (no fsync, asynchronous commit): fast, and only for throwaway
   * test databases. A Hearth must never run that way: it answers 202 only after its insert is committed, and that
   * promise needs the commit on disk.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean durable) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(pgData.toFile())
          .setCleanDataDirectory(false)
          .setOverrideWorkingDirectory(dataDir.resolve("pg-bin").toFile())
          .setPGStartupWait(java.time.Duration.ofSeconds(60))
          .setServerConfig("max_connections", "100")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("unix_socket_directories", "");
      if (durable) {
        builder.setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
      }
      return new EmbeddedDatabase(builder.start());
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("cannot start the embedded PostgreSQL in " + pgData + ": " + rootCause(e));
    }
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

}
