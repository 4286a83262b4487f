package social.hearth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Configuration from HEARTH_* variables: defaults, parsing, and one clear line for every wrong value. */
class ConfigTest {

  @Test
  void defaultsStartALocalServerWithTheEmbeddedDatabase() {
    Config c = Config.fromEnvironment(Map.of());
    assertEquals("http://localhost:8080", c.baseUrl().toString());
    assertEquals(8080, c.port());
    assertTrue(c.database().isEmpty());
    assertFalse(c.allowPrivateAddresses());
    assertEquals("localhost:8080", c.handleHost());
    assertEquals(java.time.Duration.ofSeconds(1), c.pageCache(), "visitors' community pages are reused for a second");
  }

  @Test
  void theBaseUrlIsNormalisedAndItsPortKeptInHandles() {
    Config c = Config.fromEnvironment(Map.of("HEARTH_BASE_URL", "HTTPS://Example.ORG/"));
    assertEquals("https://example.org", c.baseUrl().toString());
    assertEquals("example.org", c.handleHost());
    assertEquals("127.0.0.1:9000", Config.fromEnvironment(Map.of("HEARTH_BASE_URL", "http://127.0.0.1:9000")).handleHost());
    assertEquals("example.org", Config.fromEnvironment(Map.of("HEARTH_BASE_URL", "https://example.org:443")).handleHost());
  }

  @Test
  void anExternalDatabaseUrlIsParsed() {
    Config c = Config.fromEnvironment(Map.of("HEARTH_DATABASE_URL", "postgres://hearth:s3cret@db:5433/hearth"));
    Config.DatabaseUrl db = c.database().orElseThrow();
    assertEquals(List.of("db", 5433, "hearth", "hearth", "s3cret"), List.of(db.host(), db.port(), db.database(), db.user(), db.password()));
    assertFalse(db.toString().contains("s3cret"), "the password never appears in logs");
  }

  @Test
  void everyWrongValueIsRefusedWithAMessageNamingTheVariable() {
    Map<String, String> wrong = Map.ofEntries(
        Map.entry("HEARTH_PORT", "eighty"),
        Map.entry("HEARTH_BASE_URL", "example.org"),
        Map.entry("HEARTH_DATABASE_URL", "mysql://x@y/z"),
        Map.entry("HEARTH_ADMIN_TOKEN", "short"),
        Map.entry("HEARTH_ALLOW_PRIVATE_ADDRESSES", "maybe"),
        Map.entry("HEARTH_PAGE_CACHE_MS", "a while"),
        Map.entry("HEARTH_QUEUE_LEASE", "10"),
        Map.entry("HEARTH_QUEUE_POLL_MS", "0"),
        Map.entry("HEARTH_DATABASE_POOL", "3"),
        Map.entry("HEARTH_METRICS_TOKEN", "short"),
        Map.entry("HEARTH_METRICS_PORT", "ninety"),
        Map.entry("HEARTH_LOG_FORMAT", "xml"));
    wrong.forEach((name, value) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of(name, value)), name);
      assertTrue(e.getMessage().contains(name), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    });
    assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("HEARTH_BASE_URL", "https://example.org/hearth")));
    assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("HEARTH_PORT", "70000")));
    assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("HEARTH_PAGE_CACHE_MS", "3600000")));
  }

  @Test
  void queueLeasesLastTwoMinutesUnlessSetAndNeverLessThanThirtySeconds() {
    assertEquals(java.time.Duration.ofMinutes(2), Config.fromEnvironment(Map.of()).queueLease());
    assertEquals(java.time.Duration.ofSeconds(45), Config.fromEnvironment(Map.of("HEARTH_QUEUE_LEASE", " 45 ")).queueLease());
    assertEquals(java.time.Duration.ofSeconds(30), Config.fromEnvironment(Map.of("HEARTH_QUEUE_LEASE", "30")).queueLease());
    assertEquals(java.time.Duration.ofMinutes(2), Config.fromEnvironment(Map.of("HEARTH_QUEUE_LEASE", " ")).queueLease());
    for (String wrong : List.of("29", "0", "-5", "2m", "86401")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> Config.fromEnvironment(Map.of("HEARTH_QUEUE_LEASE", wrong)), wrong);
      assertEquals("HEARTH_QUEUE_LEASE must be a number of seconds from 30 to 86400, not '" + wrong + "'", e.getMessage());
    }
  }

  @Test
  void aWrongValueStopsStartupWithOneLineAndANonZeroExit() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-cp", System.getProperty("java.class.path"), "social.hearth.Main", "run");
    pb.environment().put("HEARTH_PORT", "not-a-port");
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(2, p.exitValue());
    assertEquals("hearth: HEARTH_PORT must be a number from 0 to 65535, not 'not-a-port'", err);
  }

  @Test
  void httpIsServedByOneEventLoopPerProcessorUnlessConfigured() {
    assertEquals(Runtime.getRuntime().availableProcessors(), Config.fromEnvironment(Map.of()).httpThreads());
    assertEquals(3, Config.fromEnvironment(Map.of("HEARTH_HTTP_THREADS", " 3 ")).httpThreads());
    for (String wrong : List.of("0", "-1", "257", "many", "1.5")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> Config.fromEnvironment(Map.of("HEARTH_HTTP_THREADS", wrong)), wrong);
      assertEquals("HEARTH_HTTP_THREADS must be a number from 1 to 256, not '" + wrong + "'", e.getMessage());
    }
  }

  @Test
  void metricsAreOffUnlessATokenOrAPortIsSet() {
    Config off = Config.fromEnvironment(Map.of());
    assertFalse(off.metrics().enabled());
    Config token = Config.fromEnvironment(Map.of("HEARTH_METRICS_TOKEN", "a-metrics-token-0123"));
    assertEquals(java.util.Optional.of("a-metrics-token-0123"), token.metrics().token());
    assertTrue(token.metrics().port().isEmpty(), "on the main port, behind the token");
    Config port = Config.fromEnvironment(Map.of("HEARTH_METRICS_PORT", " 9100 "));
    assertEquals(9100, port.metrics().port().getAsInt());
    assertTrue(port.metrics().enabled() && port.metrics().token().isEmpty());
    for (String wrong : List.of("-1", "65536", "many")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> Config.fromEnvironment(Map.of("HEARTH_METRICS_PORT", wrong)), wrong);
      assertEquals("HEARTH_METRICS_PORT must be a number from 0 to 65535, not '" + wrong + "'", e.getMessage());
    }
    ConfigException same = assertThrows(ConfigException.class,
        () -> Config.fromEnvironment(Map.of("HEARTH_PORT", "8080", "HEARTH_METRICS_PORT", "8080")));
    assertTrue(same.getMessage().startsWith("HEARTH_METRICS_PORT must differ from HEARTH_PORT (8080)"), same.getMessage());
    assertEquals("HEARTH_METRICS_TOKEN must be at least 16 characters long", assertThrows(ConfigException.class,
        () -> Config.fromEnvironment(Map.of("HEARTH_METRICS_TOKEN", "0123456789"))).getMessage());
  }

  @Test
  void theDatabasePoolHasSixteenConnectionsUnlessSetFromFourTo256() {
    assertEquals(16, Config.fromEnvironment(Map.of()).databasePool());
    assertEquals(4, Config.fromEnvironment(Map.of("HEARTH_DATABASE_POOL", "4")).databasePool());
    assertEquals(256, Config.fromEnvironment(Map.of("HEARTH_DATABASE_POOL", " 256 ")).databasePool());
    for (String wrong : List.of("3", "257", "0", "lots")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> Config.fromEnvironment(Map.of("HEARTH_DATABASE_POOL", wrong)), wrong);
      assertEquals("HEARTH_DATABASE_POOL must be a number of connections from 4 to 256, not '" + wrong + "'",
          e.getMessage());
    }
    assertEquals(8, social.hearth.apub.InboxProcessor.concurrency(16), "the inbox processor runs half the pool");
    assertEquals(2, social.hearth.apub.InboxProcessor.concurrency(4));
  }

  @Test
  void logsAreTextUnlessJsonIsAskedFor() {
    assertEquals(Config.LogFormat.TEXT, Config.fromEnvironment(Map.of()).logFormat());
    assertEquals(Config.LogFormat.JSON, Config.fromEnvironment(Map.of("HEARTH_LOG_FORMAT", "JSON")).logFormat());
    assertEquals(Config.LogFormat.TEXT, Config.fromEnvironment(Map.of("HEARTH_LOG_FORMAT", "text")).logFormat());
    assertEquals("HEARTH_LOG_FORMAT must be text or json, not 'logfmt'", assertThrows(ConfigException.class,
        () -> Config.fromEnvironment(Map.of("HEARTH_LOG_FORMAT", "logfmt"))).getMessage());
  }
}
