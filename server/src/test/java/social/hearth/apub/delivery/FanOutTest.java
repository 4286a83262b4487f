package social.hearth.apub.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestHearth;

/**
 * A post re-shared to more servers than one claim of the delivery queue takes (64) reaches all of them at once,
 * not a claim per poll: the node here polls its queues only every ten minutes, so whatever is left to the poll would
 * not arrive within the test.
 */
class FanOutTest {

  static final int SERVERS = 100;
  static TestHearth hearth;
  static final List<FakeActorServer> servers = new ArrayList<>();

  @BeforeAll
  static void start() {
    hearth = TestHearth.start(Map.of("HEARTH_QUEUE_POLL_MS", "600000"));
  }

  @AfterAll
  static void stop() {
    servers.forEach(FakeActorServer::close);
    hearth.close();
  }

  @Test
  void aPostReachesEveryMembersServerWithoutWaitingForTheQueuePoll() throws Exception {
    String group = hearth.createCommunity("many-servers", "Many servers");
    List<SigningKey> members = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      FakeActorServer server = FakeActorServer.start(hearth.vertx, "127.0.4." + (i + 1));
      servers.add(server);
      SigningKey key = server.addPerson("member");
      new Fediverse(hearth, server).follow(key, group);
      members.add(key);
    }
    for (FakeActorServer server : servers) {
      server.awaitPost(p -> p.body().contains("\"Accept\""));
    }

    Fediverse author = new Fediverse(hearth, servers.get(0));
    author.send(members.get(0), group + "/inbox",
        Fediverse.activity(members.get(0), "Create", author.note(members.get(0), group, "Hello, everyone", false)));

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int reached = 0;
    while (System.nanoTime() < deadline) {
      reached = (int) servers.stream().filter(s -> s.postsTo("/inbox").stream()
          .anyMatch(p -> p.body().contains("\"Announce\""))).count();
      if (reached == SERVERS) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(SERVERS, reached, "servers that received the post's Announce");
  }
}
