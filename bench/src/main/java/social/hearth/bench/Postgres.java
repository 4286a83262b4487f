package social.hearth.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one PostgreSQL every Hearth node of a run shares: zonky's binaries (the same as Hearth's embedded database),
 * started here so that Hearth runs exactly as it does against an external database ({@code HEARTH_DATABASE_URL}),
 * and so that durability is what we choose. zonky's own default is {@code synchronous_commit=off}; the bench runs
 * with {@code on} unless told otherwise, so an activity counts as stored only once its commit is on disk.
 */
final class Postgres implements AutoCloseable {

  private final EmbeddedPostgres pg;
  final Path dataDir;
  final String synchronousCommit;

  private Postgres(EmbeddedPostgres pg, Path dataDir, String synchronousCommit) {
    this.pg = pg;
    this.dataDir = dataDir;
    this.synchronousCommit = synchronousCommit;
  }

  /**
   * Starts PostgreSQL in {@code dir}. With {@code statements} (the bench's {@code --profile}), it also keeps
   * {@code pg_stat_statements} and logs the plan of every statement that takes 50 ms or more ({@code auto_explain},
   * without timing each node, so it costs nothing for the others) to {@code logDir}/postgresql-*.log.
   */
  static Postgres start(Path dir, String synchronousCommit, boolean statements, Path logDir) throws IOException {
    Path data = dir.resolve("postgres");
    Files.createDirectories(data);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (statements) {
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
          .setServerConfig("pg_stat_statements.track", "all")
          .setServerConfig("auto_explain.log_min_duration", "50ms")
          .setServerConfig("logging_collector", "on")
          .setServerConfig("log_directory", logDir.toAbsolutePath().toString())
          .setServerConfig("log_filename", "postgresql-%Y%m%d-%H%M%S.log");
    }
    EmbeddedPostgres pg = builder
        .setDataDirectory(data.toFile())
        .setCleanDataDirectory(true)
        .setOverrideWorkingDirectory(dir.resolve("pg-bin").toFile())
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("unix_socket_directories", "")
        .setServerConfig("synchronous_commit", synchronousCommit)
        .start();
    return new Postgres(pg, data, synchronousCommit);
  }

  int port() {
    return pg.getPort();
  }

  /** A fresh database for one purpose, as a HEARTH_DATABASE_URL. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "postgres://postgres@127.0.0.1:" + port() + "/" + name;
  }

  /** Turns on pg_stat_statements in a database (PostgreSQL must have been started with {@code statements}). */
  void enableStatements(String database) throws SQLException {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }
  }

  void resetStatements(String database) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_statements_reset()");
    } catch (SQLException e) {
      System.err.println("bench: cannot reset pg_stat_statements: " + e.getMessage());
    }
  }

  /** The statements that took the most database time since the last reset: calls, mean and total time. */
  String topStatements(String database, int limit) {
    StringBuilder out = new StringBuilder();
    try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') "
            + "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT " + limit)) {
      double total = 0;
      java.util.List<String> lines = new java.util.ArrayList<>();
      while (r.next()) {
        String q = r.getString(5);
        lines.add(String.format("    %,9d calls %9.1f ms total %7.3f ms mean %,9d rows  %s", r.getLong(1), r.getDouble(2),
            r.getDouble(3), r.getLong(4), q.length() > 150 ? q.substring(0, 150) + "…" : q));
        total += r.getDouble(2);
      }
      out.append("  PostgreSQL statements by total time (pg_stat_statements):\n");
      lines.forEach(l -> out.append(l).append('\n'));
      try (ResultSet all = s.executeQuery("SELECT count(*), COALESCE(sum(calls), 0), COALESCE(sum(total_exec_time), 0) "
          + "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
          + "AND query NOT LIKE '%pg_stat_statements%'")) {
        all.next();
        out.append(String.format("    all %d statements: %,d calls, %.1f ms%n", all.getLong(1), all.getLong(2),
            all.getDouble(3)));
      }
    } catch (SQLException e) {
      out.append("  (pg_stat_statements unavailable: ").append(e.getMessage()).append(")\n");
    }
    return out.toString();
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, "postgres", "");
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * CPU time of the whole PostgreSQL (postmaster, live backends, and backends that have exited), in nanoseconds.
   * The processes are found by their data directory (the postmaster) and their parent (everything else).
   */
  long cpuNanos() {
    long master = postmasterPid();
    if (master < 0) {
      return -1;
    }
    long total = Machine.cpuNanos(master, true);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid != master && Machine.parentPid(pid) == master) {
          long n = Machine.cpuNanos(pid);
          if (n > 0) {
            total += n;
          }
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  /**
   * As {@link #cpuNanos}, split by kind of process: "backends" (the connections' sessions), each auxiliary process
   * by its title ("autovacuum worker", "walwriter", "checkpointer"...), "postmaster", and "exited" (processes that
   * have ended: closed connections, finished autovacuum workers). Kinds that used nothing are absent.
   */
  java.util.Map<String, Long> cpuNanosByKind() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    long master = postmasterPid();
    if (master < 0) {
      return out;
    }
    long own = Machine.cpuNanos(master, false);
    out.merge("postmaster", own, Long::sum);
    out.merge("exited", Machine.cpuNanos(master, true) - own, Long::sum);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid != master && Machine.parentPid(pid) == master) {
          long n = Machine.cpuNanos(pid);
          if (n > 0) {
            out.merge(kind(pid), n, Long::sum);
          }
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** "backends" for a session, else the process title without "postgres: " and what follows the kind. */
  private static String kind(long pid) {
    String cmd;
    try {
      cmd = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return "exited";
    }
    String title = cmd.startsWith("postgres: ") ? cmd.substring("postgres: ".length()) : cmd;
    for (String aux : List.of("autovacuum launcher", "autovacuum worker", "walwriter", "checkpointer", "background writer",
        "logger", "logical replication launcher", "walsummarizer", "io worker")) {
      if (title.startsWith(aux)) {
        return aux;
      }
    }
    return "backends";
  }

  /** Proportional resident memory (PSS: shared pages split between the processes sharing them) of all of PostgreSQL. */
  long pssKb() {
    long master = postmasterPid();
    if (master < 0) {
      return -1;
    }
    long total = Machine.pssKb(master);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && Machine.parentPid(Long.parseLong(name)) == master) {
          total += Math.max(0, Machine.pssKb(Long.parseLong(name)));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  private long postmasterPid() {
    try {
      String first = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim();
      return Long.parseLong(first);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      System.err.println("bench: PostgreSQL did not stop cleanly: " + e.getMessage());
    }
  }

  /**
   * Copies members in one transaction (the caller commits): each new actor id (key) gets the remote_actors and
   * members rows of its source actor (value) with its own id, inbox and key id. Only those columns are named, so the
   * copy keeps working when the tables gain columns.
   */
  static void copyMembers(Connection c, Map<String, String> copyToSource) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE copy_map (src text NOT NULL, dst text NOT NULL)");
    }
    try (var ps = c.prepareStatement("INSERT INTO copy_map VALUES (?, ?)")) {
      for (Map.Entry<String, String> e : copyToSource.entrySet()) {
        ps.setString(1, e.getValue());
        ps.setString(2, e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (var st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE copy_actors AS SELECT m.dst AS copy_id, r.* FROM remote_actors r "
          + "JOIN copy_map m ON m.src = r.id");
      st.execute("UPDATE copy_actors SET id = copy_id, inbox = copy_id || '/inbox', key_id = copy_id || '#main-key', "
          + "preferred_username = regexp_replace(copy_id, '^.*/', ''), "
          + "document = jsonb_set(document, '{id}', to_jsonb(copy_id))");
      st.execute("ALTER TABLE copy_actors DROP COLUMN copy_id");
      st.execute("INSERT INTO remote_actors SELECT * FROM copy_actors");
      st.execute("CREATE TEMP TABLE copy_members AS SELECT m.dst AS copy_id, x.* FROM members x "
          + "JOIN copy_map m ON m.src = x.actor_id");
      st.execute("UPDATE copy_members SET actor_id = copy_id, follow_id = copy_id || '/follows/copied'");
      st.execute("ALTER TABLE copy_members DROP COLUMN copy_id");
      st.execute("INSERT INTO members SELECT * FROM copy_members");
    }
  }

  /**
   * Writes {@code count} posts into a community as the inbox processor would have (newest last, one a minute, each
   * with two hashtags), every fifth a reply to an earlier top-level post, by the given authors. Returns how many are
   * replies.
   */
  static int seedPosts(Connection c, String slug, List<String> authors, int count) throws SQLException {
    long community;
    try (var ps = c.prepareStatement("SELECT id FROM communities WHERE slug = ?")) {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        community = rs.getLong(1);
      }
    }
    String[] topics = {"books", "translation", "poetry", "reading", "novels", "history", "essays", "fiction"};
    List<String> topLevel = new ArrayList<>();
    int replies = 0;
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (var ps = c.prepareStatement("INSERT INTO posts (community_id, object_id, author_id, type, content, object, "
        + "created_at, in_reply_to) VALUES (?, ?, ?, 'Note', ?, ?::jsonb, now() - ? * interval '1 minute', ?)")) {
      for (int i = 0; i < count; i++) {
        String author = authors.get(i % authors.size());
        String id = author + "/statuses/seed-" + i;
        String parent = i % 5 == 4 && !topLevel.isEmpty() ? topLevel.get((i * 31) % topLevel.size()) : null;
        String content = "<p>Post " + i + " about #" + topics[i % topics.length] + " and #" + topics[(i / 3) % topics.length]
            + ": I found the first chapters slower than the original, but the dialogue is much better.</p>";
        String object = "{\"id\":\"" + id + "\",\"type\":\"Note\",\"attributedTo\":\"" + author + "\",\"content\":\""
            + content.replace("\"", "\\\"") + "\",\"tag\":[{\"type\":\"Hashtag\",\"name\":\"#" + topics[i % topics.length]
            + "\"},{\"type\":\"Hashtag\",\"name\":\"#" + topics[(i / 3) % topics.length] + "\"}]"
            + (parent == null ? "" : ",\"inReplyTo\":\"" + parent + "\"") + "}";
        ps.setLong(1, community);
        ps.setString(2, id);
        ps.setString(3, author);
        ps.setString(4, content);
        ps.setString(5, object);
        ps.setInt(6, count - i);
        ps.setString(7, parent);
        ps.addBatch();
        if (parent == null) {
          topLevel.add(id);
        } else {
          replies++;
        }
      }
      ps.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return replies;
  }
}
