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

  private FakeActorServer(HttpServer server, Map<String, String> documents, String origin) {
    this.server = server;
    this.documents = documents;
    this.origin = origin;
  }

  public static FakeActorServer start(Vertx vertx, String host) {
    Map<String, String> docs = new ConcurrentHashMap<>();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      String doc = docs.get(req.path());
      if (doc == null) {
        req.response().setStatusCode(404).end();
      } else {
        req.response().putHeader("Content-Type", "application/activity+json").end(doc);
      }
    }).listen(0, host).await();
    return new FakeActorServer(server, docs, "http://" + host + ":" + server.actualPort());
  }

  /** Adds a Person with a fresh RSA key and returns the key to sign as it. */
  public SigningKey addPerson(String name) {
    KeyPair pair = Keys.generateRsa2048();
    String id = origin + "/users/" + name;
    ObjectNode actor = TestHearth.JSON.createObjectNode();
    actor.putArray("@context").add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1");
    actor.put("id", id).put("type", "Person").put("preferredUsername", name)
        .put("inbox", id + "/inbox").put("outbox", id + "/outbox");
    actor.putObject("publicKey").put("id", id + "#main-key").put("owner", id).put("publicKeyPem", Keys.toPem(pair.getPublic()));
    documents.put("/users/" + name, actor.toString());
    return new SigningKey(id + "#main-key", pair.getPrivate());
  }

  @Override
  public void close() {
    server.close().await();
  }
}
