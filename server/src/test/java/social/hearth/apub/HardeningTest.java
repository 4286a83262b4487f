package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * Issue 12, attacked through the doors an attacker uses: signed POSTs to the inbox from fake remote servers, and
 * unauthenticated GETs of what Hearth serves.
 */
class HardeningTest {

  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  static TestHearth hearth;
  static FakeActorServer masto;
  static FakeActorServer lemmy;
  static SigningKey mia;
  static SigningKey leo;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    masto = FakeActorServer.start(hearth.vertx, "127.0.0.17");
    masto.nodeinfo("mastodon");
    lemmy = FakeActorServer.start(hearth.vertx, "127.0.0.16");
    lemmy.nodeinfo("lemmy");
    mia = masto.addPerson("mia");
    leo = lemmy.addPerson("leo");
    group = hearth.createCommunity("guarded", "Guarded");
    new Fediverse(hearth, masto).send(mia, group + "/inbox", Fediverse.activity(mia, "Follow", group));
    new Fediverse(hearth, lemmy).send(leo, group + "/inbox", Fediverse.activity(leo, "Follow", group));
    for (int i = 0; i < 200 && hearth.sql("SELECT 1 FROM hosts WHERE host LIKE '127.0.0.16:%' AND software = 'lemmy'")
        .isEmpty(); i++) {
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    masto.close();
    lemmy.close();
    hearth.close();
  }

  static String actor(SigningKey key) {
    return key.keyId().replace("#main-key", "");
  }

  static HttpResponse<String> post(SigningKey key, String body) throws Exception {
    return Signed.post(hearth.http, key, hearth.base + "/inbox", body);
  }

  // ------------------------------------------------------------------ item 1: bto and bcc never leak

  @Test
  void privateAddresseesAreNeitherStoredNorReSharedNorServed() throws Exception {
    String noteId = actor(mia) + "/notes/" + UUID.randomUUID();
    ObjectNode note = TestHearth.JSON.createObjectNode();
    note.put("id", noteId).put("type", "Note").put("attributedTo", actor(mia)).put("content", "<p>hello all</p>");
    note.putArray("to").add(PUBLIC);
    note.putArray("cc").add(group);
    note.putArray("bto").add("https://secret.example/users/hidden-bto-object");
    note.put("bcc", "https://secret.example/users/hidden-bcc-object");
    note.putArray("tag").addObject().put("type", "Mention").put("href", group).put("name", "@guarded");
    masto.serve(noteId.substring(masto.origin.length()), note.toString());
    ObjectNode create = Fediverse.activity(mia, "Create", note);
    create.putArray("to").add(PUBLIC);
    create.putArray("cc").add(group);
    create.putArray("bto").add("https://secret.example/users/hidden-bto");
    create.putArray("bcc").add("https://secret.example/users/hidden-bcc");
    create.put("as:bcc", "https://secret.example/users/hidden-as-bcc");
    String createId = create.get("id").asText();
    assertEquals(202, post(mia, create.toString()).statusCode());
    assertEquals("done", hearth.awaitProcessed(createId));

    FakeActorServer.Received wrapped = lemmy.awaitPost(p -> p.body().contains(createId));
    assertFalse(wrapped.body().contains("secret.example"), "the wrapped Announce carries no private addressee: "
        + wrapped.body());
    JsonNode announce = TestHearth.JSON.readTree(wrapped.body());
    assertEquals(noteId, announce.get("object").get("object").get("id").asText(), "the post itself is re-shared");
    masto.awaitPost(p -> p.body().contains(noteId) && p.body().contains("Announce"));
    assertTrue(masto.received.stream().noneMatch(p -> p.body().contains("secret.example")));

    HttpResponse<String> served = hearth.get(announce.get("id").asText(), "application/activity+json");
    assertEquals(200, served.statusCode(), "the wrapped Announce is served to anyone");
    assertFalse(served.body().contains("secret.example"), served.body());
    String outbox = hearth.get(group + "/outbox?page=1", "application/activity+json").body();
    assertFalse(outbox.contains("secret.example"), outbox);
    for (String table : List.of("SELECT body FROM inbox", "SELECT body::text FROM activities",
        "SELECT object::text FROM posts", "SELECT activity::text || coalesce(object::text, '') FROM moderation_items")) {
      assertTrue(hearth.sql(table).stream().noneMatch(r -> r.getString(0).contains("secret.example")), table);
    }
  }

  @Test
  void rowsStoredBeforeTheFixAreScrubbedByTheMigrationsFunction() {
    String legacy = "{\"id\":\"https://a.example/1\",\"bto\":[\"https://secret.example/a\"],\"object\":{\"bcc\":"
        + "\"https://secret.example/b\",\"object\":{\"as:bto\":\"https://secret.example/c\",\"tag\":[{\"bcc\":\"x\"}],"
        + "\"content\":\"kept\"}}}";
    String scrubbed = hearth.sql("SELECT hearth_strip_private($1::text::jsonb)::text", legacy).get(0).getString(0);
    assertFalse(scrubbed.contains("secret") || scrubbed.contains("bcc"), scrubbed);
    assertTrue(scrubbed.contains("kept"));
    assertEquals("not json {", hearth.sql("SELECT hearth_strip_private_text('not json {')").get(0).getString(0));
  }

  // ------------------------------------------------------------------ item 4: malformed activities

  record Shape(String name, Consumer<ObjectNode> change) {}

  @Test
  void everyMalformedShapeIsRefusedWithItsReasonAndNothingIsStored() throws Exception {
    List<Shape> shapes = List.of(
        new Shape("two actors", a -> a.putArray("actor").add(actor(mia)).add(actor(leo))),
        new Shape("no actors", a -> a.putArray("actor")),
        new Shape("actor as number", a -> a.put("actor", 42)),
        new Shape("actor relative", a -> a.put("actor", "/users/mia")),
        new Shape("actor javascript", a -> a.put("actor", "javascript:alert(1)")),
        new Shape("actor ftp", a -> a.put("actor", "ftp://127.0.0.17/users/mia")),
        new Shape("actor object without id", a -> a.putObject("actor").put("type", "Person")),
        new Shape("no id", a -> a.remove("id")),
        new Shape("id null", a -> a.putNull("id")),
        new Shape("id array", a -> a.putArray("id").add(actor(mia) + "/a/1")),
        new Shape("id object", a -> a.putObject("id").put("id", actor(mia) + "/a/1")),
        new Shape("id number", a -> a.put("id", 7)),
        new Shape("id relative", a -> a.put("id", "/activities/1")),
        new Shape("id urn", a -> a.put("id", "urn:uuid:" + UUID.randomUUID())),
        new Shape("id data", a -> a.put("id", "data:text/plain,hi")),
        new Shape("id with spaces", a -> a.put("id", actor(mia) + "/a b")),
        new Shape("published month 13", a -> a.put("published", "2024-13-01T00:00:00Z")),
        new Shape("published 25:61", a -> a.put("published", "2024-01-01T25:61:00Z")),
        new Shape("published 1969", a -> a.put("published", "1969-12-31T23:59:59Z")),
        new Shape("published 2201", a -> a.put("published", "2201-01-01T00:00:00Z")),
        new Shape("published year 99999", a -> a.put("published", "+99999-01-01T00:00:00Z")),
        new Shape("published words", a -> a.put("published", "yesterday")),
        new Shape("published number", a -> a.put("published", 1700000000)),
        new Shape("published object", a -> a.putObject("published")),
        new Shape("object published absurd", a -> ((ObjectNode) a.get("object")).put("published", "0001-01-01T00:00:00Z")),
        new Shape("object updated unparseable", a -> ((ObjectNode) a.get("object")).put("updated", "2024-02-30T10:00:00Z")),
        new Shape("object id relative", a -> ((ObjectNode) a.get("object")).put("id", "../notes/1")),
        new Shape("object attributedTo mailto", a -> ((ObjectNode) a.get("object")).put("attributedTo", "mailto:a@b")),
        new Shape("object is a number", a -> a.put("object", 3)),
        new Shape("object nested arrays", a -> a.putArray("object").addArray().add(actor(mia))),
        new Shape("object iri file", a -> a.put("object", "file:///etc/passwd")),
        new Shape("target gopher", a -> a.put("target", "gopher://127.0.0.17/x")),
        new Shape("no type", a -> a.remove("type")),
        new Shape("type number", a -> a.put("type", 5)),
        new Shape("body is an array", a -> { }),
        new Shape("body is not JSON", a -> { }));
    List<String> problems = new ArrayList<>();
    String marker = "malformed-" + UUID.randomUUID();
    for (Shape shape : shapes) {
      ObjectNode create = validCreate(marker);
      shape.change().accept(create);
      String body = switch (shape.name()) {
        case "body is an array" -> "[" + create + "]";
        case "body is not JSON" -> "{\"id\": \"" + actor(mia) + "/a/x\", \"type\": ";
        default -> create.toString();
      };
      HttpResponse<String> r = post(mia, body);
      if (r.statusCode() != 400) {
        problems.add(shape.name() + " -> " + r.statusCode() + " " + r.body());
      } else if (!r.body().contains("\"message\"")) {
        problems.add(shape.name() + " -> 400 without a reason");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertEquals(0, hearth.sql("SELECT 1 FROM inbox WHERE body LIKE $1", "%" + marker + "%").size(),
        "nothing of a refused activity is stored");
  }

  @Test
  void noShapeGetsAServerError() throws Exception {
    List<String> values = List.of("null", "true", "0", "-1e400", "\"\"", "\" \"", "[]", "{}", "[[]]", "[{}]",
        "\"http://\"", "\"https://127.0.0.17:99999/x\"", "\"http://[::1/\"", "\"\\u0000\"", "\"" + "a".repeat(3000) + "\"",
        "{\"id\": {\"id\": 1}}", "[null, \"x\"]");
    List<String> fields = List.of("id", "type", "actor", "object", "target", "to", "cc", "audience", "published",
        "content", "summary", "tag", "inReplyTo", "attributedTo");
    List<String> problems = new ArrayList<>();
    int sent = 0;
    for (String type : List.of("Create", "Follow", "Undo", "Delete", "Update", "Like", "Announce", "Flag", "Move")) {
      for (String field : fields) {
        for (String value : values) {
          ObjectNode a = validCreate();
          a.put("type", type);
          ObjectNode object = (ObjectNode) a.get("object");
          String body = field.equals("attributedTo") || field.equals("inReplyTo") || field.equals("tag")
              ? a.toString().replace("\"object\":{", "\"object\":{\"" + field + "\":" + value + ",")
              : a.toString().replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\{[^}]*\\}|\\[[^\\]]*\\])", "\"" + field + "\":" + value);
          if (!body.contains("\"" + field + "\":" + value)) {
            body = body.replaceFirst("\\{", "{\"" + field + "\":" + value + ",");
          }
          HttpResponse<String> r = post(mia, body);
          sent++;
          if (r.statusCode() >= 500) {
            problems.add(type + " " + field + "=" + abbreviate(value) + " -> " + r.statusCode() + " " + r.body());
          }
          assertTrue(object != null);
        }
      }
    }
    assertTrue(sent > 1000);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void aOneEntryActorArrayIsReadAsThatActor() throws Exception {
    ObjectNode create = validCreate();
    create.putArray("actor").add(actor(mia));
    assertEquals(202, post(mia, create.toString()).statusCode());
    assertEquals(actor(mia), hearth.sql("SELECT actor_id FROM inbox WHERE activity_id = $1", create.get("id").asText())
        .get(0).getString(0));
  }

  static String abbreviate(String s) {
    return s.length() > 30 ? s.substring(0, 30) + "..." : s;
  }

  /** A Create of a public note by mia, not addressed to any community (so accepted and stored, and nothing more). */
  static ObjectNode validCreate() {
    return validCreate("probe");
  }

  static ObjectNode validCreate(String content) {
    ObjectNode note = TestHearth.JSON.createObjectNode();
    note.put("id", actor(mia) + "/notes/" + UUID.randomUUID()).put("type", "Note").put("attributedTo", actor(mia))
        .put("content", content).put("published", "2024-05-01T10:00:00Z");
    note.putArray("to").add(PUBLIC);
    ObjectNode create = Fediverse.activity(mia, "Create", note);
    create.put("published", "2024-05-01T10:00:00Z");
    create.putArray("to").add(PUBLIC);
    return create;
  }

  // ------------------------------------------------------------------ item 5: key-fetch floods

  /** A remote server that answers every GET 404 and counts them. */
  record CountingServer(HttpServer server, AtomicInteger gets, String origin) implements AutoCloseable {
    static CountingServer start(String host) {
      AtomicInteger gets = new AtomicInteger();
      HttpServer server = hearth.vertx.createHttpServer().requestHandler(req -> {
        if (req.method() == io.vertx.core.http.HttpMethod.GET && req.path().startsWith("/keys/")) {
          gets.incrementAndGet();
        }
        req.response().setStatusCode(404).end();
      }).listen(0, host).await();
      return new CountingServer(server, gets, "http://" + host + ":" + server.actualPort());
    }

    @Override
    public void close() {
      server.close().await();
    }
  }

  static String activityFrom(String actorId) {
    return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actorId + "/a/" + UUID.randomUUID()
        + "\",\"type\":\"Follow\",\"actor\":\"" + actorId + "\",\"object\":\"" + group + "\"}";
  }

  @Test
  void aBurstOfRandomKeyIdsFetchesOnlyASmallBurstThenIsRefusedWithoutFetching() throws Exception {
    try (CountingServer evil = CountingServer.start("127.0.0.18")) {
      var pair = Keys.generateRsa2048();
      String actorId = evil.origin() + "/users/flood";
      int requests = 120;
      long started = System.nanoTime();
      for (int i = 0; i < requests; i++) {
        SigningKey random = new SigningKey(evil.origin() + "/keys/" + UUID.randomUUID() + "#k", pair.getPrivate());
        HttpResponse<String> r = post(random, activityFrom(actorId));
        assertEquals(401, r.statusCode(), r.body());
      }
      int fetched = evil.gets().get();
      long refills = (System.nanoTime() - started) / social.hearth.federation.fetch.KeyFetchLimiter.REFILL_EVERY.toNanos();
      assertTrue(fetched <= social.hearth.federation.fetch.KeyFetchLimiter.BURST + refills + 1 && fetched < requests / 2,
          requests + " requests with random keys fetched " + fetched + " times in " + refills + " refill periods");
      assertTrue(fetched >= 1);
    }
  }

  @Test
  void aKeyThatFailedIsNotFetchedAgainForAWhile() throws Exception {
    try (CountingServer evil = CountingServer.start("127.0.0.19")) {
      var pair = Keys.generateRsa2048();
      SigningKey same = new SigningKey(evil.origin() + "/keys/one#k", pair.getPrivate());
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r = post(same, activityFrom(evil.origin() + "/users/again"));
        assertEquals(401, r.statusCode());
      }
      assertEquals(1, evil.gets().get(), "a failed key fetch is cached negatively");
    }
  }

  @Test
  void aKeyOnAnotherOriginThanTheActorIsRefusedWithoutAnyFetch() throws Exception {
    try (CountingServer victim = CountingServer.start("127.0.0.20")) {
      var pair = Keys.generateRsa2048();
      for (int i = 0; i < 5; i++) {
        SigningKey elsewhere = new SigningKey(victim.origin() + "/keys/" + i + "#k", pair.getPrivate());
        HttpResponse<String> r = post(elsewhere, activityFrom(masto.origin + "/users/nobody"));
        assertEquals(401, r.statusCode());
      }
      assertEquals(0, victim.gets().get(), "no fetch is made for a key that cannot belong to the actor");
    }
  }

  // ------------------------------------------------------------------ item 9: outbound targets

  @Test
  void anActorWhoseInboxIsOnAnotherOriginIsRefusedAndNotStored() throws Exception {
    for (String inbox : List.of(lemmy.origin + "/inbox", hearth.base + "/inbox")) {
      String name = "redirector" + Math.abs(inbox.hashCode());
      SigningKey key = masto.addPerson(name);
      JsonNode doc = hearth.getJsonFrom(masto.origin + "/users/" + name);
      ObjectNode changed = ((ObjectNode) doc).put("inbox", inbox);
      ((ObjectNode) changed.get("endpoints")).put("sharedInbox", inbox);
      masto.serve("/users/" + name, changed.toString());
      HttpResponse<String> r = Signed.post(hearth.http, key, group + "/inbox",
          Fediverse.activity(key, "Follow", group).toString());
      assertEquals(401, r.statusCode(), r.body());
      assertTrue(hearth.sql("SELECT 1 FROM remote_actors WHERE id = $1", actor(key)).isEmpty());
    }
  }

  @Test
  void nothingIsDeliveredToOurOwnOriginAndAFailureBeforeAnyAttemptBacksOff() throws Exception {
    long activity = hearth.sql("INSERT INTO activities (iri, type, body) VALUES ($1, 'Note', '{}'::jsonb) RETURNING id",
        hearth.base + "/activities/" + UUID.randomUUID()).get(0).getLong(0);
    long local = hearth.sql("INSERT INTO deliveries (activity_id, inbox, host) VALUES ($1, $2, $3) RETURNING id",
        activity, hearth.base + "/inbox", "127.0.0.1:" + hearth.port).get(0).getLong(0);
    long unusable = hearth.sql("INSERT INTO deliveries (activity_id, inbox, host) VALUES ($1, $2, 'bad.example') RETURNING id",
        activity, "http://bad example/inbox").get(0).getLong(0);
    long exhausted = hearth.sql("INSERT INTO deliveries (activity_id, inbox, host, attempts) "
        + "VALUES ($1, $2, 'bad2.example', 15) RETURNING id", activity, "http://bad example/other").get(0).getLong(0);
    awaitDelivery(local, "failed");
    String localError = hearth.sql("SELECT last_error FROM deliveries WHERE id = $1", local).get(0).getString(0);
    assertTrue(localError.contains("this server"), localError);

    var row = awaitAttempted(unusable);
    assertEquals("pending", row.getString(0), "retried, not dropped");
    double delay = row.getDouble(2);
    assertTrue(delay > 15 && delay < 45, "the first retry waits about 30 s like any other, not " + delay);
    assertTrue(row.getString(1).startsWith("not attempted"), row.getString(1));
    awaitDelivery(exhausted, "failed");
    assertTrue(hearth.sql("SELECT last_error FROM deliveries WHERE id = $1", exhausted).get(0).getString(0)
        .startsWith("gave up after 16 attempts"));
  }

  static void awaitDelivery(long id, String state) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (state.equals(hearth.sql("SELECT state FROM deliveries WHERE id = $1", id).get(0).getString(0))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("delivery " + id + " never became " + state);
  }

  static io.vertx.sqlclient.Row awaitAttempted(long id) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      var rows = hearth.sql("SELECT state, last_error, extract(epoch FROM next_attempt_at - now())::float8 "
          + "FROM deliveries WHERE id = $1 AND last_error IS NOT NULL", id);
      if (!rows.isEmpty()) {
        return rows.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("delivery " + id + " was never attempted");
  }
}
