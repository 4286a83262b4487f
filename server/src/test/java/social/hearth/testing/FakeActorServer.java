package social.hearth.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;

/**
 * A minimal remote server that serves actor documents with keys the test holds, so a test can sign as a
 * remote actor. Everything else answers 404.
 */
public final class FakeActorServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, String> documents;
  public final String origin;
  /** When set, POSTs signed with RFC 9421 are answered 401, like a server that only knows draft-cavage. */
  public volatile boolean refuseRfc9421;
  /** POSTs refused because of that. */
  public final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

  /** When set, answers every POST (after it is recorded) instead of a plain 202: to delay or refuse them. */
  public volatile java.util.function.Consumer<io.vertx.core.http.HttpServerResponse> answer;

  /**
   * When set (and {@link #answer} is not), decides the status of every POST after it is recorded: a peer that
   * verifies signatures its own way.
   */
  public volatile java.util.function.ToIntFunction<Received> judge;

  /** Every POST received: path, headers and body, in order of arrival. */
  public final java.util.List<Received> received;

  /** A POST this server received. */
  public record Received(String path, io.vertx.core.MultiMap headers, String body) {}

  private FakeActorServer(HttpServer server, Map<String, String> documents, String origin, java.util.List<Received> received) {
    this.server = server;
    this.documents = documents;
    this.origin = origin;
    this.received = received;
  }

  /** Waits for a POST that matches, and returns it. */
  public Received awaitPost(java.util.function.Predicate<Received> match) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (Received r : received) {
        if (match.test(r)) {
          return r;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no matching POST arrived; got " + received.size());
  }

  public static FakeActorServer start(Vertx vertx, String host) {
    Map<String, String> docs = new ConcurrentHashMap<>();
    java.util.List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeActorServer[] self = new FakeActorServer[1];
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      if (req.method() == io.vertx.core.http.HttpMethod.POST) {
        if (self[0] != null && self[0].refuseRfc9421 && req.getHeader("signature-input") != null) {
          self[0].refused.incrementAndGet();
          req.response().setStatusCode(401).end("draft-cavage only");
          return;
        }
        req.body().onSuccess(b -> {
          Received got = new Received(req.path(), io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), b.toString());
          received.add(got);
          var answer = self[0] == null ? null : self[0].answer;
          var judge = self[0] == null ? null : self[0].judge;
          if (answer != null) {
            answer.accept(req.response());
          } else if (judge != null) {
            req.response().setStatusCode(judge.applyAsInt(got)).end();
          } else {
            req.response().setStatusCode(202).end();
          }
        });
        return;
      }
      String doc = docs.get(req.path());
      if (GONE.equals(doc)) {
        req.response().setStatusCode(410).end("Gone");
      } else if (doc == null) {
        req.response().setStatusCode(404).end();
      } else {
        req.response().putHeader("Content-Type", "application/activity+json").end(doc);
      }
    }).listen(0, host).await();
    self[0] = new FakeActorServer(server, docs, "http://" + host + ":" + server.actualPort(), received);
    return self[0];
  }

  /** Serves any JSON document at a path (as application/activity+json). */
  public void serve(String path, String json) {
    documents.put(path, json);
  }

  /** Publishes NodeInfo naming the software this fake server pretends to run (e.g. "mastodon", "lemmy"). */
  public void nodeinfo(String software) {
    documents.put("/.well-known/nodeinfo", "{\"links\":[{\"rel\":\"http://nodeinfo.diaspora.software/ns/schema/2.0\","
        + "\"href\":\"" + origin + "/nodeinfo/2.0\"}]}");
    documents.put("/nodeinfo/2.0", "{\"version\":\"2.0\",\"software\":{\"name\":\"" + software + "\",\"version\":\"1\"},"
        + "\"protocols\":[\"activitypub\"]}");
  }

  /** The POSTs received at a path so far. */
  public java.util.List<Received> postsTo(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Adds a Person with a fresh RSA key and returns the key to sign as it. */
  public SigningKey addPerson(String name) {
    return addPerson(name, java.util.List.of());
  }

  /** Adds a Person, optionally with {@code alsoKnownAs}, and returns its key. Calling it again rotates the key. */
  public SigningKey addPerson(String name, java.util.List<String> alsoKnownAs) {
    KeyPair pair = Keys.generateRsa2048();
    String id = origin + "/users/" + name;
    ObjectNode actor = TestHearth.JSON.createObjectNode();
    actor.putArray("@context").add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1");
    actor.put("id", id).put("type", "Person").put("preferredUsername", name)
        .put("inbox", id + "/inbox").put("outbox", id + "/outbox");
    actor.putObject("endpoints").put("sharedInbox", origin + "/inbox");
    if (!alsoKnownAs.isEmpty()) {
      var aka = actor.putArray("alsoKnownAs");
      alsoKnownAs.forEach(aka::add);
    }
    actor.putObject("publicKey").put("id", id + "#main-key").put("owner", id).put("publicKeyPem", Keys.toPem(pair.getPublic()));
    documents.put("/users/" + name, actor.toString());
    return new SigningKey(id + "#main-key", pair.getPrivate());
  }

  /**
   * Adds a Person whose RSA key is its publicKey and whose Ed25519 key is a FEP-521a Multikey in assertionMethod;
   * returns the Ed25519 key to sign with.
   */
  public SigningKey addPersonWithEd25519(String name) {
    addPerson(name);
    String id = origin + "/users/" + name;
    KeyPair ed = Keys.generateEd25519();
    ObjectNode actor;
    try {
      actor = (ObjectNode) TestHearth.JSON.readTree(documents.get("/users/" + name));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    actor.putArray("assertionMethod").addObject().put("id", id + "#ed25519-key").put("type", "Multikey")
        .put("controller", id).put("publicKeyMultibase", social.hearth.federation.sig.Multikey.encode(ed.getPublic()));
    documents.put("/users/" + name, actor.toString());
    return new SigningKey(id + "#ed25519-key", ed.getPrivate());
  }

  private static final String GONE = "\u0000gone";

  /** Answers 410 Gone at a path, as Mastodon does for a deleted account. */
  public void gone(String path) {
    documents.put(path, GONE);
  }

  /** Stops serving a document, as a server does after an account is deleted. */
  public void remove(String path) {
    documents.remove(path);
  }

  @Override
  public void close() {
    server.close().await();
  }
}
