package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * Every activity a community meets, from a Mastodon-like server (127.0.0.7) and a Lemmy-like, group-aware server
 * (127.0.0.6), each a fake that serves real signed actors and records what Hearth sends it.
 */
class FederationActivitiesTest {

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
    masto = FakeActorServer.start(hearth.vertx, "127.0.0.7");
    masto.nodeinfo("mastodon");
    lemmy = FakeActorServer.start(hearth.vertx, "127.0.0.6");
    lemmy.nodeinfo("lemmy");
    mia = masto.addPerson("mia");
    leo = lemmy.addPerson("leo");
    group = hearth.createCommunity("makers", "Makers");
    join(mia, group);
    join(leo, group);
    awaitSoftware("127.0.0.6", "lemmy");
    awaitSoftware("127.0.0.7", "mastodon");
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

  static FakeActorServer serverOf(SigningKey key) {
    return key.keyId().startsWith(masto.origin) ? masto : lemmy;
  }

  static void awaitSoftware(String host, String software) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      var rows = hearth.sql("SELECT software FROM hosts WHERE host LIKE $1", host + ":%");
      if (!rows.isEmpty() && software.equals(rows.get(0).getString(0))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("software of " + host + " not learned");
  }

  static String send(SigningKey key, String target, ObjectNode activity) throws Exception {
    return new Fediverse(hearth, serverOf(key)).send(key, target, activity);
  }

  static ObjectNode activity(SigningKey key, String type, Object object) {
    return Fediverse.activity(key, type, object);
  }

  static void join(SigningKey key, String community) throws Exception {
    send(key, community + "/inbox", activity(key, "Follow", community));
  }

  /** A public note by the author addressed to the community, served at its id by the author's server. */
  static ObjectNode note(SigningKey author, String content, String inReplyTo, boolean mentionGroup) {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author)).put("content", content);
    n.putArray("to").add(PUBLIC);
    var cc = n.putArray("cc").add(actor(author) + "/followers");
    if (mentionGroup) {
      cc.add(group);
      n.putArray("tag").addObject().put("type", "Mention").put("href", group).put("name", "@makers");
    }
    if (inReplyTo != null) {
      n.put("inReplyTo", inReplyTo);
    }
    serverOf(author).serve(id.substring(serverOf(author).origin.length()), n.toString());
    return n;
  }

  static String postNote(SigningKey author, ObjectNode note) throws Exception {
    ObjectNode create = activity(author, "Create", note);
    create.set("to", note.get("to"));
    create.set("cc", note.get("cc"));
    send(author, hearth.base + "/inbox", create);
    return create.get("id").asText();
  }

  static FakeActorServer.Received awaitAt(FakeActorServer server, String type, String mustContain) throws Exception {
    return server.awaitPost(p -> type.equals(typeOf(p)) && p.body().contains(mustContain));
  }

  static String typeOf(FakeActorServer.Received p) {
    try {
      return TestHearth.JSON.readTree(p.body()).path("type").asText();
    } catch (Exception e) {
      return null;
    }
  }

  /** True when the POST is a plain Announce of the IRI (object is the IRI itself). */
  static boolean plainAnnounceOf(FakeActorServer.Received p, String iri) {
    try {
      JsonNode json = TestHearth.JSON.readTree(p.body());
      return "Announce".equals(json.path("type").asText()) && iri.equals(json.path("object").asText(null));
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aMemberPostIsAnnouncedPlainToMastodonAndWrappedToGroupAwareServers() throws Exception {
    ObjectNode n = note(mia, "<p>my new loom</p>", null, true);
    String createId = postNote(mia, n);
    String noteId = n.get("id").asText();

    JsonNode plain = TestHearth.JSON.readTree(awaitAt(masto, "Announce", noteId).body());
    assertEquals(noteId, plain.get("object").asText(), "Mastodon gets Announce of the post IRI");
    assertEquals(group, plain.get("audience").asText());
    assertEquals(PUBLIC, plain.get("to").get(0).asText());

    JsonNode wrapped = TestHearth.JSON.readTree(awaitAt(lemmy, "Announce", createId).body());
    assertEquals("Create", wrapped.get("object").get("type").asText(), "Lemmy gets the Create wrapped verbatim");
    assertEquals(createId, wrapped.get("object").get("id").asText());
    assertEquals(noteId, wrapped.get("object").get("object").get("id").asText());
    assertEquals(group, wrapped.get("audience").asText());
    assertTrue(masto.postsTo("/inbox").stream().noneMatch(p -> p.body().contains(createId)), "Mastodon never gets the wrapped form");
    assertTrue(lemmy.postsTo("/inbox").stream().noneMatch(p -> plainAnnounceOf(p, noteId)), "Lemmy never gets the plain form");
  }

  @Test
  void aReplyToAReSharedPostIsReSharedEvenWithoutMentioningTheCommunity() throws Exception {
    ObjectNode parent = note(mia, "<p>what should I weave next?</p>", null, true);
    postNote(mia, parent);
    ObjectNode reply = note(leo, "<p>a scarf!</p>", parent.get("id").asText(), false);
    postNote(leo, reply);
    assertEquals(1, hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", reply.get("id").asText()).get(0).getLong(0));
    awaitAt(masto, "Announce", reply.get("id").asText());
  }

  @Test
  void anUpdateOfAPostIsStoredAndForwardedToGroupAwareServers() throws Exception {
    ObjectNode n = note(leo, "<p>first draft</p>", null, true);
    postNote(leo, n);
    ObjectNode edited = n.deepCopy().put("content", "<p>second draft</p>");
    lemmy.serve(n.get("id").asText().substring(lemmy.origin.length()), edited.toString());
    String updateId = send(leo, hearth.base + "/inbox", activity(leo, "Update", edited));
    assertEquals("<p>second draft</p>", hearth.sql("SELECT content FROM posts WHERE object_id = $1",
        n.get("id").asText()).get(0).getString(0));
    JsonNode wrapped = TestHearth.JSON.readTree(awaitAt(lemmy, "Announce", updateId).body());
    assertEquals("Update", wrapped.get("object").get("type").asText());
  }

  @Test
  void theAuthorsDeleteLeavesATombstoneUndoesTheAnnounceAndForwardsTheDelete() throws Exception {
    ObjectNode n = note(mia, "<p>oops</p>", null, true);
    postNote(mia, n);
    String noteId = n.get("id").asText();
    JsonNode announce = TestHearth.JSON.readTree(awaitAt(masto, "Announce", noteId).body());
    ObjectNode tombstone = TestHearth.JSON.createObjectNode().put("id", noteId).put("type", "Tombstone");
    String deleteId = send(mia, hearth.base + "/inbox", activity(mia, "Delete", tombstone));

    var row = hearth.sql("SELECT content, deleted_at IS NOT NULL, object->>'type' FROM posts WHERE object_id = $1", noteId).get(0);
    assertEquals(null, row.getString(0), "no content is kept");
    assertTrue(row.getBoolean(1));
    assertEquals("Tombstone", row.getString(2));
    JsonNode undo = TestHearth.JSON.readTree(awaitAt(masto, "Undo", announce.get("id").asText()).body());
    assertEquals(announce.get("id").asText(), undo.get("object").get("id").asText());
    JsonNode forwarded = TestHearth.JSON.readTree(awaitAt(lemmy, "Announce", deleteId).body());
    assertEquals("Delete", forwarded.get("object").get("type").asText());
    JsonNode outbox = hearth.getJson(hearth.getJson(group + "/outbox").get("first").asText());
    assertFalse(outbox.toString().contains(announce.get("id").asText()), "the re-share left the outbox");
  }

  @Test
  void aDeleteOfSomeoneElsesPostIsRefused() throws Exception {
    ObjectNode n = note(leo, "<p>mine</p>", null, true);
    postNote(leo, n);
    ObjectNode forged = activity(mia, "Delete", n.get("id").asText());
    HttpResponse<String> r = Signed.post(hearth.http, mia, hearth.base + "/inbox", forged.toString());
    assertEquals(403, r.statusCode(), r.body());
    assertFalse(hearth.sql("SELECT deleted_at IS NULL FROM posts WHERE object_id = $1", n.get("id").asText()).get(0).getBoolean(0) == false);
  }

  @Test
  void anUpdateOfAPostByAnotherServerIsRefused() throws Exception {
    ObjectNode n = note(leo, "<p>original</p>", null, true);
    postNote(leo, n);
    ObjectNode hijack = n.deepCopy().put("content", "<p>hijacked</p>");
    HttpResponse<String> r = Signed.post(hearth.http, mia, hearth.base + "/inbox", activity(mia, "Update", hijack).toString());
    assertEquals(403, r.statusCode(), r.body());
  }

  @Test
  void aRemoteServerCannotCreateAnObjectOnThisServer() throws Exception {
    ObjectNode n = note(mia, "<p>fake</p>", null, true);
    n.put("id", hearth.base + "/c/makers/posts/1");
    HttpResponse<String> r = Signed.post(hearth.http, mia, hearth.base + "/inbox", activity(mia, "Create", n).toString());
    assertEquals(403, r.statusCode(), r.body());
  }

  @Test
  void aPostEmbeddedByAnotherServerIsNeitherTrustedNorReShared() throws Exception {
    ObjectNode real = note(leo, "<p>the real text</p>", null, true);
    ObjectNode lie = real.deepCopy().put("content", "<p>a forged text</p>");
    // mia's server relays a copy of leo's post: the copy is not trusted, the post is fetched from leo's
    // server, and since mia is not its author it is not re-shared on her word
    send(mia, hearth.base + "/inbox", activity(mia, "Create", lie));
    assertTrue(hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", real.get("id").asText()).isEmpty());
    postNote(leo, real);
    assertEquals("<p>the real text</p>", hearth.sql("SELECT content FROM posts WHERE object_id = $1",
        real.get("id").asText()).get(0).getString(0));
  }

  @Test
  void aLikeIsAnnouncedToGroupAwareServersAndItsUndoToo() throws Exception {
    ObjectNode n = note(mia, "<p>like me</p>", null, true);
    postNote(mia, n);
    String likeId = send(leo, hearth.base + "/inbox", activity(leo, "Like", n.get("id").asText()));
    JsonNode wrapped = TestHearth.JSON.readTree(awaitAt(lemmy, "Announce", likeId).body());
    assertEquals("Like", wrapped.get("object").get("type").asText());
    ObjectNode like = TestHearth.JSON.createObjectNode().put("id", likeId).put("type", "Like")
        .put("actor", actor(leo)).put("object", n.get("id").asText());
    String undoId = send(leo, hearth.base + "/inbox", activity(leo, "Undo", like));
    awaitAt(lemmy, "Announce", undoId);
    assertTrue(hearth.sql("SELECT 1 FROM likes WHERE like_id = $1", likeId).isEmpty());
  }

  @Test
  void likesAreNotAnnouncedWhenTheCommunityTurnsThatOff() throws Exception {
    String quiet = hearth.createCommunity("quiet-makers", "Quiet makers");
    assertEquals(200, hearth.admin("PATCH", "/api/v1/admin/communities/quiet-makers", "{\"announceLikes\":false}",
        TestHearth.ADMIN_TOKEN).statusCode());
    join(leo, quiet);
    join(mia, quiet);
    ObjectNode n = note(mia, "<p>quiet post</p>", null, false);
    n.withArray("cc").add(quiet);
    postNote(mia, n);
    String likeId = send(leo, hearth.base + "/inbox", activity(leo, "Like", n.get("id").asText()));
    Thread.sleep(300);
    assertTrue(lemmy.received.stream().noneMatch(p -> p.body().contains(likeId)));
  }

  @Test
  void aFlagBecomesAReportForTheCommunity() throws Exception {
    ObjectNode n = note(leo, "<p>spam spam</p>", null, true);
    postNote(leo, n);
    ObjectNode flag = activity(mia, "Flag", TestHearth.JSON.createArrayNode().add(actor(leo)).add(n.get("id").asText()));
    flag.put("content", "this is spam");
    String flagId = send(mia, hearth.base + "/inbox", flag);
    var report = hearth.sql("SELECT reporter_id, comment, accounts, objects, community_id IS NOT NULL FROM reports WHERE flag_id = $1", flagId).get(0);
    assertEquals(actor(mia), report.getString(0));
    assertEquals("this is spam", report.getString(1));
    assertEquals(List.of(actor(leo)), List.of(report.getArrayOfStrings(2)));
    assertEquals(List.of(n.get("id").asText()), List.of(report.getArrayOfStrings(3)));
    assertTrue(report.getBoolean(4));
  }

  @Test
  void anUpdateOfAnActorIsTrustedOnlyAfterRefetchingIt() throws Exception {
    SigningKey kim = masto.addPerson("kim");
    join(kim, group);
    ObjectNode claimed = TestHearth.JSON.readTree("{}").deepCopy();
    claimed.put("id", actor(kim)).put("type", "Person").put("inbox", actor(kim) + "/inbox");
    claimed.putObject("publicKey").put("id", kim.keyId()).put("owner", actor(kim)).put("publicKeyPem", "-----BEGIN PUBLIC KEY-----\nforged\n-----END PUBLIC KEY-----");
    SigningKey rotated = masto.addPerson("kim"); // the origin now serves a new key
    send(kim, hearth.base + "/inbox", activity(kim, "Update", claimed));
    String stored = hearth.sql("SELECT public_key_pem FROM remote_actors WHERE id = $1", actor(kim)).get(0).getString(0);
    assertFalse(stored.contains("forged"), "the embedded key was not taken");
    String served = hearth.getJsonFrom(masto.origin + "/users/kim").get("publicKey").get("publicKeyPem").asText();
    assertEquals(served, stored, "the key is the one the origin serves");
    join(rotated, group); // and requests signed with the new key verify
  }

  @Test
  void aMoveConfirmedByAlsoKnownAsCarriesTheMembershipAndAnUnconfirmedOneDoesNot() throws Exception {
    SigningKey old = masto.addPerson("oldname");
    join(old, group);
    lemmy.addPerson("newname", List.of(actor(old)));
    ObjectNode move = activity(old, "Move", actor(old));
    move.put("target", lemmy.origin + "/users/newname");
    send(old, hearth.base + "/inbox", move);
    assertTrue(hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", actor(old)).isEmpty());
    assertEquals(1, hearth.sql("SELECT count(*) FROM members WHERE actor_id = $1", lemmy.origin + "/users/newname").get(0).getLong(0));

    SigningKey stays = masto.addPerson("stays");
    join(stays, group);
    lemmy.addPerson("impostor");
    ObjectNode bogus = activity(stays, "Move", actor(stays));
    bogus.put("target", lemmy.origin + "/users/impostor");
    send(stays, hearth.base + "/inbox", bogus);
    assertEquals(1, hearth.sql("SELECT count(*) FROM members WHERE actor_id = $1", actor(stays)).get(0).getLong(0));
  }

  @Test
  void aDeletedAccountLeavesEveryCommunityAndItsPostsBecomeTombstones() throws Exception {
    SigningKey gone = masto.addPerson("gone");
    join(gone, group);
    ObjectNode n = note(gone, "<p>bye</p>", null, true);
    postNote(gone, n);
    masto.remove("/users/gone");
    send(gone, hearth.base + "/inbox", activity(gone, "Delete", actor(gone)));
    assertTrue(hearth.sql("SELECT 1 FROM members WHERE actor_id = $1", actor(gone)).isEmpty());
    assertTrue(hearth.sql("SELECT deleted_at IS NOT NULL FROM posts WHERE object_id = $1", n.get("id").asText()).get(0).getBoolean(0));
  }

  @Test
  void aWrappedCreateFromAnotherGroupIsReSharedAfterFetchingThePost() throws Exception {
    SigningKey otherGroup = lemmy.addPerson("othergroup");
    ObjectNode n = note(leo, "<p>cross-posted</p>", null, true);
    ObjectNode create = activity(leo, "Create", n);
    ObjectNode announce = activity(otherGroup, "Announce", create);
    send(otherGroup, hearth.base + "/inbox", announce);
    awaitAt(masto, "Announce", n.get("id").asText());
  }

  @Test
  void pinnedPostsFormTheFeaturedCollectionAndMembersAreToldWithAdd() throws Exception {
    ObjectNode n = note(mia, "<p>rules of the house</p>", null, true);
    postNote(mia, n);
    String noteId = n.get("id").asText();
    HttpResponse<String> pin = hearth.admin("POST", "/api/v1/admin/communities/makers/featured",
        "{\"object\":\"" + noteId + "\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(201, pin.statusCode(), pin.body());
    JsonNode featured = hearth.getJson(group + "/featured");
    assertTrue(featured.get("orderedItems").toString().contains(noteId));
    JsonNode add = TestHearth.JSON.readTree(awaitAt(masto, "Add", noteId).body());
    assertEquals(group + "/featured", add.get("target").asText());
    assertEquals(404, hearth.admin("POST", "/api/v1/admin/communities/makers/featured",
        "{\"object\":\"https://elsewhere.example/notes/1\"}", TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(204, hearth.admin("DELETE", "/api/v1/admin/communities/makers/featured?object=" + noteId, null,
        TestHearth.ADMIN_TOKEN).statusCode());
    awaitAt(masto, "Remove", noteId);
  }

  @Test
  void aCommunityCanHideItsMembersAndShowOnlyTheirNumber() throws Exception {
    String hidden = hearth.createCommunity("private-makers", "Private makers");
    join(mia, hidden);
    assertEquals(200, hearth.admin("PATCH", "/api/v1/admin/communities/private-makers", "{\"hideFollowers\":true}",
        TestHearth.ADMIN_TOKEN).statusCode());
    JsonNode followers = hearth.getJson(hidden + "/followers");
    assertEquals(1, followers.get("totalItems").asInt());
    assertFalse(followers.has("first"));
    assertEquals(403, hearth.get(hidden + "/followers?page=1", "application/activity+json").statusCode());
    awaitAt(masto, "Update", hidden + "/followers");
  }

  @Test
  void oneSharedInboxGetsOneDeliveryHoweverManyMembersItServes() throws Exception {
    SigningKey second = masto.addPerson("second");
    join(second, group);
    ObjectNode n = note(leo, "<p>count my deliveries</p>", null, true);
    postNote(leo, n);
    awaitAt(masto, "Announce", n.get("id").asText());
    Thread.sleep(200);
    assertEquals(1, masto.postsTo("/inbox").stream().filter(p -> p.body().contains(n.get("id").asText())).count());
  }
}
