package social.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;

/**
 * Fake remote servers, each an HTTP server on its own loopback address (127.0.1.1, 127.0.1.2, ...): they serve
 * their actors' documents (Person with an RSA key and a shared inbox; NodeInfo answers 404, so Hearth treats them
 * as Mastodon-family servers), and accept every POST with 202, counting what arrives.
 *
 * <p>Generating an RSA key per actor would take minutes, so the actors share a small pool of key pairs (each actor
 * still has its own key id, and Hearth fetches and verifies each one separately: the cost is the same).
 */
final class Fediverse implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One remote actor we can sign as. */
  record Actor(Host host, String id, String inbox, SigningKey key) {}

  /** One fake server. */
  final class Host {
    final int index;
    final String address;
    final HttpServer server;
    final String origin;
    final Map<String, String> documents = new ConcurrentHashMap<>();

    Host(int index, String address, HttpServer server) {
      this.index = index;
      this.address = address;
      this.server = server;
      this.origin = "http://" + address + ":" + server.actualPort();
    }

    String sharedInbox() {
      return origin + "/inbox";
    }

    Actor addPerson(String name, KeyPair pair) {
      String id = origin + "/users/" + name;
      ObjectNode actor = JSON.createObjectNode();
      actor.putArray("@context").add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1");
      actor.put("id", id).put("type", "Person").put("preferredUsername", name)
          .put("inbox", id + "/inbox").put("outbox", id + "/outbox");
      actor.putObject("endpoints").put("sharedInbox", sharedInbox());
      actor.putObject("publicKey").put("id", id + "#main-key").put("owner", id)
          .put("publicKeyPem", publicPem.computeIfAbsent(pair, p -> Keys.toPem(p.getPublic())));
      documents.put("/users/" + name, actor.toString());
      return new Actor(this, id, id + "/inbox", new SigningKey(id + "#main-key", pair.getPrivate()));
    }
  }

  /** Waits for one post's Announce at every host. */
  static final class Watch {
    final String objectId;
    final int expectedHosts;
    final Set<Integer> hosts = ConcurrentHashMap.newKeySet();
    final AtomicLong duplicates = new AtomicLong();
    volatile long firstNanos;
    volatile long lastNanos;

    Watch(String objectId, int expectedHosts) {
      this.objectId = objectId;
      this.expectedHosts = expectedHosts;
    }

    boolean complete() {
      return hosts.size() >= expectedHosts;
    }
  }

  final Vertx vertx;
  final List<Host> hosts = new ArrayList<>();
  private final Map<KeyPair, String> publicPem = new ConcurrentHashMap<>();
  final LongAdder posts = new LongAdder();
  final Map<String, LongAdder> postsByType = new ConcurrentHashMap<>();
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  /** Delay before answering a POST, in milliseconds (0: at once). */
  volatile long answerDelayMillis;

  Fediverse(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Loopback address of the i-th fake host: 127.0.1.1 ... 127.0.1.250, 127.0.2.1 ... */
  static String address(int i) {
    return "127.0." + (1 + i / 250) + "." + (1 + i % 250);
  }

  /** Starts {@code count} more hosts and returns them. */
  List<Host> addHosts(int count) {
    int first = hosts.size();
    Host[] made = new Host[count];
    List<Future<HttpServer>> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int k = i;
      String address = address(first + i);
      started.add(vertx.createHttpServer().requestHandler(req -> handle(made[k], req)).listen(0, address)
          .onSuccess(s -> made[k] = new Host(first + k, address, s)));
    }
    Future.all(started).await();
    List<Host> added = List.of(made);
    hosts.addAll(added);
    return added;
  }

  Watch watch(String objectId, int expectedHosts) {
    Watch w = new Watch(objectId, expectedHosts);
    watches.put(objectId, w);
    return w;
  }

  /** POSTs signed with an Ed25519 key (RFC 9421 {@code alg="ed25519"}); the others are RSA. */
  final LongAdder ed25519Signed = new LongAdder();

  long postsOf(String type) {
    LongAdder a = postsByType.get(type);
    return a == null ? 0 : a.sum();
  }

  private void handle(Host host, HttpServerRequest req) {
    if (req.method() == HttpMethod.POST) {
      String signatureInput = req.getHeader("signature-input");
      if (signatureInput != null && signatureInput.contains("alg=\"ed25519\"")) {
        ed25519Signed.increment();
      }
      req.body().onSuccess(body -> {
        long now = System.nanoTime();
        posts.increment();
        String type = "?";
        try {
          JsonNode json = JSON.readTree(body.getBytes());
          type = json.path("type").asText("?");
          if (type.equals("Announce")) {
            JsonNode object = json.get("object");
            String objectId = object == null ? null
                : object.isTextual() ? object.asText() : object.path("object").path("id").asText(null);
            Watch w = objectId == null ? null : watches.get(objectId);
            if (w != null) {
              if (!w.hosts.add(host.index)) {
                w.duplicates.incrementAndGet();
              }
              if (w.firstNanos == 0) {
                w.firstNanos = now;
              }
              w.lastNanos = now;
            }
          }
        } catch (Exception e) {
          type = "unparseable";
        }
        postsByType.computeIfAbsent(type, t -> new LongAdder()).increment();
        long delay = answerDelayMillis;
        if (delay > 0) {
          vertx.setTimer(delay, t -> req.response().setStatusCode(202).end());
        } else {
          req.response().setStatusCode(202).end();
        }
      });
      return;
    }
    String doc = host == null ? null : host.documents.get(req.path());
    if (doc == null) {
      req.response().setStatusCode(404).end();
    } else {
      req.response().putHeader("Content-Type", "application/activity+json").end(doc);
    }
  }

  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (Host h : hosts) {
      closing.add(h.server.close());
    }
    Future.join(closing).await();
  }
}
