package social.hearth.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import social.hearth.Hearth;
import social.hearth.config.Config;
import social.hearth.config.ConfigException;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * A node serving HTTP on several event loops at once: concurrent signed inbox POSTs (first contacts, redeliveries)
 * and page views from many connections are all answered, every activity is stored exactly once and processed, and
 * stopping the node closes its port.
 */
class SeveralEventLoopsTest {

  static final int ACTORS = 8;
  static final int FOLLOWS_EACH = 8;

  /** HTTP/1.1, so concurrent requests use separate connections and land on different event loops. */
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  static String follow(String id, String actor, String group) {
    // spaces kept on purpose: the inbox stores the body exactly as received
    return "{ \"@context\": \"https://www.w3.org/ns/activitystreams\", \"id\": \"" + id + "\", \"type\": \"Follow\", "
        + "\"actor\": \"" + actor + "\", \"object\": \"" + group + "\" }";
  }

  int get(String url, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void concurrentSignedPostsAndPageViewsAreAllAnsweredAndEachActivityStoredOnce() throws Exception {
    try (TestHearth hearth = TestHearth.start(Map.of("HEARTH_HTTP_THREADS", "4"));
         FakeActorServer remote = FakeActorServer.start(hearth.vertx, "127.0.0.21")) {
      String group = hearth.createCommunity("loops", "Loops");
      List<SigningKey> actors = new ArrayList<>();
      for (int a = 0; a < ACTORS; a++) {
        actors.add(remote.addPerson("member" + a));
      }
      List<String> ids = new ArrayList<>();
      List<String> bodies = new ArrayList<>();
      List<Callable<String>> requests = new ArrayList<>();
      for (SigningKey key : actors) {
        String actor = key.keyId().replace("#main-key", "");
        for (int k = 0; k < FOLLOWS_EACH; k++) {
          String id = actor + "/follows/" + k;
          String body = follow(id, actor, group);
          ids.add(id);
          bodies.add(body);
          // each activity twice, to the group's inbox and to the shared inbox, possibly at the same moment
          requests.add(() -> "POST " + Signed.post(http, key, group + "/inbox", body).statusCode());
          requests.add(() -> "POST " + Signed.post(http, key, hearth.base + "/inbox", body).statusCode());
        }
      }
      for (int i = 0; i < 16; i++) {
        requests.add(() -> "GET " + get(group, "text/html"));
        requests.add(() -> "GET " + get(group, "application/activity+json"));
        requests.add(() -> "GET " + get(hearth.base + "/.well-known/webfinger?resource=acct:loops@127.0.0.1:" + hearth.port,
            "application/jrd+json"));
        requests.add(() -> "GET " + get(hearth.base + "/health", "application/json"));
      }
      Collections.shuffle(requests, new Random(5));

      ExecutorService pool = Executors.newFixedThreadPool(24);
      List<String> answers = new ArrayList<>();
      try {
        for (Future<String> f : pool.invokeAll(requests)) {
          answers.add(f.get());
        }
      } finally {
        pool.shutdownNow();
      }
      for (String answer : answers) {
        assertTrue(answer.equals("POST 202") || answer.equals("GET 200"), answer);
      }

      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        var rows = hearth.sql("SELECT body FROM inbox WHERE activity_id = $1", id);
        assertEquals(1, rows.size(), "stored once: " + id);
        assertEquals(bodies.get(i), rows.get(0).getString(0), "stored as received");
      }
      for (String id : ids) {
        assertEquals("done", hearth.awaitProcessed(id));
      }
      assertEquals(ACTORS, hearth.sql("SELECT count(*) FROM remote_actors WHERE id LIKE $1", remote.origin + "/%")
          .get(0).getLong(0));
    }
  }

  static Config config(int port) throws Exception {
    return Config.fromEnvironment(Map.of(
        "HEARTH_PORT", String.valueOf(port),
        "HEARTH_BASE_URL", "http://127.0.0.1:8080",
        "HEARTH_HTTP_THREADS", "3",
        "HEARTH_WORKERS", "false",
        "HEARTH_DATA_DIR", Files.createTempDirectory("hearth-test-data").toString(),
        "HEARTH_DATABASE_URL", TestDatabase.url(TestDatabase.fresh()),
        "HEARTH_ADMIN_TOKEN", TestHearth.ADMIN_TOKEN));
  }

  @Test
  void aNodeOnAPortChosenByTheSystemServesOnItAndStoppingClosesIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Hearth hearth = Hearth.start(vertx, config(0), Clock.systemUTC()).await();
      int port = hearth.port();
      assertNotEquals(0, port);
      for (int i = 0; i < 6; i++) {
        assertEquals(200, get("http://127.0.0.1:" + port + "/health", "application/json"));
      }
      hearth.stop().await();
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aPortTakenByAnotherProgramStopsStartupWithOneClearLine() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Exception e = assertThrows(Exception.class,
          () -> Hearth.start(vertx, config(taken.getLocalPort()), Clock.systemUTC()).await());
      assertTrue(e instanceof ConfigException && e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          String.valueOf(e));
    } finally {
      vertx.close().await();
    }
  }
}
