package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * Issue 12, items 2 and 3, attacked through the inbox: a deleted actor stays deleted (its old key, cached or kept as
 * a fallback, never verifies again; it cannot rejoin; it receives nothing), and a Delete that overtakes its Create
 * wins.
 */
class DeletionsStickTest {

  static TestHearth hearth;
  static FakeActorServer masto;
  static FakeActorServer solo;
  static Fediverse fromMasto;
  static Fediverse fromSolo;
  static SigningKey mia;
  static String group;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    masto = FakeActorServer.start(hearth.vertx, "127.0.0.17");
    masto.nodeinfo("mastodon");
    solo = FakeActorServer.start(hearth.vertx, "127.0.0.18");
    solo.nodeinfo("mastodon");
    fromMasto = new Fediverse(hearth, masto);
    fromSolo = new Fediverse(hearth, solo);
    mia = masto.addPerson("mia");
    group = hearth.createCommunity("lasting", "Lasting");
    fromMasto.follow(mia, group);
  }

  @AfterAll
  static void stop() {
    masto.close();
    solo.close();
    hearth.close();
  }

  static HttpResponse<String> post(SigningKey key, ObjectNode activity) throws Exception {
    return Signed.post(hearth.http, key, hearth.base + "/inbox", activity.toString());
  }

  static boolean member(SigningKey key) {
    return !hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", Fediverse.actor(key)).isEmpty();
  }

  static void assertGoneRefusal(HttpResponse<String> r, String what) {
    assertEquals(401, r.statusCode(), what + ": " + r.body());
    assertTrue(r.body().contains("actor_gone"), what + ": " + r.body());
  }

  // ------------------------------------------------------------------ item 2: a deleted actor stays deleted

  @Test
  void aDeletedAccountsOldKeyNeverVerifiesAgainAndItCannotRejoin() throws Exception {
    SigningKey dora = masto.addPerson("dora");
    fromMasto.follow(dora, group);
    assertTrue(member(dora));
    String path = Fediverse.actor(dora).substring(masto.origin.length());
    String document = hearth.getJsonFrom(Fediverse.actor(dora)).toString();

    masto.gone(path);
    fromMasto.send(dora, fromMasto.inbox(), Fediverse.activity(dora, "Delete", Fediverse.actor(dora)));
    assertFalse(member(dora), "the account left the community");
    assertTrue(hearth.sql("SELECT 1 FROM remote_keys WHERE owner_id = $1", Fediverse.actor(dora)).isEmpty(),
        "its keys are dropped");
    assertEquals("deleted", hearth.sql("SELECT gone_reason FROM remote_actors WHERE id = $1", Fediverse.actor(dora))
        .get(0).getString(0));

    assertGoneRefusal(post(dora, Fediverse.activity(dora, "Follow", group)), "a Follow with the old key");

    // its server serves the account again, with a new key: still refused, and nothing of it is stored again
    SigningKey back = masto.addPersonWithEd25519("dora");
    assertGoneRefusal(post(back, Fediverse.activity(back, "Follow", group)), "a Follow after the account came back");
    assertTrue(hearth.sql("SELECT 1 FROM remote_keys WHERE owner_id = $1", Fediverse.actor(dora)).isEmpty());

    // the old key is still cached somewhere (a node that missed the Delete): the verification checks the gone record
    String pem = TestHearth.JSON.readTree(document).path("publicKey").path("publicKeyPem").asText();
    hearth.sql("INSERT INTO remote_keys (key_id, owner_id, pem) VALUES ($1, $2, $3)", dora.keyId(),
        Fediverse.actor(dora), pem);
    assertGoneRefusal(post(dora, Fediverse.activity(dora, "Follow", group)), "a Follow verified by a fresh cached key");

    // a stale cached key whose refetch is refused or fails is not used as a fallback either
    hearth.sql("UPDATE remote_keys SET fetched_at = now() - interval '3 days' WHERE key_id = $1", dora.keyId());
    masto.remove(path);
    assertGoneRefusal(post(dora, Fediverse.activity(dora, "Follow", group)), "a Follow after a failed refetch");
    assertFalse(member(dora), "it never rejoined");
  }

  @Test
  void anAccountWhoseDocumentAnswers410IsGoneAndItsStoredKeyIsNotUsed() throws Exception {
    SigningKey gus = masto.addPerson("gus");
    fromMasto.follow(gus, group);
    String path = Fediverse.actor(gus).substring(masto.origin.length());
    ObjectNode note = fromMasto.note(gus, group, "<p>shared before</p>", false);
    fromMasto.post(gus, note);
    assertTrue(fromMasto.reshared(note.get("id").asText()));

    // the stored key is due for a refetch, and the account's server now answers 410
    hearth.sql("UPDATE remote_keys SET fetched_at = now() - interval '3 days' WHERE owner_id = $1", Fediverse.actor(gus));
    masto.gone(path);
    ObjectNode later = fromMasto.note(gus, group, "<p>after my account was deleted</p>", false);
    assertGoneRefusal(post(gus, Fediverse.activity(gus, "Create", later)), "a Create signed with the stored key");
    assertEquals("gone", hearth.sql("SELECT gone_reason FROM remote_actors WHERE id = $1", Fediverse.actor(gus))
        .get(0).getString(0));

    // the 410 does what a Delete of the account does: it leaves, its re-shared post is taken back
    for (int i = 0; i < 200 && (member(gus) || fromMasto.reshared(note.get("id").asText())); i++) {
      Thread.sleep(50);
    }
    assertFalse(member(gus));
    assertFalse(fromMasto.reshared(note.get("id").asText()), "its re-shared post is retracted");
    assertEquals(401, post(gus, Fediverse.activity(gus, "Follow", group)).statusCode(), "a Follow once gone");
    assertFalse(member(gus));
  }

  @Test
  void suspendedAndGoneAccountsReceiveNoDeliveries() throws Exception {
    SigningKey sam = solo.addPerson("sam");
    fromSolo.follow(sam, group);
    fromSolo.awaitFor(sam, "Accept", j -> true);
    String host = solo.origin.substring("http://".length());
    // a delivery still queued for sam's server when it suspends him
    hearth.sql("INSERT INTO activities (iri, community_id, type, object_id, body, public, in_outbox) "
        + "VALUES ('" + hearth.base + "/activities/queued-for-sam', NULL, 'Note', NULL, '{}'::jsonb, false, false)");
    hearth.sql("INSERT INTO deliveries (activity_id, inbox, host, next_attempt_at) SELECT id, $1, $2, "
        + "now() + interval '1 hour' FROM activities WHERE iri = $3", solo.origin + "/inbox", host,
        hearth.base + "/activities/queued-for-sam");

    String path = Fediverse.actor(sam).substring(solo.origin.length());
    ObjectNode doc = (ObjectNode) TestHearth.JSON.readTree(hearth.getJsonFrom(Fediverse.actor(sam)).toString());
    doc.put("suspended", true);
    solo.serve(path, doc.toString());
    fromSolo.send(sam, fromSolo.inbox(), Fediverse.activity(sam, "Update", Fediverse.actor(sam)));
    assertTrue(hearth.sql("SELECT suspended FROM remote_actors WHERE id = $1", Fediverse.actor(sam)).get(0).getBoolean(0));
    assertEquals("failed", hearth.sql("SELECT state FROM deliveries WHERE host = $1 AND inbox = $2", host,
        solo.origin + "/inbox").get(0).getString(0), "the queued delivery is dropped");

    ObjectNode note = fromMasto.note(mia, group, "<p>for everyone but sam</p>", false);
    fromMasto.post(mia, note);
    assertTrue(fromMasto.reshared(note.get("id").asText()));
    assertTrue(hearth.sql("SELECT 1 FROM deliveries d JOIN activities a ON a.id = d.activity_id WHERE d.host = $1 "
        + "AND a.object_id = $2", host, note.get("id").asText()).isEmpty(), "the re-share is not queued for a suspended member");
    assertTrue(solo.received.stream().noneMatch(r -> r.body().contains(note.get("id").asText())),
        "nor sent to his server");

    // a Reject or any message to the suspended account is not queued either
    int received = solo.received.size();
    ObjectNode again = Fediverse.activity(sam, "Follow", group);
    fromSolo.send(sam, group + "/inbox", again);
    assertTrue(hearth.sql("SELECT 1 FROM deliveries d JOIN activities a ON a.id = d.activity_id WHERE d.host = $1 "
        + "AND a.body::text LIKE $2", host, "%" + again.get("id").asText() + "%").isEmpty(),
        "nothing more is queued for a suspended account");
    assertEquals(received, solo.received.size(), "nor sent");
  }

  // ------------------------------------------------------------------ item 3: a Delete that arrives before its Create

  @Test
  void aDeleteThatOvertakesItsCreateWins() throws Exception {
    ObjectNode note = fromMasto.note(mia, group, "<p>regretted at once</p>", false);
    String noteId = note.get("id").asText();
    fromMasto.send(mia, fromMasto.inbox(), Fediverse.activity(mia, "Delete", noteId));
    String create = fromMasto.post(mia, note);
    assertEquals("done", hearth.awaitProcessed(create));
    assertFalse(fromMasto.reshared(noteId), "the Create that came after its Delete is not re-shared");
    assertTrue(hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", noteId).isEmpty(), "nor stored");
    assertTrue(hearth.sql("SELECT 1 FROM activities WHERE type = 'Announce' AND object_id = $1", noteId).isEmpty());
  }

  @Test
  void someoneElsesDeleteOnTheSameServerDoesNotSuppressAPost() throws Exception {
    SigningKey eve = masto.addPerson("eve");
    ObjectNode note = fromMasto.note(mia, group, "<p>eve cannot stop this</p>", false);
    String noteId = note.get("id").asText();
    fromMasto.send(eve, fromMasto.inbox(), Fediverse.activity(eve, "Delete", noteId));
    fromMasto.post(mia, note);
    assertTrue(fromMasto.reshared(noteId), "only the author's own Delete counts");
  }

  @Test
  void rememberedDeletionsAreBoundedPerOriginAndExpire() throws Exception {
    String origin = "https://flood.example";
    hearth.sql("INSERT INTO deleted_objects (object_id, origin, actor_id, deleted_at) SELECT $1 || '/notes/' || i, $1, "
        + "$1 || '/users/x', now() - interval '1 day' + i * interval '1 millisecond' FROM generate_series(1, 10000) i", origin);
    hearth.sql("INSERT INTO deleted_objects (object_id, origin, actor_id, deleted_at) VALUES "
        + "('https://old.example/notes/1', 'https://old.example', 'https://old.example/users/x', now() - interval '31 days')");
    ObjectNode unseen = fromMasto.note(mia, group, "<p>never arrives</p>", false);
    fromMasto.send(mia, fromMasto.inbox(), Fediverse.activity(mia, "Delete", unseen.get("id").asText()));
    assertEquals(1, hearth.sql("SELECT count(*) FROM deleted_objects WHERE object_id = $1", unseen.get("id").asText())
        .get(0).getLong(0));

    // the flooded origin stays at its cap when one more arrives: the oldest goes
    hearth.sql("DELETE FROM deleted_objects WHERE object_id = $1", origin + "/notes/10000");
    social.hearth.db.PgDeletedObjects store = new social.hearth.db.PgDeletedObjects(hearth.hearth.database().pool());
    store.record(origin + "/notes/new", origin + "/users/x").await();
    store.record(origin + "/notes/newer", origin + "/users/x").await();
    assertEquals(10_000, hearth.sql("SELECT count(*) FROM deleted_objects WHERE origin = $1", origin).get(0).getLong(0));
    assertTrue(hearth.sql("SELECT 1 FROM deleted_objects WHERE object_id = $1", origin + "/notes/1").isEmpty(),
        "the oldest was dropped");

    hearth.hearth.maintenance().runOnce().await();
    assertTrue(hearth.sql("SELECT 1 FROM deleted_objects WHERE origin = 'https://old.example'").isEmpty(),
        "deletions older than 30 days are purged");
    assertFalse(hearth.sql("SELECT 1 FROM deleted_objects WHERE object_id = $1", unseen.get("id").asText()).isEmpty());
  }
}
