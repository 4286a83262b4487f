package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Staff are people on the fediverse: each staff account is a Person at /u/{username} with its own keys, found by
 * WebFinger, with a public page for browsers, listed as a moderator of its communities, followed like anyone, and
 * reached by replies and mentions (and by nothing else).
 */
class StaffPersonsTest {

  static final String PASSWORD = "correct horse battery";
  static TestHearth hearth;
  static FakeActorServer remote;
  static Fediverse fediverse;
  static String mira;
  static String authority;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.81");
    fediverse = new Fediverse(hearth, remote);
    hearth.createCommunity("garden", "Community Garden");
    account("mira", "owner");
    account("olek", "moderator");
    account("quiet", null);
    mira = hearth.base + "/u/mira";
    authority = URI.create(hearth.base).getAuthority();
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  static void account(String username, String role) throws Exception {
    fediverse.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", 201);
    if (role != null) {
      fediverse.admin("PUT", "/api/v1/admin/communities/garden/staff/" + username, "{\"role\":\"" + role + "\"}", 200);
    }
  }

  @Test
  void aStaffMemberIsFoundByWebFingerAsAPersonWithHerOwnKeysInboxOutboxAndFollowers() throws Exception {
    assertNull(hearth.sql("SELECT public_key FROM accounts WHERE username = 'quiet'").get(0).getString(0),
        "an account has no keys until it is first needed");
    JsonNode jrd = hearth.getJsonFrom(hearth.base + "/.well-known/webfinger?resource="
        + URLEncoder.encode("acct:quiet@" + authority, StandardCharsets.UTF_8));
    String quiet = hearth.base + "/u/quiet";
    assertEquals("acct:quiet@" + authority, jrd.get("subject").asText());
    JsonNode self = null;
    for (JsonNode link : jrd.get("links")) {
      if (link.get("rel").asText().equals("self")) {
        self = link;
      }
    }
    assertNotNull(self);
    assertEquals("application/activity+json", self.get("type").asText());
    assertEquals(quiet, self.get("href").asText());
    assertEquals("acct:quiet@" + authority, hearth.getJsonFrom(hearth.base + "/.well-known/webfinger?resource="
        + URLEncoder.encode(quiet, StandardCharsets.UTF_8)).get("subject").asText(), "the actor URL resolves too");
    assertEquals(404, hearth.get(hearth.base + "/.well-known/webfinger?resource=acct:nobody@" + authority,
        "application/jrd+json").statusCode());

    HttpResponse<String> r = hearth.get(quiet, "application/activity+json");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/activity+json"));
    JsonNode doc = TestHearth.JSON.readTree(r.body());
    assertEquals(quiet, doc.get("id").asText());
    assertEquals("Person", doc.get("type").asText());
    assertEquals("quiet", doc.get("preferredUsername").asText());
    assertEquals(quiet + "/inbox", doc.get("inbox").asText());
    assertEquals(quiet + "/outbox", doc.get("outbox").asText());
    assertEquals(quiet + "/followers", doc.get("followers").asText());
    assertEquals(hearth.base + "/inbox", doc.get("endpoints").get("sharedInbox").asText());
    assertEquals(quiet + "#main-key", doc.get("publicKey").get("id").asText());
    assertEquals(quiet, doc.get("publicKey").get("owner").asText());
    String pem = doc.get("publicKey").get("publicKeyPem").asText();
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
    assertEquals("Multikey", doc.get("assertionMethod").get(0).get("type").asText());
    assertEquals(pem, hearth.sql("SELECT public_key FROM accounts WHERE username = 'quiet'").get(0).getString(0),
        "the keys were made on the first request and kept");
    assertEquals(pem, hearth.getJson(quiet).get("publicKey").get("publicKeyPem").asText(), "the same key every time");

    JsonNode followers = hearth.getJson(quiet + "/followers");
    assertEquals("OrderedCollection", followers.get("type").asText());
    assertEquals(0, followers.get("totalItems").asInt());
    assertFalse(followers.has("first"), "only the count is shown");
    assertEquals(0, hearth.getJson(quiet + "/outbox").get("totalItems").asInt());
    assertEquals(404, hearth.get(hearth.base + "/u/nobody", "application/activity+json").statusCode());
  }

  @Test
  void browsersGetTheStaffMembersPublicPageAtTheSameIri() throws Exception {
    HttpResponse<String> page = hearth.get(hearth.base + "/u/olek", "text/html");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    assertTrue(page.headers().allValues("vary").toString().contains("Accept"));
    String body = page.body();
    assertTrue(body.contains("@olek@" + authority), "the handle to follow");
    assertTrue(body.contains("Community Garden") && body.contains("/c/garden"), "the communities they moderate");
    assertTrue(body.contains("Moderator"));
    assertTrue(body.contains("rel=\"alternate\" type=\"application/activity+json\" href=\"" + hearth.base + "/u/olek\""));
    assertEquals(404, hearth.get(hearth.base + "/u/nobody", "text/html").statusCode());
  }

  @Test
  void theModeratorsCollectionListsTheStaffPersons() throws Exception {
    JsonNode group = hearth.getJson(hearth.base + "/c/garden");
    JsonNode mods = hearth.getJson(group.get("attributedTo").asText());
    List<String> items = new ArrayList<>();
    mods.get("orderedItems").forEach(i -> items.add(i.asText()));
    assertEquals(List.of(hearth.base + "/u/mira", hearth.base + "/u/olek"), items, "the owner and the moderator, as Persons");
    assertEquals(2, mods.get("totalItems").asInt());
  }

  @Test
  void aNameIsACommunitysOrAStaffAccountsNeverBoth() throws Exception {
    HttpResponse<String> r = hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"garden\",\"password\":\""
        + PASSWORD + "\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(409, r.statusCode(), r.body());
    assertTrue(r.body().contains("name of a community"), r.body());
    assertTrue(hearth.sql("SELECT 1 FROM accounts WHERE username = 'garden'").isEmpty());
    try {
      hearth.sql("INSERT INTO accounts (username, password_hash) VALUES ('garden', 'x')");
      throw new AssertionError("the database took an account named like a community");
    } catch (RuntimeException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("community"), String.valueOf(e.getMessage()));
    }
    assertEquals(hearth.base + "/c/garden", hearth.getJsonFrom(hearth.base + "/.well-known/webfinger?resource=acct:garden@"
        + authority).get("links").get(0).get("href").asText(), "@garden stays the community");
  }

  @Test
  void aFollowIsAcceptedWithThePersonsKeyProfileEditsReachTheFollowerAndAnUndoEndsIt() throws Exception {
    SigningKey ana = remote.addPerson("ana");
    String followId = fediverse.send(ana, mira + "/inbox", Fediverse.activity(ana, "Follow", mira));
    JsonNode accept = fediverse.awaitFor(ana, "Accept", a -> a.path("object").path("id").asText().equals(followId));
    assertEquals(mira, accept.get("actor").asText(), "the Person answers");
    FakeActorServer.Received post = remote.awaitPost(p -> p.body().contains("\"Accept\""));
    String signature = post.headers().get("signature-input") != null ? post.headers().get("signature-input")
        : post.headers().get("signature");
    assertTrue(signature.contains(mira + "#main-key"), "signed with the Person's key: " + signature);
    assertEquals(1, hearth.getJson(mira + "/followers").get("totalItems").asInt());

    StaffWeb web = StaffWeb.signIn(hearth, "mira", PASSWORD);
    byte[] png = png();
    HttpResponse<String> saved = web.multipart("/staff/profile", Map.of("_csrf", web.csrf(), "displayName", "Mira Okafor",
        "bio", "I keep the **tomatoes** alive.", "alt", "Mira in a straw hat"), "avatar", "me.png", png);
    assertEquals(303, saved.statusCode(), saved.body());
    JsonNode update = fediverse.await("Update", u -> u.path("object").path("name").asText().equals("Mira Okafor"));
    assertEquals(mira, update.get("actor").asText());
    assertEquals(mira + "/followers", update.get("cc").get(0).asText());

    JsonNode doc = hearth.getJson(mira);
    assertEquals("Mira Okafor", doc.get("name").asText());
    assertTrue(doc.get("summary").asText().contains("<strong>tomatoes</strong>"), doc.get("summary").asText());
    assertEquals("Mira in a straw hat", doc.get("icon").get("name").asText());
    HttpResponse<String> avatar = hearth.get(doc.get("icon").get("url").asText(), "image/*");
    assertEquals(200, avatar.statusCode());
    assertEquals("image/png", avatar.headers().firstValue("content-type").orElse(""));
    assertEquals("nosniff", avatar.headers().firstValue("x-content-type-options").orElse(""));
    String page = hearth.get(mira, "text/html").body();
    assertTrue(page.contains("Mira Okafor") && page.contains("<strong>tomatoes</strong>")
        && page.contains("alt=\"Mira in a straw hat\""), page);

    ObjectNode inner = TestHearth.JSON.createObjectNode().put("id", followId).put("type", "Follow")
        .put("actor", Fediverse.actor(ana)).put("object", mira);
    fediverse.send(ana, mira + "/inbox", Fediverse.activity(ana, "Undo", inner));
    assertEquals(0, hearth.getJson(mira + "/followers").get("totalItems").asInt(), "the Undo ended the follow");
  }

  @Test
  void theProfileFormShowsEachProblemNextToItsFieldAndSavesNothing() throws Exception {
    StaffWeb web = StaffWeb.signIn(hearth, "olek", PASSWORD);
    HttpResponse<String> r = web.multipart("/staff/profile", Map.of("_csrf", web.csrf(), "displayName", "O".repeat(101),
        "bio", "fine", "alt", "a".repeat(1501)), "avatar", "evil.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.statusCode());
    String body = r.body();
    assertTrue(body.contains("id=\"displayName-error\"") && body.contains("The display name is one line of at most 100"), body);
    assertTrue(body.contains("id=\"alt-error\"") && body.contains("The description is at most 1,500 characters."));
    assertTrue(body.contains("id=\"avatar-error\"") && body.contains("Upload a PNG, JPEG, GIF or WebP image."));
    assertFalse(body.contains("id=\"bio-error\""), "the bio was fine");
    assertTrue(body.contains("aria-invalid=\"true\""));
    assertTrue(body.contains("value=\"" + "O".repeat(101) + "\""), "what was typed is kept");
    assertEquals("", hearth.sql("SELECT display_name FROM accounts WHERE username = 'olek'").get(0).getString(0));
    assertTrue(hearth.sql("SELECT 1 FROM account_avatars a JOIN accounts u ON u.id = a.account_id "
        + "WHERE u.username = 'olek'").isEmpty(), "nothing was saved");
  }

  @Test
  void repliesAndMentionsReachTheStaffInboxAndNothingElseIsKept() throws Exception {
    SigningKey bea = remote.addPerson("bea");
    // a mention through the shared inbox, naming only her
    ObjectNode mention = note(bea, "<p>@mira the hose is leaking</p><script>alert(1)</script>", List.of(mira));
    fediverse.send(bea, hearth.base + "/inbox", Fediverse.activity(bea, "Create", mention));
    // a reply to a note she wrote, without naming her
    String herNote = hearth.base + "/notes/" + UUID.randomUUID();
    hearth.sql("INSERT INTO activities (iri, account_id, type, object_id, body) SELECT $1, id, 'Create', $2, '{}' "
        + "FROM accounts WHERE username = 'mira'", hearth.base + "/activities/" + UUID.randomUUID(), herNote);
    ObjectNode reply = note(bea, "<p>thanks for the seeds</p>", List.of());
    reply.put("inReplyTo", herNote);
    fediverse.send(bea, hearth.base + "/inbox", Fediverse.activity(bea, "Create", reply));
    // sent to her own inbox without naming her: acknowledged, not kept
    ObjectNode unrelated = note(bea, "<p>my own diary</p>", List.of());
    fediverse.send(bea, mira + "/inbox", Fediverse.activity(bea, "Create", unrelated));
    // no timeline: a like or a boost sent to her inbox is not even stored
    ObjectNode like = Fediverse.activity(bea, "Like", hearth.base + "/c/garden");
    assertEquals(202, Signed.post(hearth.http, bea, mira + "/inbox", like.toString()).statusCode());
    assertTrue(hearth.sql("SELECT 1 FROM inbox WHERE activity_id = $1", like.get("id").asText()).isEmpty());

    List<String> kept = new ArrayList<>();
    hearth.sql("SELECT s.object_id FROM staff_mentions s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'mira' "
        + "ORDER BY s.id").forEach(row -> kept.add(row.getString(0)));
    assertEquals(List.of(mention.get("id").asText(), reply.get("id").asText()), kept);
    assertTrue(hearth.sql("SELECT 1 FROM posts WHERE object_id = $1", unrelated.get("id").asText()).isEmpty());

    StaffWeb web = StaffWeb.signIn(hearth, "mira", PASSWORD);
    assertTrue(web.get("/staff").body().contains("<span class=\"badge hot\">2<"), "two unread in the navigation");
    String inbox = web.get("/staff/inbox").body();
    assertTrue(inbox.contains("the hose is leaking") && inbox.contains("thanks for the seeds"), inbox);
    assertFalse(inbox.contains("my own diary"));
    assertFalse(inbox.contains("<script>alert(1)"), "sanitised once when stored");
    assertFalse(web.get("/staff").body().contains("badge hot"), "read once she opened it");

    // the author deletes the reply: it leaves her inbox
    fediverse.send(bea, hearth.base + "/inbox", Fediverse.activity(bea, "Delete", reply.get("id").asText()));
    assertFalse(web.get("/staff/inbox").body().contains("thanks for the seeds"));
  }

  /** A public note by {@code author}, naming (to cc and a Mention) each of {@code named}, served at its id. */
  static ObjectNode note(SigningKey author, String html, List<String> named) {
    String id = Fediverse.actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", Fediverse.actor(author)).put("content", html);
    n.putArray("to").add(Fediverse.PUBLIC);
    var cc = n.putArray("cc");
    var tags = n.putArray("tag");
    for (String iri : named) {
      cc.add(iri);
      tags.addObject().put("type", "Mention").put("href", iri);
    }
    remote.serve(id.substring(remote.origin.length()), n.toString());
    return n;
  }

  static byte[] png() throws java.io.IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
