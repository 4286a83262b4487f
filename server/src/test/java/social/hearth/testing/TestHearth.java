package social.hearth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.Hearth;
import social.hearth.config.Config;

/**
 * A whole Hearth on loopback for tests: real HTTP, a fresh real PostgreSQL database, private addresses allowed
 * (the peers are on 127.0.0.x). Use {@link #start()} and close it when done.
 */
public final class TestHearth implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
  public static final ObjectMapper JSON = new ObjectMapper();

  public final Vertx vertx;
  public final Hearth hearth;
  public final String base;
  public final int port;
  public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestHearth(Vertx vertx, Hearth hearth, String base) {
    this.vertx = vertx;
    this.hearth = hearth;
    this.base = base;
    this.port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
  }

  public static TestHearth start() {
    return start(Clock.systemUTC());
  }

  public static TestHearth start(Clock clock) {
    return start(clock, TestDatabase.url(TestDatabase.fresh()), true);
  }

  /** A Hearth with extra HEARTH_* settings (e.g. HEARTH_AUTHORIZED_FETCH). */
  public static TestHearth start(Map<String, String> extraEnv) {
    return start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), true, freePort(), extraEnv);
  }

  /** A Hearth on an existing database; {@code workers=false} leaves stored activities unprocessed. */
  public static TestHearth start(Clock clock, String databaseUrl, boolean workers) {
    return start(clock, databaseUrl, workers, freePort());
  }

  /** A Hearth on a given port, so a restarted server keeps its base URL. */
  public static TestHearth start(Clock clock, String databaseUrl, boolean workers, int port) {
    return start(clock, databaseUrl, workers, port, Map.of());
  }

  public static TestHearth start(Clock clock, String databaseUrl, boolean workers, int port, Map<String, String> extraEnv) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("hearth-test-data");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> env = new HashMap<>();
    env.put("HEARTH_BASE_URL", "http://127.0.0.1:" + port);
    env.put("HEARTH_PORT", String.valueOf(port));
    env.put("HEARTH_DATA_DIR", dataDir.toString());
    env.put("HEARTH_DATABASE_URL", databaseUrl);
    env.put("HEARTH_WORKERS", String.valueOf(workers));
    env.put("HEARTH_PAGE_CACHE_MS", "0"); // every request sees every change; VisitorPageCacheTest turns it on
    env.putAll(extraEnv);
    env.put("HEARTH_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("HEARTH_ALLOW_PRIVATE_ADDRESSES", "true");
    Config config = Config.fromEnvironment(env);
    social.hearth.metrics.Metrics metrics = social.hearth.metrics.Metrics.create(config);
    Vertx vertx = metrics.newVertx();
    Hearth hearth;
    try {
      hearth = Hearth.start(vertx, config, clock, metrics).await();
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    return new TestHearth(vertx, hearth, "http://127.0.0.1:" + port);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a community through the admin API and returns its actor IRI. */
  public String createCommunity(String slug, String name) throws Exception {
    HttpResponse<String> r = admin("POST", "/api/v1/admin/communities",
        "{\"slug\":\"" + slug + "\",\"name\":\"" + name + "\",\"summary\":\"A test community\"}", ADMIN_TOKEN);
    if (r.statusCode() != 201) {
      throw new AssertionError("community not created: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).get("actor").asText();
  }

  public HttpResponse<String> admin(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String url, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public JsonNode getJson(String url) throws Exception {
    HttpResponse<String> r = get(url, "application/activity+json");
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** GETs a JSON document from anywhere (for example a fake remote server). */
  public JsonNode getJsonFrom(String url) throws Exception {
    return JSON.readTree(get(url, "application/activity+json").body());
  }

  /** Runs a query on Hearth's own database and returns the rows. */
  public List<Row> sql(String query, Object... params) {
    var rows = hearth.database().pool().preparedQuery(query).execute(Tuple.from(params)).await();
    List<Row> out = new java.util.ArrayList<>();
    rows.forEach(out::add);
    return out;
  }

  /** Waits until the stored inbox activity has been processed (done or failed) and returns its state. */
  public String awaitProcessed(String activityId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<Row> rows = sql("SELECT state FROM inbox WHERE activity_id = $1", activityId);
      if (!rows.isEmpty() && !rows.get(0).getString(0).equals("pending")) {
        return rows.get(0).getString(0);
      }
      Thread.sleep(50);
    }
    List<Row> rows = sql("SELECT state, attempts, error FROM inbox WHERE activity_id = $1", activityId);
    throw new AssertionError("inbox activity " + activityId + " was not processed in time: "
        + (rows.isEmpty() ? "not stored" : rows.get(0).toJson()));
  }

  @Override
  public void close() {
    try {
      hearth.stop().await();
    } finally {
      vertx.close().await();
    }
  }
}
