package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.hearth.testing.Fediverse.activity;
import static social.hearth.testing.Fediverse.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * Activities that were stored together (a backlog after a restart, or a burst) are processed together, several at a
 * time: every post is re-shared exactly once, and two activities of one actor, or a post and a reply to it, still take
 * effect in the order they arrived.
 *
 * <p>A node without workers receives everything first (all of it is stored, nothing processed); a node with workers
 * then starts on the same database and claims it all in one batch.
 */
class InboxProcessingTest {

  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  static final int POSTERS = 20;

  static Vertx peers;
  static FakeActorServer masto;
  static FakeActorServer lemmy;
  static TestHearth hearth;
  static String group;
  static final List<SigningKey> members = new ArrayList<>();
  static final List<String> notes = new ArrayList<>();
  static final List<String> creates = new ArrayList<>();
  static SigningKey mia;
  static SigningKey newcomer;
  static String deletedNote;
  static String reply;

  @BeforeAll
  static void receiveEverythingThenProcessItInOneBatch() throws Exception {
    peers = Vertx.vertx();
    masto = FakeActorServer.start(peers, "127.0.0.31");
    masto.nodeinfo("mastodon");
    lemmy = FakeActorServer.start(peers, "127.0.0.32");
    lemmy.nodeinfo("lemmy");
    for (int i = 0; i < POSTERS; i++) {
      members.add((i % 2 == 0 ? masto : lemmy).addPerson("member" + i));
    }
    mia = masto.addPerson("mia");
    newcomer = lemmy.addPerson("newcomer");
    String db = TestDatabase.url(TestDatabase.fresh());
    int port;
    try (TestHearth joining = TestHearth.start(Clock.systemUTC(), db, true)) {
      port = joining.port;
      group = joining.createCommunity("burst", "Burst");
      for (SigningKey m : members) {
        send(joining, m, group + "/inbox", activity(m, "Follow", group), true);
      }
      send(joining, mia, group + "/inbox", activity(mia, "Follow", group), true);
      awaitSoftware(joining, "127.0.0.31", "mastodon");
      awaitSoftware(joining, "127.0.0.32", "lemmy");
      // every Accept answered and recorded before this node stops (a delivery it still holds would wait for its lease)
      await("every Accept delivered", () ->
          joining.sql("SELECT count(*) FROM deliveries WHERE state = 'pending'").get(0).getLong(0) == 0);
    }

    try (TestHearth receiving = TestHearth.start(Clock.systemUTC(), db, false, port)) {
      for (SigningKey m : members) {
        ObjectNode note = note(m, "<p>hello from " + actor(m) + "</p>", null, true);
        notes.add(note.get("id").asText());
        creates.add(send(receiving, m, receiving.base + "/inbox", create(m, note), false));
      }
      // a Create that makes Hearth fetch the note, and at once the Delete of the same note
      ObjectNode doomed = note(mia, "<p>posted by mistake</p>", null, true);
      deletedNote = doomed.get("id").asText();
      ObjectNode byReference = create(mia, doomed);
      byReference.put("object", deletedNote);
      send(receiving, mia, receiving.base + "/inbox", byReference, false);
      ObjectNode tombstone = TestHearth.JSON.createObjectNode().put("id", deletedNote).put("type", "Tombstone");
      send(receiving, mia, receiving.base + "/inbox", activity(mia, "Delete", tombstone), false);
      // a Follow and at once its Undo
      ObjectNode follow = activity(newcomer, "Follow", group);
      send(receiving, newcomer, group + "/inbox", follow, false);
      send(receiving, newcomer, group + "/inbox", activity(newcomer, "Undo", follow), false);
      // a reply, by another member, to the first post of the burst; it does not mention the community
      ObjectNode answer = note(members.get(1), "<p>welcome!</p>", notes.get(0), false);
      reply = answer.get("id").asText();
      send(receiving, members.get(1), receiving.base + "/inbox", create(members.get(1), answer), false);
      assertEquals(POSTERS + 5, receiving.sql("SELECT count(*) FROM inbox WHERE state = 'pending'").get(0).getLong(0),
          "everything stored, nothing processed yet");
    }

    hearth = TestHearth.start(Clock.systemUTC(), db, true, port);
    await("every stored activity processed and every delivery sent", () ->
        hearth.sql("SELECT count(*) FROM inbox WHERE state = 'pending'").get(0).getLong(0) == 0
            && hearth.sql("SELECT count(*) FROM deliveries WHERE state = 'pending'").get(0).getLong(0) == 0);
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
    masto.close();
    lemmy.close();
    peers.close().await();
  }

  @Test
  void everyPostOfTheBurstIsReSharedExactlyOnceToEachServerInTheFormItUnderstands() throws Exception {
    assertEquals(0, hearth.sql("SELECT count(*) FROM inbox WHERE state <> 'done'").get(0).getLong(0), "all done");
    for (int i = 0; i < POSTERS; i++) {
      String note = notes.get(i);
      String create = creates.get(i);
      assertEquals(1, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", note).get(0).getLong(0));
      assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Announce' AND object_id = $1 AND in_outbox",
          note).get(0).getLong(0), "one plain Announce of " + note);
      assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Announce' AND object_id = $1", create)
          .get(0).getLong(0), "one wrapped Announce of " + create);
      assertEquals(1, count(masto, j -> note.equals(j.path("object").asText(null))), "Mastodon got " + note + " once");
      assertEquals(1, count(lemmy, j -> create.equals(j.path("object").path("id").asText(null))),
          "Lemmy got the Create of " + note + " once");
      assertEquals(0, count(masto, j -> create.equals(j.path("object").path("id").asText(null))),
          "Mastodon never gets the wrapped form");
      assertEquals(0, count(lemmy, j -> note.equals(j.path("object").asText(null))), "Lemmy never gets the plain form");
    }
  }

  @Test
  void aCreateAndTheDeleteOfItsNoteSentBackToBackLeaveATombstone() {
    var row = hearth.sql("SELECT deleted_at IS NOT NULL, content FROM posts WHERE object_id = $1", deletedNote);
    assertEquals(1, row.size(), "the post was re-shared first");
    assertTrue(row.get(0).getBoolean(0), "then deleted");
    assertEquals(null, row.get(0).getString(1));
  }

  @Test
  void aFollowAndItsUndoSentBackToBackLeaveNoMembership() {
    assertTrue(hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", actor(newcomer)).isEmpty(), "not a member");
    assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Accept' AND object_id LIKE $1",
        actor(newcomer) + "/%").get(0).getLong(0), "the Follow was accepted before the Undo ended the membership");
  }

  @Test
  void aReplyStoredWithItsParentIsReSharedAfterIt() {
    assertEquals(1, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1 AND in_reply_to = $2", reply,
        notes.get(0)).get(0).getLong(0), "the reply joined the thread");
    assertFalse(hearth.sql("SELECT 1 FROM activities WHERE type = 'Announce' AND object_id = $1", reply).isEmpty());
  }

  // ------------------------------------------------------------------ helpers

  static FakeActorServer serverOf(SigningKey key) {
    return key.keyId().startsWith(masto.origin) ? masto : lemmy;
  }

  /** A public note, addressed to the community when {@code toGroup}, served at its id by its author's server. */
  static ObjectNode note(SigningKey author, String content, String inReplyTo, boolean toGroup) {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author)).put("content", content);
    n.putArray("to").add(PUBLIC);
    var cc = n.putArray("cc").add(actor(author) + "/followers");
    if (toGroup) {
      cc.add(group);
      n.putArray("tag").addObject().put("type", "Mention").put("href", group).put("name", "@burst");
    }
    if (inReplyTo != null) {
      n.put("inReplyTo", inReplyTo);
    }
    serverOf(author).serve(id.substring(serverOf(author).origin.length()), n.toString());
    return n;
  }

  static ObjectNode create(SigningKey author, ObjectNode note) {
    ObjectNode create = activity(author, "Create", note);
    create.set("to", note.get("to"));
    create.set("cc", note.get("cc"));
    return create;
  }

  /** Sends a signed activity (202 expected) and, when {@code processed}, waits until it is done; returns its id. */
  static String send(TestHearth to, SigningKey key, String inbox, ObjectNode activity, boolean processed) throws Exception {
    HttpResponse<String> r = Signed.post(to.http, key, inbox, activity.toString());
    assertEquals(202, r.statusCode(), r.body());
    String id = activity.get("id").asText();
    if (processed) {
      assertEquals("done", to.awaitProcessed(id));
    }
    return id;
  }

  static void awaitSoftware(TestHearth on, String host, String software) throws Exception {
    await("software of " + host, () -> {
      var rows = on.sql("SELECT software FROM hosts WHERE host LIKE $1", host + ":%");
      return !rows.isEmpty() && software.equals(rows.get(0).getString(0));
    });
  }

  static long count(FakeActorServer server, java.util.function.Predicate<JsonNode> match) {
    return server.postsTo("/inbox").stream().map(p -> {
      try {
        return TestHearth.JSON.readTree(p.body());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).filter(j -> "Announce".equals(j.path("type").asText()) && match.test(j)).count();
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }
}
