package social.hearth.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.config.Config;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.TestDatabase;

/**
 * Scale-out: two Hearth nodes, each its own JVM ({@code social.hearth.Main run}), on one PostgreSQL, as one site
 * behind a load balancer (the same {@code HEARTH_BASE_URL}, different ports; requests carry the site's Host header,
 * as a proxy that keeps Host sends them). Remote members live on fake servers on 127.0.2.x that record every POST,
 * and which node sent it (the sending socket is looked up in /proc).
 *
 * <ol>
 *   <li>Inbound: signed Follows go alternately to both nodes; each is stored once, processed once (claimed exactly
 *   once) and answered by one Accept activity.</li>
 *   <li>Delivery queue, both nodes alive: signed Creates go alternately to both nodes and are re-shared to 40
 *   servers; both nodes claim deliveries from the same queue at the same time.</li>
 *   <li>A node dies: more Creates go alternately to both nodes, the fake servers answer slowly so that deliveries are
 *   in flight, and node A is killed with SIGKILL as soon as the first of them arrives, while it is still receiving,
 *   processing and delivering. Creates it did not answer are sent again to node B (a peer retries, the load
 *   balancer picks the live node).</li>
 * </ol>
 *
 * <p>Then: every Announce arrived at every server, every queue row finished, each post was re-shared exactly once,
 * no activity arrived twice at an inbox while both nodes were alive, and the only repeats are deliveries the killed
 * node had claimed (at-least-once after a crash), reported separately. Two nodes sending the same delivery is a race
 * between concurrent claims, so a faulty claim is caught in most runs, not in every run.
 *
 * <p>Leases: a node that dies leaves its claimed rows locked for the lease. The nodes run with the shortest lease
 * Hearth accepts ({@code HEARTH_QUEUE_LEASE}, {@link #LEASE}), and the test waits for it to end: the survivor then
 * claims the dead node's rows like any other.
 *
 * <p>No timing is asserted; the waits below are only guards against hanging.
 */
class TwoNodesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "two-nodes-admin-token-0123456789";
  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  static final int HOSTS = 40;
  static final int MEMBERS_PER_HOST = 5;
  static final int POSTS = 60;
  static final Duration GUARD = Duration.ofSeconds(90);
  static final Duration LEASE = Config.MIN_QUEUE_LEASE;

  static Vertx vertx;
  static HttpClient client;
  /** The event loop that drives {@link #client} (see {@link #post}). */
  static io.vertx.core.Context clientContext;
  static Config.DatabaseUrl db;
  static String base;
  static int sitePort;
  static Node nodeA;
  static Node nodeB;
  static final List<Remote> remotes = new ArrayList<>();
  static final List<Member> members = new ArrayList<>();
  static final List<Received> received = new CopyOnWriteArrayList<>();
  static final DraftCavage signer = new DraftCavage(Clock.systemUTC(), Duration.ofHours(1));
  static volatile long answerDelayMillis;
  static String community;

  record Member(Remote remote, String id, String inbox, SigningKey key) {}

  /** A POST one of the fake servers received: where, what, when, and from which node. */
  record Received(int host, String path, String activityId, String type, String object, long atNanos, String node) {}

  // ------------------------------------------------------------------------------------------------ set-up

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(8));
    clientContext = vertx.getOrCreateContext();
    db = TestDatabase.fresh();
    sitePort = freePort(); // the load balancer's port: it only appears in ids and Host headers
    base = "http://127.0.0.1:" + sitePort;
    KeyPair[] pairs = {Keys.generateRsa2048(), Keys.generateRsa2048(), Keys.generateRsa2048()};
    for (int h = 0; h < HOSTS; h++) {
      Remote r = Remote.start(h, "127.0.2." + (h + 1));
      remotes.add(r);
      for (int m = 0; m < MEMBERS_PER_HOST; m++) {
        members.add(r.addPerson("m" + m, pairs[(h + m) % pairs.length]));
      }
    }
    // both nodes start together, so they also race through the migrations and the instance key
    Node.Starting a = Node.start("node-a", db, base);
    Node.Starting b = Node.start("node-b", db, base);
    nodeA = a.await();
    nodeB = b.await();
    HttpClient admin = client;
    var res = admin.request(new RequestOptions().setMethod(HttpMethod.POST)
            .setServer(SocketAddress.inetSocketAddress(nodeA.port, "127.0.0.1")).setHost("127.0.0.1").setPort(sitePort)
            .setURI("/api/v1/admin/communities").putHeader("Authorization", "Bearer " + TOKEN)
            .putHeader("Content-Type", "application/json"))
        .compose(req -> req.send("{\"slug\":\"scale\",\"name\":\"Scale-out\",\"summary\":\"Two nodes, one database\"}"))
        .compose(r -> r.body().map(body -> Map.entry(r.statusCode(), body.toString())))
        .await();
    assertEquals(201, res.getKey(), res.getValue());
    community = JSON.readTree(res.getValue()).get("actor").asText();
  }

  @AfterAll
  static void stop() {
    for (Node n : new Node[] {nodeA, nodeB}) {
      if (n != null) {
        n.close();
      }
    }
    for (Remote r : remotes) {
      r.server.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  // ------------------------------------------------------------------------------------------------ the test

  @Test
  void twoNodesShareTheInboxAndTheDeliveryQueueAndLoseNothingWhenOneIsKilled() throws Exception {
    try {
      shareAndSurvive();
    } catch (Throwable t) {
      diagnose();
      throw t;
    }
  }

  /**
   * When the test fails, what each node and the database were doing: a thread dump of every live node (SIGQUIT, into
   * its log in target/two-nodes) and the database's sessions with what they wait for.
   */
  static void diagnose() {
    for (Node n : new Node[] {nodeA, nodeB}) {
      if (n != null && n.process.isAlive()) {
        try {
          new ProcessBuilder("kill", "-3", String.valueOf(n.process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
          System.out.println("[two nodes] no thread dump of " + n.name + ": " + e);
        }
      }
    }
    for (Node n : new Node[] {nodeA, nodeB}) {
      if (n != null && n.process.isAlive()) {
        try {
          java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
              java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port + "/metrics"))
                  .header("Authorization", "Bearer " + TOKEN).timeout(java.time.Duration.ofSeconds(5)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
          r.body().lines().filter(l -> l.startsWith("vertx_pool_") || l.startsWith("hearth_inbox")
                  || l.startsWith("hearth_deliveries") || l.startsWith("hearth_key"))
              .forEach(l -> System.out.println("[two nodes] " + n.name + " metric " + l));
        } catch (Exception e) {
          System.out.println("[two nodes] no metrics from " + n.name + ": " + e);
        }
      }
    }
    try (Connection c = sql(); java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT pid, state, wait_event_type, wait_event, "
             + "now() - xact_start, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_activity "
             + "WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY xact_start")) {
      while (rs.next()) {
        System.out.println("[two nodes] db session " + rs.getInt(1) + " " + rs.getString(2) + " waits "
            + rs.getString(3) + "/" + rs.getString(4) + " in transaction for " + rs.getString(5) + ": " + rs.getString(6));
      }
    } catch (Exception e) {
      System.out.println("[two nodes] no database sessions: " + e);
    }
    try {
      Thread.sleep(1000);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }

  void shareAndSurvive() throws Exception {
    // 1. inbound: every member follows, the Follows alternate between the nodes
    Map<String, Member> follows = new LinkedHashMap<>();
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      String followId = m.id() + "/follows/1";
      follows.put(followId, m);
      ObjectNode follow = JSON.createObjectNode().put("@context", "https://www.w3.org/ns/activitystreams")
          .put("id", followId).put("type", "Follow").put("actor", m.id()).put("object", community);
      answers.add(post(i % 2 == 0 ? nodeA : nodeB, m.key(), "/c/scale/inbox", follow.toString()));
    }
    for (Future<Integer> f : answers) {
      assertEquals(202, f.await());
    }
    await("every Follow answered by an Accept",
        () -> ofType("Accept").stream().map(Received::object).distinct().count() >= members.size());

    Map<String, List<Received>> acceptsByFollow = new HashMap<>();
    for (Received r : ofType("Accept")) {
      acceptsByFollow.computeIfAbsent(r.object(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, Member> f : follows.entrySet()) {
      List<Received> got = acceptsByFollow.getOrDefault(f.getKey(), List.of());
      assertEquals(1, got.stream().map(Received::activityId).distinct().count(),
          "one Accept activity (the Follow processed once) for " + f.getKey() + ": " + got);
      assertEquals(f.getValue().inbox(), base(got.get(0)), "the Accept goes to the follower's inbox");
    }
    try (Connection c = sql()) {
      assertEquals(members.size(), count(c, "SELECT count(*) FROM inbox WHERE type = 'Follow'"), "stored once each");
      assertEquals(members.size(), count(c, "SELECT count(*) FROM inbox WHERE type = 'Follow' AND state = 'done' "
          + "AND attempts = 1"), "every Follow claimed and processed exactly once");
      assertEquals(members.size(), count(c, "SELECT count(*) FROM members"), "members");
    }
    Map<String, Long> acceptSenders = bySender(ofType("Accept"));
    System.out.println("[two nodes] " + members.size() + " Follows, alternately to both nodes: every one stored and "
        + "processed exactly once; " + ofType("Accept").size() + " Accept POSTs received, sent by " + acceptSenders);

    // 2. the delivery queue, both nodes alive: posts alternate between the nodes, both claim deliveries at once
    answerDelayMillis = 150;
    Map<String, Member> posts = new LinkedHashMap<>();
    List<String> bodies = new ArrayList<>();
    answers.clear();
    for (int i = 0; i < POSTS / 2; i++) {
      answers.add(sendPost(i, i % 2 == 0 ? nodeA : nodeB, posts, bodies));
    }
    for (Future<Integer> f : answers) {
      assertEquals(202, f.await());
    }
    int firstHalf = POSTS / 2 * HOSTS;
    await("the first half of the posts delivered everywhere", () -> announcedPairs().size() >= firstHalf);
    System.out.println("[two nodes] " + POSTS / 2 + " Creates, alternately to both nodes, re-shared to " + HOSTS
        + " servers: Announces sent by " + bySender(ofType("Announce")));

    // 3. node A is killed while it receives, processes and delivers the second half; answers are slow, so
    // deliveries are in flight
    answerDelayMillis = 150;
    answers.clear();
    int announcedBefore = ofType("Announce").size();
    for (int i = POSTS / 2; i < POSTS; i++) {
      answers.add(sendPost(i, i % 2 == 0 ? nodeA : nodeB, posts, bodies));
    }
    int expected = POSTS * HOSTS;
    await("the first Announce of the second half on its way", () -> ofType("Announce").size() > announcedBefore);
    long killedAt = System.nanoTime();
    int beforeKill = ofType("Announce").size();
    nodeA.process.destroyForcibly();                  // SIGKILL
    assertTrue(nodeA.process.waitFor(30, TimeUnit.SECONDS), "node A did not die");
    long createsPending;
    long leasedAtKill;
    try (Connection c = sql()) {
      createsPending = count(c, "SELECT count(*) FROM inbox WHERE type = 'Create' AND state = 'pending'");
      // every delivery node A had claimed (sent or not, recorded or not) is among these; so are node B's
      leasedAtKill = count(c, LEASED_DELIVERIES);
    }
    // a peer whose POST got no 202 retries it, and the load balancer sends it to the node that is left
    int retried = 0;
    List<String> notes = new ArrayList<>(posts.keySet());
    for (int k = 0; k < answers.size(); k++) {
      int i = POSTS / 2 + k;
      int status = answers.get(k).transform(ar -> Future.succeededFuture(ar.succeeded() ? ar.result() : -1)).await();
      if (status != 202) {
        retried++;
        assertEquals(202, post(nodeB, posts.get(notes.get(i)).key(), "/c/scale/inbox", bodies.get(i)).await(),
            "retry of Create " + i);
      }
    }

    // the survivor finishes everything it can claim; what is left is what the dead node had claimed (unless its
    // lease has already ended, on a slow machine)
    long[] orphans = waitForOrphans();
    System.out.println("[two nodes] node A killed after " + beforeKill + " of " + expected + " Announces had arrived, "
        + "with " + createsPending + " stored Creates not yet processed; " + retried + " Creates sent to node A got no 202 "
        + "and were sent again to node B; node A left " + orphans[0] + " inbox rows and " + orphans[1]
        + " deliveries under its lease (" + leasedAtKill + " deliveries of both nodes were leased when it died); "
        + "waiting for the " + LEASE.toSeconds() + " s lease to end");
    await("every Announce delivered after the lease of the dead node", GUARD.plus(LEASE), () -> {
      try (Connection c = sql()) {
        return count(c, "SELECT count(*) FROM inbox WHERE state = 'pending'") == 0
            && count(c, PENDING_DELIVERIES) == 0
            && announcedPairs().size() == expected;
      }
    });

    // nothing lost: every post reached every server, every queue row finished well
    try (Connection c = sql()) {
      assertEquals(0, count(c, "SELECT count(*) FROM inbox WHERE state <> 'done'"), "inbox rows not done");
      assertEquals(0, count(c, "SELECT count(*) FROM deliveries WHERE state <> 'delivered'"), "deliveries not delivered");
      assertEquals(0, count(c, "SELECT count(*) FROM delivery_batches"), "delivery batches left");
      assertEquals(POSTS, count(c, "SELECT count(*) FROM posts"), "posts re-shared");
      assertEquals(POSTS, count(c, "SELECT count(*) FROM inbox WHERE type = 'Create'"), "Creates stored once each");
    }
    for (String note : posts.keySet()) {
      Set<Integer> hosts = new HashSet<>();
      Set<String> announceIds = new HashSet<>();
      for (Received r : ofType("Announce")) {
        if (note.equals(r.object())) {
          hosts.add(r.host());
          announceIds.add(r.activityId());
        }
      }
      assertEquals(HOSTS, hosts.size(), "servers that received the Announce of " + note);
      // one Announce activity per post: the Create was processed once, even when its row was claimed twice
      assertEquals(1, announceIds.size(), "Announce activities for " + note + ": " + announceIds);
    }

    // no activity twice at the same inbox while both nodes were alive
    Map<String, List<Received>> byInboxAndActivity = new TreeMap<>();
    for (Received r : received) {
      byInboxAndActivity.computeIfAbsent(r.host() + " " + r.path() + " " + r.activityId(), k -> new ArrayList<>()).add(r);
    }
    int whileBothAlive = 0;
    int retriedAfterFailure = 0;
    int afterKill = 0;
    int crossNode = 0;
    Map<String, Integer> duplicatesWhileAlive = new TreeMap<>();
    for (Map.Entry<String, List<Received>> e : byInboxAndActivity.entrySet()) {
      List<Received> copies = e.getValue();
      if (copies.size() < 2) {
        continue;
      }
      copies.sort((x, y) -> Long.compare(x.atNanos(), y.atNanos()));
      for (Received repeat : copies.subList(1, copies.size())) {
        if (repeat.atNanos() < killedAt) {
          String failedFirst = failedAttempt(repeat);
          if (failedFirst != null) {
            // the sender saw its first attempt fail (a timeout or a reset on a starved machine, while the server
            // had read it): the retry is at-least-once delivery, not two senders of one claimed row
            retriedAfterFailure++;
            System.out.println("[two nodes] re-sent after a failed attempt (" + failedFirst + "): " + copies);
            continue;
          }
          whileBothAlive++;
          String kind = repeat.type() + (copies.get(0).node().equals(repeat.node()) ? " (same node)" : " (two nodes)");
          duplicatesWhileAlive.merge(kind, 1, Integer::sum);
          System.out.println("[two nodes] DUPLICATE while both nodes were alive: " + copies);
        } else {
          afterKill++;
          // an at-least-once re-send: the first copy went out from the dead node, the survivor sent it again
          assertTrue(!copies.get(0).node().equals(nodeB.name) || !repeat.node().equals(nodeB.name),
              "the surviving node sent an activity twice: " + copies);
          if (!copies.get(0).node().equals(repeat.node())) {
            crossNode++;
          }
        }
      }
    }
    Map<String, Long> announceSenders = bySender(ofType("Announce"));
    System.out.println("[two nodes] " + expected + " Announces expected, " + ofType("Announce").size()
        + " POSTs received, sent by " + announceSenders + "; duplicates while both nodes were alive: " + whileBothAlive
        + " " + duplicatesWhileAlive
        + "; re-sent after a failed attempt: " + retriedAfterFailure
        + "; re-sent after node A was killed (deliveries it had claimed, at-least-once): " + afterKill
        + " (" + crossNode + " of them resent by the other node)");
    assertEquals(0, whileBothAlive, "activities delivered twice to the same inbox while both nodes were alive");
    assertTrue(afterKill <= leasedAtKill, "re-sends after the kill (" + afterKill + ") are at most the deliveries "
        + "leased when the node died (" + leasedAtKill + ")");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /**
   * Deliveries not yet done, and those of them under a node's lease: rows, and the deliveries of re-shares handed
   * to a node in one batch row (V61), which are under its lease until the batch is deleted or expanded into rows.
   */
  static final String PENDING_DELIVERIES = "SELECT (SELECT count(*) FROM deliveries WHERE state = 'pending') "
      + "+ (SELECT COALESCE(sum(cardinality(inboxes)), 0) FROM delivery_batches)";
  static final String LEASED_DELIVERIES = "SELECT (SELECT count(*) FROM deliveries WHERE state = 'pending' "
      + "AND locked_until > now()) + (SELECT COALESCE(sum(cardinality(inboxes)), 0) FROM delivery_batches "
      + "WHERE locked_until > now())";

  /**
   * Waits until only the dead node's claims are left: nothing arrives at the fake servers, the inbox and delivery
   * queues do not move, and every pending row is under a lease. Returns {locked inbox rows, locked deliveries}.
   */
  static long[] waitForOrphans() throws Exception {
    long quietSince = System.nanoTime();
    int seen = received.size();
    String state = "";
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(200);
      String now;
      long[] locked;
      try (Connection c = sql()) {
        long inboxPending = count(c, "SELECT count(*) FROM inbox WHERE state = 'pending'");
        long inboxLocked = count(c, "SELECT count(*) FROM inbox WHERE state = 'pending' AND locked_until > now()");
        long deliveriesPending = count(c, PENDING_DELIVERIES);
        long deliveriesLocked = count(c, LEASED_DELIVERIES);
        now = inboxPending + "/" + inboxLocked + "/" + deliveriesPending + "/" + deliveriesLocked;
        locked = new long[] {inboxLocked, deliveriesLocked};
        if (received.size() != seen || !now.equals(state)) {
          seen = received.size();
          state = now;
          quietSince = System.nanoTime();
          continue;
        }
        boolean onlyLeases = inboxPending == inboxLocked && deliveriesPending == deliveriesLocked;
        if (onlyLeases && System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
          return locked;
        }
      }
    }
    throw new AssertionError("the surviving node did not settle; queue state " + state + "\n" + nodeB.tail());
  }

  static void await(String what, BooleanSupplier condition) throws Exception {
    await(what, GUARD, () -> condition.getAsBoolean());
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Duration guard, Check condition) throws Exception {
    long deadline = System.nanoTime() + guard.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.ok()) {
        return;
      }
      Thread.sleep(20);
    }
    fail("not reached: " + what + " (" + received.size() + " POSTs received so far)\nnode A:\n" + nodeA.tail()
        + "\nnode B:\n" + nodeB.tail());
  }

  static List<Received> ofType(String type) {
    return received.stream().filter(r -> type.equals(r.type())).toList();
  }

  /** (server, post) pairs that have received an Announce. */
  static Set<String> announcedPairs() {
    Set<String> pairs = new HashSet<>();
    for (Received r : ofType("Announce")) {
      pairs.add(r.host() + " " + r.object());
    }
    return pairs;
  }

  static Map<String, Long> bySender(List<Received> list) {
    Map<String, Long> out = new TreeMap<>();
    for (Received r : list) {
      out.merge(r.node(), 1L, Long::sum);
    }
    return out;
  }

  /**
   * The error its sender recorded for a failed attempt of this delivery (a later attempt then delivered it), or null
   * when no attempt failed: the row's {@code last_error} is written by a failed attempt and kept by the success.
   */
  static String failedAttempt(Received r) throws SQLException {
    try (Connection c = sql(); java.sql.PreparedStatement s = c.prepareStatement("SELECT d.last_error FROM deliveries d "
        + "JOIN activities a ON a.id = d.activity_id WHERE a.iri = ? AND d.inbox = ? AND d.last_error IS NOT NULL")) {
      s.setString(1, r.activityId());
      s.setString(2, base(r));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static String base(Received r) {
    return remotes.get(r.host()).origin + r.path();
  }

  static Future<Integer> post(Node node, SigningKey key, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    signer.sign(key, "POST", URI.create(base + path), headers, body);
    // to the node's own port, with the site's Host header, like a load balancer that keeps Host
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
        .setServer(SocketAddress.inetSocketAddress(node.port, "127.0.0.1")).setHost("127.0.0.1").setPort(sitePort);
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("host")) {
        h.add(k, v);
      }
    });
    o.setHeaders(h);
    // Started on the client's own event loop, never from the test's thread: a Vert.x HTTP client driven from a
    // thread that is not its context's can lose a response's end while `compose` attaches its body handler (the
    // answer was sent, the future never completes). This was the "Timeout 30000 (ms) fired" of this test: 17 hung
    // of 1.1 million requests sent that way, none of 1.7 million sent from the context (docs/benchmarks.md).
    Promise<Integer> answer = Promise.promise();
    clientContext.runOnContext(v -> client.request(o).compose(req -> req.send(Buffer.buffer(body)))
        .compose(r -> r.body().map(b -> r.statusCode())).onComplete(answer));
    // bounded: a request caught by node A's SIGKILL must fail (and be sent again to node B), not wait for ever
    return answer.future().timeout(30, TimeUnit.SECONDS);
  }

  /** Sends the i-th post (a Create by a member, addressed to the community) to a node. */
  static Future<Integer> sendPost(int i, Node node, Map<String, Member> posts, List<String> bodies) {
    Member author = members.get((i * 37) % members.size());
    String noteId = author.id() + "/statuses/" + i;
    posts.put(noteId, author);
    bodies.add(create(author, noteId));
    return post(node, author.key(), "/c/scale/inbox", bodies.get(i));
  }

  static String create(Member author, String noteId) {
    ObjectNode note = JSON.createObjectNode().put("id", noteId).put("type", "Note").put("attributedTo", author.id())
        .put("content", "<p>Hello, scale-out</p>");
    note.putArray("to").add(PUBLIC);
    note.putArray("cc").add(community);
    ObjectNode create = JSON.createObjectNode().put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", noteId + "/activity").put("type", "Create").put("actor", author.id());
    create.putArray("to").add(PUBLIC);
    create.putArray("cc").add(community);
    create.set("object", note);
    return create.toString();
  }

  static Connection sql() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
        db.user(), db.password());
  }

  static long count(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  // ------------------------------------------------------------------------------------------------ Hearth nodes

  /** A Hearth node in its own JVM, with its output in target/two-nodes/NAME.log. */
  static final class Node {
    final String name;
    final Process process;
    final int port;
    final Path log;

    private Node(String name, Process process, int port, Path log) {
      this.name = name;
      this.process = process;
      this.port = port;
      this.log = log;
    }

    /** A node that is starting. */
    record Starting(Node node) {
      Node await() throws Exception {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (System.nanoTime() < deadline) {
          if (!node.process.isAlive()) {
            throw new AssertionError(node.name + " exited with " + node.process.exitValue() + ":\n" + node.tail());
          }
          if (Files.readString(node.log).contains("Hearth is running")) {
            return node;
          }
          Thread.sleep(50);
        }
        node.close();
        throw new AssertionError(node.name + " did not start:\n" + node.tail());
      }
    }

    static Starting start(String name, Config.DatabaseUrl db, String base) throws IOException {
      int port = freePort();
      Path dir = Path.of("target", "two-nodes");
      Files.createDirectories(dir);
      Path log = dir.resolve(name + ".log");
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, "social.hearth.Main", "run");
      pb.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
      pb.environment().put("HEARTH_BASE_URL", base);
      pb.environment().put("HEARTH_PORT", String.valueOf(port));
      pb.environment().put("HEARTH_DATABASE_URL", TestDatabase.url(db));
      pb.environment().put("HEARTH_DATA_DIR", Files.createTempDirectory("hearth-" + name).toString());
      pb.environment().put("HEARTH_ADMIN_TOKEN", TOKEN);
      pb.environment().put("HEARTH_METRICS_TOKEN", TOKEN);
      pb.environment().put("HEARTH_ALLOW_PRIVATE_ADDRESSES", "true");
      pb.environment().put("HEARTH_WORKERS", "true");
      pb.environment().put("HEARTH_QUEUE_LEASE", String.valueOf(LEASE.toSeconds()));
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      return new Starting(new Node(name, pb.start(), port, log));
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
      } catch (IOException e) {
        return "(no log)";
      }
    }

    void close() {
      if (process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ remote servers

  /** A fake remote server: serves its members' actors, records every POST with the node that sent it. */
  static final class Remote {
    final int index;
    final String address;
    final HttpServer server;
    final String origin;
    final Map<String, String> documents = new ConcurrentHashMap<>();
    /**
     * Which node opened each connection, found off the event loop: the lookup reads /proc (every TCP socket of the
     * machine, every open file of both nodes) and takes long once the suite has left thousands of sockets behind.
     * Done on the event loop, it once held up this test's own requests until they timed out.
     */
    final Map<HttpConnection, Future<String>> senders = new ConcurrentHashMap<>();

    private Remote(int index, String address, HttpServer server) {
      this.index = index;
      this.address = address;
      this.server = server;
      this.origin = "http://" + address + ":" + server.actualPort();
    }

    static Remote start(int index, String address) {
      Remote[] self = new Remote[1];
      HttpServer server = vertx.createHttpServer().requestHandler(req -> self[0].handle(req)).listen(0, address).await();
      self[0] = new Remote(index, address, server);
      return self[0];
    }

    Member addPerson(String name, KeyPair pair) {
      String id = origin + "/users/" + name;
      ObjectNode actor = JSON.createObjectNode();
      actor.putArray("@context").add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1");
      actor.put("id", id).put("type", "Person").put("preferredUsername", name).put("inbox", id + "/inbox");
      actor.putObject("endpoints").put("sharedInbox", origin + "/inbox");
      actor.putObject("publicKey").put("id", id + "#main-key").put("owner", id)
          .put("publicKeyPem", Keys.toPem(pair.getPublic()));
      documents.put("/users/" + name, actor.toString());
      return new Member(this, id, id + "/inbox", new SigningKey(id + "#main-key", pair.getPrivate()));
    }

    private void handle(HttpServerRequest req) {
      if (req.method() != HttpMethod.POST) {
        String doc = documents.get(req.path());
        if (doc == null) {
          req.response().setStatusCode(404).end();
        } else {
          req.response().putHeader("Content-Type", "application/activity+json").end(doc);
        }
        return;
      }
      Future<String> senderLookup = senders.computeIfAbsent(req.connection(),
          c -> vertx.executeBlocking(() -> SocketOwners.owner(c, server.actualPort()), false));
      req.body().onSuccess(body -> {
        long at = System.nanoTime();
        // answered at once; the sender is recorded when the lookup is done, so a slow lookup never makes a node
        // time out and send the activity again
        long delay = answerDelayMillis;
        if (delay > 0) {
          vertx.setTimer(delay, t -> req.response().setStatusCode(202).end());
        } else {
          req.response().setStatusCode(202).end();
        }
        senderLookup.onComplete(sender -> record(req.path(), body, sender.succeeded() ? sender.result() : "unknown", at));
      });
    }

    private void record(String path, io.vertx.core.buffer.Buffer body, String sender, long at) {
      String type = "?";
      String id = "?";
      String object = null;
      try {
        JsonNode json = JSON.readTree(body.getBytes());
        type = json.path("type").asText("?");
        id = json.path("id").asText("?");
        JsonNode o = json.get("object");
        object = o == null ? null : o.isTextual() ? o.asText() : o.path("id").asText(null);
      } catch (IOException e) {
        type = "unparseable";
      }
      received.add(new Received(index, path, id, type, object, at, sender));
    }
  }

  /**
   * Which node opened a connection: the client end of the TCP connection is found in /proc/net/tcp (by its
   * address and port, as the server sees them) and its socket inode among the open files of each node's process.
   */
  static final class SocketOwners {
    private SocketOwners() {}

    static String owner(HttpConnection c, int serverPort) {
      try {
        SocketAddress peer = c.remoteAddress();
        SocketAddress local = c.localAddress();
        // Java's sockets are IPv6 sockets talking IPv4 (listed in tcp6 as ::ffff:a.b.c.d), unless told otherwise
        String want4 = hex(peer.host(), peer.port()) + " " + hex(local.host(), serverPort);
        String want6 = "0000000000000000FFFF0000" + want4.replace(" ", " 0000000000000000FFFF0000");
        String inode = null;
        for (String table : List.of("/proc/net/tcp6", "/proc/net/tcp")) {
          for (String line : Files.readAllLines(Path.of(table))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && ((f[1] + " " + f[2]).equals(want4) || (f[1] + " " + f[2]).equals(want6))) {
              inode = f[9];
            }
          }
        }
        if (inode == null) {
          return "unknown";
        }
        String link = "socket:[" + inode + "]";
        for (Node n : new Node[] {nodeA, nodeB}) {
          if (n != null && n.process.isAlive() && holds(n.process.pid(), link)) {
            return n.name;
          }
        }
        return "unknown";
      } catch (IOException | RuntimeException e) {
        return "unknown";
      }
    }

    private static boolean holds(long pid, String link) throws IOException {
      try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
        for (Path fd : (Iterable<Path>) fds::iterator) {
          try {
            if (Files.readSymbolicLink(fd).toString().equals(link)) {
              return true;
            }
          } catch (IOException ignored) {
            // closed meanwhile
          }
        }
      }
      return false;
    }

    /** 127.0.2.1:80 as /proc/net/tcp writes it: 0102007F:0050. */
    static String hex(String ip, int port) {
      String[] o = ip.split("\\.");
      return String.format("%02X%02X%02X%02X:%04X", Integer.parseInt(o[3]), Integer.parseInt(o[2]),
          Integer.parseInt(o[1]), Integer.parseInt(o[0]), port);
    }
  }
}
