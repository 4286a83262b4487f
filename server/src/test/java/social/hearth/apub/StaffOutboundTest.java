package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.StaffActivity;
import social.hearth.core.domain.StaffNote;
import social.hearth.core.domain.StaffProfile;
import social.hearth.db.OutboxStore;
import social.hearth.db.PgPersonStore;
import social.hearth.db.PgTx;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/**
 * {@code StaffOutbound.toFollowers} as staff-authored posts will use it: a note's Create, Update and Delete go to the
 * Person's followers and the accounts it mentions, one delivery per inbox, addressed as its visibility says and
 * signed as the Person; a direct note reaches only those it mentions.
 */
class StaffOutboundTest {

  static TestHearth hearth;
  static PersonActivities outbound;
  static PgPersonStore persons;
  static StaffProfile zoe;
  static String person;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false);
    hearth.createCommunity("choir", "Choir");
    assertEquals(201, hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"zoe\",\"password\":"
        + "\"correct horse battery\"}", TestHearth.ADMIN_TOKEN).statusCode());
    Uris uris = new Uris(URI.create(hearth.base));
    outbound = new PersonActivities(new OutboxStore(hearth.hearth.database().pool()), uris, new ActorMapper(uris),
        Clock.systemUTC());
    persons = new PgPersonStore(hearth.hearth.database().pool());
    zoe = persons.profile("zoe").await().orElseThrow();
    person = hearth.base + "/u/zoe";
    actor("https://masto.example/users/a", "masto.example", "https://masto.example/inbox");
    actor("https://masto.example/users/b", "masto.example", "https://masto.example/inbox");
    actor("https://solo.example/users/c", "solo.example", null);
    actor("https://gone.example/users/d", "gone.example", null);
    actor("https://friend.example/users/e", "friend.example", null);
    hearth.sql("UPDATE remote_actors SET gone_at = now(), gone_reason = 'deleted' WHERE id = 'https://gone.example/users/d'");
    for (String f : List.of("https://masto.example/users/a", "https://masto.example/users/b", "https://solo.example/users/c",
        "https://gone.example/users/d")) {
      hearth.sql("INSERT INTO person_followers (account_id, actor_id, follow_id) VALUES ($1, $2, $3)", zoe.accountId(), f,
          f + "/follow");
    }
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  static void actor(String id, String host, String sharedInbox) {
    hearth.sql("INSERT INTO remote_actors (id, type, host, inbox, shared_inbox, document) VALUES ($1, 'Person', $2, $3, $4, '{}')",
        id, host, id + "/inbox", sharedInbox);
  }

  static StaffNote note(String id, StaffNote.Visibility visibility) {
    return new StaffNote(id, hearth.base + "/c/choir", "<p>Rehearsal moves to Thursday</p>", "schedule", "en", null,
        OffsetDateTime.now(), null, visibility, "choir",
        List.of(new StaffNote.Mention("https://friend.example/users/e", "@e@friend.example"),
            new StaffNote.Mention("https://unknown.example/users/x", "@x@unknown.example")),
        List.of("rehearsal"), List.of(new StaffNote.Attachment(hearth.base + "/media/1.png", "image/png", "The score")),
        false);
  }

  static String send(StaffActivity activity) {
    return PgTx.transactions(hearth.hearth.database().pool()).inTransaction(tx -> outbound.toFollowers(tx, zoe, activity))
        .await();
  }

  static Set<String> inboxes(String activityIri) {
    Set<String> out = new TreeSet<>();
    hearth.sql("SELECT d.inbox FROM deliveries d JOIN activities a ON a.id = d.activity_id WHERE a.iri = $1", activityIri)
        .forEach(r -> out.add(r.getString(0)));
    return out;
  }

  static JsonNode body(String activityIri) throws Exception {
    return TestHearth.JSON.readTree(hearth.sql("SELECT body::text FROM activities WHERE iri = $1", activityIri).get(0)
        .getString(0));
  }

  @Test
  void aPublicNoteGoesToEachFollowersInboxOnceAndToTheAccountsItMentions() throws Exception {
    String noteId = hearth.base + "/notes/public-1";
    String create = send(StaffActivity.note(StaffActivity.Verb.CREATE, note(noteId, StaffNote.Visibility.PUBLIC)));
    assertEquals(Set.of("https://masto.example/inbox", "https://solo.example/users/c/inbox",
        "https://friend.example/users/e/inbox"), inboxes(create),
        "a shared inbox once, no gone follower, a known mention, never an unknown one");
    assertEquals(zoe.accountId(), hearth.sql("SELECT account_id FROM activities WHERE iri = $1", create).get(0).getLong(0),
        "signed as the Person");

    JsonNode a = body(create);
    assertEquals("Create", a.get("type").asText());
    assertEquals(person, a.get("actor").asText());
    JsonNode n = a.get("object");
    assertEquals(person, n.get("attributedTo").asText());
    assertEquals("https://www.w3.org/ns/activitystreams#Public", n.get("to").get(0).asText());
    assertEquals(List.of(person + "/followers", hearth.base + "/c/choir", "https://friend.example/users/e",
        "https://unknown.example/users/x"), TestHearth.JSON.convertValue(n.get("cc"), List.class));
    assertEquals(hearth.base + "/c/choir", n.get("audience").asText());
    assertEquals("schedule", n.get("summary").asText());
    assertEquals("<p>Rehearsal moves to Thursday</p>", n.get("contentMap").get("en").asText());
    assertEquals("Mention", n.get("tag").get(0).get("type").asText());
    assertEquals("#rehearsal", n.get("tag").get(2).get("name").asText());
    assertEquals("The score", n.get("attachment").get(0).get("name").asText());
    assertEquals(1L, persons.outboxCount(zoe.accountId()).await(), "listed in her outbox");
    assertEquals("zoe", persons.authorOf(noteId).await().orElseThrow(), "a reply to it is for her");
  }

  @Test
  void aDirectNoteReachesOnlyTheAccountsItMentions() throws Exception {
    String create = send(StaffActivity.note(StaffActivity.Verb.CREATE,
        note(hearth.base + "/notes/direct-1", StaffNote.Visibility.DIRECT)));
    assertEquals(Set.of("https://friend.example/users/e/inbox"), inboxes(create));
    JsonNode n = body(create).get("object");
    assertFalse(n.toString().contains("#Public"), "not public");
    assertFalse(n.toString().contains("/followers"), "not to her followers");
    assertFalse(hearth.sql("SELECT public FROM activities WHERE iri = $1", create).get(0).getBoolean(0),
        "not served to anyone who asks");
  }

  @Test
  void aDeletedNoteLeavesTheOutboxAndItsFollowersGetATombstone() throws Exception {
    String noteId = hearth.base + "/notes/deleted-1";
    send(StaffActivity.note(StaffActivity.Verb.CREATE, note(noteId, StaffNote.Visibility.UNLISTED)));
    long listed = persons.outboxCount(zoe.accountId()).await();
    String update = send(StaffActivity.note(StaffActivity.Verb.UPDATE, note(noteId, StaffNote.Visibility.UNLISTED)));
    assertEquals("Update", body(update).get("type").asText());
    String delete = send(StaffActivity.note(StaffActivity.Verb.DELETE, note(noteId, StaffNote.Visibility.UNLISTED)));
    JsonNode d = body(delete);
    assertEquals("Delete", d.get("type").asText());
    assertEquals("Tombstone", d.get("object").get("type").asText());
    assertEquals(noteId, d.get("object").get("id").asText());
    assertTrue(inboxes(delete).contains("https://masto.example/inbox"));
    assertEquals(listed - 1, persons.outboxCount(zoe.accountId()).await(), "its Create left the outbox");
  }

  @Test
  void aPostZoeWritesAsHerselfInTheCommunityReachesHerOwnFollowersSignedAsHer() throws Exception {
    assertEquals(200, hearth.admin("PUT", "/api/v1/admin/communities/choir/staff/zoe", "{\"role\":\"moderator\"}",
        TestHearth.ADMIN_TOKEN).statusCode());
    var created = hearth.admin("POST", "/api/v1/admin/communities/choir/posts",
        "{\"content\":\"Sopranos: bring the new score\",\"as\":\"zoe\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(201, created.statusCode(), created.body());
    JsonNode post = social.hearth.federation.vocab.JsonLimits.MAPPER.readTree(created.body());
    String note = post.get("id").asText();
    var create = hearth.sql("SELECT id, iri, account_id, in_outbox, body::text FROM activities WHERE type = 'Create' "
        + "AND object_id = $1 AND body->>'actor' = $2", note, person);
    assertEquals(1, create.size(), "one Create by her Person, the one the community re-shares");
    assertEquals(zoe.accountId(), create.get(0).getLong(2), "signed with her key");
    assertTrue(create.get(0).getBoolean(3), "listed in her outbox");
    assertTrue(create.get(0).getString(4).contains(person + "/followers"), "addressed to her followers");
    Set<String> inboxes = new TreeSet<>();
    hearth.sql("SELECT inbox FROM deliveries WHERE activity_id = $1", create.get(0).getLong(0))
        .forEach(r -> inboxes.add(r.getString(0)));
    assertEquals(Set.of("https://masto.example/inbox", "https://solo.example/users/c/inbox"), inboxes,
        "each follower's inbox once (shared inbox when there is one), never a gone account's");

    assertEquals(204, hearth.admin("DELETE", "/api/v1/admin/communities/choir/posts/"
        + post.get("key").asText(), null, TestHearth.ADMIN_TOKEN).statusCode());
    var delete = hearth.sql("SELECT id, account_id FROM activities WHERE type = 'Delete' AND object_id = $1 "
        + "AND body->>'actor' = $2", note, person);
    assertEquals(zoe.accountId(), delete.get(0).getLong(1));
    assertEquals(2L, hearth.sql("SELECT count(*) FROM deliveries WHERE activity_id = $1", delete.get(0).getLong(0))
        .get(0).getLong(0), "her followers hear of the deletion");
    assertFalse(hearth.sql("SELECT in_outbox FROM activities WHERE id = $1", create.get(0).getLong(0)).get(0).getBoolean(0),
        "the deleted post's Create leaves her outbox");
  }
}
