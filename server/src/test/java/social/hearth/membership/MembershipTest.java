package social.hearth.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.http.WebhookApi;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/** Who may join and post, and everything that happens to a membership, seen from the members' servers. */
class MembershipTest {

  static final String PUBLIC = Fediverse.PUBLIC;
  static TestHearth hearth;
  static FakeActorServer remote;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.13");
    fed = new Fediverse(hearth, remote);
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  // ------------------------------------------------------------------ helpers (see Fediverse)

  static Fediverse fed;

  static String actor(SigningKey key) {
    return Fediverse.actor(key);
  }

  static String community(String slug, String settingsJson) throws Exception {
    String iri = hearth.createCommunity(slug, slug);
    if (settingsJson != null) {
      admin("PATCH", "/api/v1/admin/communities/" + slug, settingsJson, 200);
    }
    return iri;
  }

  static JsonNode admin(String method, String path, String body, int expected) throws Exception {
    return fed.admin(method, path, body, expected);
  }

  static String send(SigningKey key, String inbox, ObjectNode activity) throws Exception {
    return fed.send(key, inbox, activity);
  }

  static ObjectNode activity(SigningKey key, String type, Object object) {
    return Fediverse.activity(key, type, object);
  }

  static String follow(SigningKey key, String group) throws Exception {
    return fed.follow(key, group);
  }

  static ObjectNode note(SigningKey author, String group, String content, boolean direct, String inReplyTo) {
    return fed.note(author, group, content, direct, inReplyTo);
  }

  static String hearthInbox() {
    return fed.inbox();
  }

  static List<JsonNode> got(SigningKey key, String type) {
    return fed.got(key, type);
  }

  static JsonNode awaitGot(SigningKey key, String type, java.util.function.Predicate<JsonNode> match) throws Exception {
    return fed.awaitFor(key, type, match);
  }

  static JsonNode dm(SigningKey key, String containing) throws Exception {
    return fed.awaitFor(key, "Create", j -> j.path("object").path("content").asText().contains(containing));
  }

  static String state(String slug, SigningKey key) {
    var rows = hearth.sql("SELECT m.state FROM members m JOIN communities c ON c.id = m.community_id "
        + "WHERE c.slug = $1 AND m.actor_id = $2", slug, actor(key));
    return rows.isEmpty() ? "none" : rows.get(0).getString(0);
  }

  static boolean reshared(String noteId) {
    return fed.reshared(noteId);
  }

  // ------------------------------------------------------------------ joining

  @Test
  void anOpenCommunityWelcomesANewMemberWithItsRulesByDirectMessage() throws Exception {
    String g = community("open-house", "{\"welcomeMessage\":\"**Welcome!** Say hello in #intro.\"}");
    admin("PUT", "/api/v1/admin/communities/open-house/rules",
        "{\"rules\":[{\"text\":\"Be kind\",\"consequence\":\"a warning, then removal\"},{\"text\":\"No ads\"}]}", 200);
    SigningKey amy = remote.addPerson("amy");
    follow(amy, g);
    awaitGot(amy, "Accept", j -> true);
    JsonNode welcome = dm(amy, "Welcome!");
    JsonNode msg = welcome.get("object");
    assertTrue(msg.get("content").asText().contains("<strong>Welcome!</strong>"), "Markdown rendered");
    assertTrue(msg.get("content").asText().contains("Be kind (a warning, then removal)"), "rules with consequences");
    assertEquals(List.of(actor(amy)), List.of(msg.get("to").get(0).asText()));
    assertFalse(msg.toString().contains(PUBLIC), "a direct message, not public");
    assertEquals(g, msg.get("attributedTo").asText());
  }

  @Test
  void anApprovalCommunityAsksItsQuestionAndShowsTheAnswerWithTheRequest() throws Exception {
    String g = community("book-circle", "{\"joinPolicy\":\"approval\",\"joinQuestion\":\"Which book did you read last?\"}");
    assertTrue(hearth.getJson(g).get("manuallyApprovesFollowers").asBoolean(), "Mastodon shows the group as locked");
    SigningKey bo = remote.addPerson("bo");
    follow(bo, g);
    assertEquals("pending", state("book-circle", bo));
    assertTrue(got(bo, "Accept").isEmpty(), "no Accept while the request waits");
    JsonNode question = dm(bo, "Which book did you read last?");

    ObjectNode answer = note(bo, g, "<p><a href=\"" + g + "\">@book-circle</a> Piranesi, twice.</p>", true,
        question.get("object").get("id").asText());
    send(bo, hearthInbox(), activity(bo, "Create", answer));
    JsonNode pending = admin("GET", "/api/v1/admin/communities/book-circle/members?state=pending", null, 200);
    assertEquals("Piranesi, twice.", pending.get(0).get("answer").asText());

    admin("POST", "/api/v1/admin/communities/book-circle/members/approve", "{\"actor\":\"" + actor(bo) + "\"}", 200);
    awaitGot(bo, "Accept", j -> true);
    assertEquals("accepted", state("book-circle", bo));

    SigningKey cy = remote.addPerson("cy");
    follow(cy, g);
    admin("POST", "/api/v1/admin/communities/book-circle/members/reject", "{\"actor\":\"" + actor(cy) + "\"}", 200);
    awaitGot(cy, "Reject", j -> true);
    assertEquals("none", state("book-circle", cy));
  }

  @Test
  void anInviteCodeSentByDirectMessageLetsOnePersonInAndNotTwo() throws Exception {
    String g = community("inner-circle", "{\"joinPolicy\":\"invite\"}");
    JsonNode invite = admin("POST", "/api/v1/admin/communities/inner-circle/invites", "{\"maxUses\":1,\"grantDays\":30}", 200);
    String code = invite.get("code").asText();
    assertTrue(invite.get("link").asText().endsWith("/c/inner-circle/invite/" + code));

    SigningKey di = remote.addPerson("di");
    follow(di, g);
    assertEquals("pending", state("inner-circle", di), "without an invite a Follow waits");
    send(di, hearthInbox(), activity(di, "Create", note(di, g, "<p>@inner-circle my code is " + code + "</p>", true, null)));
    awaitGot(di, "Accept", j -> true);
    assertEquals("accepted", state("inner-circle", di));
    var expires = hearth.sql("SELECT expires_at FROM members WHERE actor_id = $1", actor(di)).get(0).getOffsetDateTime(0);
    assertTrue(expires.toInstant().isAfter(Instant.now().plus(29, ChronoUnit.DAYS)), "the invite grants 30 days");

    SigningKey ed = remote.addPerson("ed");
    follow(ed, g);
    send(ed, hearthInbox(), activity(ed, "Create", note(ed, g, "<p>" + code + "</p>", true, null)));
    dm(ed, "no longer valid");
    assertEquals("pending", state("inner-circle", ed), "a single-use invite works once");
  }

  @Test
  void aPreApprovedAccountIsAcceptedAsSoonAsItFollows() throws Exception {
    String g = community("guests", "{\"joinPolicy\":\"invite\"}");
    SigningKey fay = remote.addPerson("fay");
    admin("POST", "/api/v1/admin/communities/guests/preapproved", "{\"actor\":\"" + actor(fay) + "\"}", 200);
    follow(fay, g);
    awaitGot(fay, "Accept", j -> true);
    assertEquals("accepted", state("guests", fay));
  }

  @Test
  void aClosedCommunityRefusesNewMembersAndKeepsItsOldOnes() throws Exception {
    String g = community("archive", null);
    SigningKey gil = remote.addPerson("gil");
    follow(gil, g);
    admin("PATCH", "/api/v1/admin/communities/archive", "{\"joinPolicy\":\"closed\"}", 200);
    SigningKey hal = remote.addPerson("hal");
    follow(hal, g);
    awaitGot(hal, "Reject", j -> true);
    assertEquals("none", state("archive", hal));
    assertEquals("accepted", state("archive", gil));
  }

  // ------------------------------------------------------------------ posting

  @Test
  void anAnyoneCommunityReSharesPostsFromNonMembers() throws Exception {
    String g = community("open-mic", "{\"postingPolicy\":\"anyone\"}");
    SigningKey ivy = remote.addPerson("ivy");
    ObjectNode n = note(ivy, g, "<p>passing by</p>", false, null);
    send(ivy, hearthInbox(), activity(ivy, "Create", n));
    assertTrue(reshared(n.get("id").asText()));
  }

  @Test
  void anAnnouncementChannelReSharesOnlyModeratorsAndMembersReplies() throws Exception {
    String g = community("news", "{\"postingPolicy\":\"moderators\",\"membersMayReply\":true}");
    assertTrue(hearth.getJson(g).get("postingRestrictedToMods").asBoolean(), "Lemmy sees the restriction");
    SigningKey mod = remote.addPerson("jo");
    SigningKey member = remote.addPerson("kai");
    follow(mod, g);
    follow(member, g);
    admin("POST", "/api/v1/admin/communities/news/members/role", "{\"actor\":\"" + actor(mod) + "\",\"role\":\"moderator\"}", 200);
    assertEquals(actor(mod), hearth.getJson(g + "/moderators").get("orderedItems").get(0).asText());

    ObjectNode memberPost = note(member, g, "<p>my own news</p>", false, null);
    send(member, hearthInbox(), activity(member, "Create", memberPost));
    assertFalse(reshared(memberPost.get("id").asText()), "members cannot post in an announcement channel");
    ObjectNode announcement = note(mod, g, "<p>release day</p>", false, null);
    send(mod, hearthInbox(), activity(mod, "Create", announcement));
    assertTrue(reshared(announcement.get("id").asText()));
    ObjectNode reply = note(member, g, "<p>congrats!</p>", false, announcement.get("id").asText());
    send(member, hearthInbox(), activity(member, "Create", reply));
    assertTrue(reshared(reply.get("id").asText()), "members may reply when the community allows it");
  }

  // ------------------------------------------------------------------ removal and bans

  @Test
  void aRemovedMemberIsSentRejectAndTheHistoryRecordsIt() throws Exception {
    String g = community("tidy", null);
    SigningKey lu = remote.addPerson("lu");
    follow(lu, g);
    admin("POST", "/api/v1/admin/communities/tidy/members/remove", "{\"actor\":\"" + actor(lu) + "\",\"reason\":\"inactive\"}", 200);
    awaitGot(lu, "Reject", j -> true);
    assertEquals("none", state("tidy", lu));
    JsonNode history = admin("GET", "/api/v1/admin/communities/tidy/members/history?actor=" + actor(lu), null, 200);
    assertEquals("joined", history.get(0).get("type").asText());
    assertEquals("removed", history.get(1).get("type").asText());
    assertEquals("inactive", history.get(1).get("detail").asText());
  }

  @Test
  void aBannedAccountIsBlockedAndRefusedOnEveryPathUntilUnbanned() throws Exception {
    String g = community("strict", "{\"postingPolicy\":\"anyone\"}");
    SigningKey max = remote.addPerson("max");
    follow(max, g);
    String until = Instant.now().plus(10, ChronoUnit.DAYS).toString();
    admin("POST", "/api/v1/admin/communities/strict/members/ban",
        "{\"actor\":\"" + actor(max) + "\",\"reason\":\"spam\",\"until\":\"" + until + "\"}", 200);
    awaitGot(max, "Reject", j -> true);
    JsonNode block = awaitGot(max, "Block", j -> true);
    assertEquals(actor(max), block.get("object").asText());

    follow(max, g);
    assertEquals("none", state("strict", max), "a banned account cannot rejoin");
    ObjectNode post = note(max, g, "<p>buy now</p>", false, null);
    send(max, hearthInbox(), activity(max, "Create", post));
    assertFalse(reshared(post.get("id").asText()), "even in a community where anyone may post");

    admin("POST", "/api/v1/admin/communities/strict/members/unban", "{\"actor\":\"" + actor(max) + "\"}", 200);
    JsonNode undo = awaitGot(max, "Undo", j -> "Block".equals(j.path("object").path("type").asText()));
    assertEquals(block.get("id").asText(), undo.get("object").get("id").asText());
    follow(max, g);
    assertEquals("accepted", state("strict", max));
  }

  // ------------------------------------------------------------------ expiry and payments

  @Test
  void anExpiringMemberIsRemindedThenRemovedAtExpiry() throws Exception {
    String g = community("patrons", "{\"reminderDays\":7}");
    SigningKey ned = remote.addPerson("ned");
    follow(ned, g);
    String soon = Instant.now().plus(3, ChronoUnit.DAYS).toString();
    admin("POST", "/api/v1/admin/communities/patrons/members/expiry", "{\"actor\":\"" + actor(ned) + "\",\"expiresAt\":\"" + soon + "\"}", 200);
    hearth.hearth.maintenance().membershipPass().await();
    dm(ned, "ends on");
    hearth.sql("UPDATE members SET expires_at = now() - interval '1 minute' WHERE actor_id = $1", actor(ned));
    hearth.hearth.maintenance().membershipPass().await();
    awaitGot(ned, "Reject", j -> true);
    dm(ned, "has ended");
    assertEquals("none", state("patrons", ned));
  }

  static HttpResponse<String> webhook(String slug, String secret, String body, long timestamp, String delivery) throws Exception {
    String sig = "sha256=" + HexFormat.of().formatHex(WebhookApi.hmac(secret, String.valueOf(timestamp), body.getBytes(StandardCharsets.UTF_8)));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hearth.base + "/api/v1/hooks/communities/" + slug + "/membership"))
        .header("Content-Type", "application/json").header("X-Hearth-Timestamp", String.valueOf(timestamp))
        .header("X-Hearth-Signature", sig);
    if (delivery != null) {
      b.header("X-Hearth-Delivery", delivery);
    }
    return hearth.http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignedPaymentWebhookRenewsAMembershipOnceAndRefusesForgeries() throws Exception {
    String g = community("paid", "{\"joinPolicy\":\"invite\"}");
    String secret = admin("POST", "/api/v1/admin/communities/paid/webhook-secret", null, 200).get("secret").asText();
    SigningKey ora = remote.addPerson("ora");
    long now = Instant.now().getEpochSecond();

    String body = "{\"member\":\"" + actor(ora) + "\",\"addDays\":30}";
    HttpResponse<String> first = webhook("paid", secret, body, now, "pay-1");
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("pre-approved", TestHearth.JSON.readTree(first.body()).get("status").asText(), "paid before joining");
    follow(ora, g);
    awaitGot(ora, "Accept", j -> true);
    assertEquals("accepted", state("paid", ora));

    HttpResponse<String> renew = webhook("paid", secret, body, now + 1, "pay-2");
    assertEquals("renewed", TestHearth.JSON.readTree(renew.body()).get("status").asText());
    var expires = hearth.sql("SELECT expires_at FROM members WHERE actor_id = $1", actor(ora)).get(0).getOffsetDateTime(0);
    assertTrue(expires.toInstant().isAfter(Instant.now().plus(59, ChronoUnit.DAYS)), "30 days added to the first 30");
    assertEquals("duplicate", TestHearth.JSON.readTree(webhook("paid", secret, body, now + 1, "pay-2").body()).get("status").asText());

    assertEquals(401, webhook("paid", "not-the-secret", body, now, "pay-3").statusCode(), "a forged signature");
    assertEquals(401, webhook("paid", secret, body, now - 3600, "pay-4").statusCode(), "a replayed old request");
    assertEquals(400, webhook("paid", secret, "{\"member\":\"" + actor(ora) + "\"}", now, "pay-5").statusCode());
  }

  @Test
  void aPaymentWebhookWithoutItsDeliveryIdOrReplayedUnderANewOneIsNotApplied() throws Exception {
    community("replayed", "{\"joinPolicy\":\"invite\"}");
    String secret = admin("POST", "/api/v1/admin/communities/replayed/webhook-secret", null, 200).get("secret").asText();
    SigningKey uma = remote.addPerson("uma");
    long now = Instant.now().getEpochSecond();
    String body = "{\"member\":\"" + actor(uma) + "\",\"addDays\":30}";

    HttpResponse<String> anonymous = webhook("replayed", secret, body, now, null);
    assertEquals(400, anonymous.statusCode(), "no delivery id");
    assertTrue(anonymous.body().contains("X-Hearth-Delivery"), anonymous.body());
    assertEquals(0, hearth.sql("SELECT count(*) FROM preapproved WHERE actor_id = $1", actor(uma)).get(0).getLong(0));

    assertEquals("pre-approved", TestHearth.JSON.readTree(webhook("replayed", secret, body, now, "pay-a").body())
        .get("status").asText());
    String grant = "SELECT coalesce(grant_until::text, '') || coalesce(expires_at::text, '') || created_at::text "
        + "FROM preapproved WHERE actor_id = $1";
    String granted = hearth.sql(grant, actor(uma)).get(0).getString(0);
    // an eavesdropper replays the captured request inside the window under fresh delivery ids
    for (String id : java.util.List.of("pay-b", "pay-c", "PAY-A ")) {
      HttpResponse<String> replay = webhook("replayed", secret, body, now, id);
      assertEquals(200, replay.statusCode(), replay.body());
      assertEquals("duplicate", TestHearth.JSON.readTree(replay.body()).get("status").asText(), id);
    }
    assertEquals(granted, hearth.sql(grant, actor(uma)).get(0).getString(0), "the grant was applied once");
  }

  // ------------------------------------------------------------------ roles, staff, migration

  @Test
  void aMoveCarriesRoleExpiryAndHistoryToTheNewAccount() throws Exception {
    String g = community("movers", null);
    SigningKey pat = remote.addPerson("pat");
    follow(pat, g);
    admin("POST", "/api/v1/admin/communities/movers/members/role", "{\"actor\":\"" + actor(pat) + "\",\"role\":\"moderator\"}", 200);
    admin("POST", "/api/v1/admin/communities/movers/members/expiry", "{\"actor\":\"" + actor(pat) + "\",\"addDays\":90}", 200);
    remote.addPerson("pat2", List.of(actor(pat)));
    ObjectNode move = activity(pat, "Move", actor(pat));
    move.put("target", remote.origin + "/users/pat2");
    send(pat, hearthInbox(), move);
    var row = hearth.sql("SELECT role, expires_at IS NOT NULL FROM members WHERE actor_id = $1", remote.origin + "/users/pat2").get(0);
    assertEquals("moderator", row.getString(0));
    assertTrue(row.getBoolean(1));
    JsonNode history = admin("GET", "/api/v1/admin/communities/movers/members/history?actor=" + remote.origin + "/users/pat2", null, 200);
    assertEquals("joined", history.get(0).get("type").asText(), "the history came along");
  }

  @Test
  void staffAccountsGetArgon2idPasswordsAndRolesPerCommunity() throws Exception {
    community("staffed", null);
    admin("POST", "/api/v1/admin/accounts", "{\"username\":\"quinn\",\"password\":\"correct horse battery\"}", 201);
    admin("POST", "/api/v1/admin/accounts", "{\"username\":\"quinn\",\"password\":\"another long password\"}", 409);
    admin("POST", "/api/v1/admin/accounts", "{\"username\":\"rae\",\"password\":\"short\"}", 400);
    admin("POST", "/api/v1/admin/accounts", "{\"username\":\"Bad Name\",\"password\":\"correct horse battery\"}", 400);
    String hash = hearth.sql("SELECT password_hash FROM accounts WHERE username = 'quinn'").get(0).getString(0);
    assertTrue(hash.startsWith("$argon2id$v=19$"), hash);
    assertTrue(social.hearth.core.account.Passwords.verify("correct horse battery", hash));
    assertFalse(social.hearth.core.account.Passwords.verify("wrong horse battery", hash));
    admin("PUT", "/api/v1/admin/communities/staffed/staff/quinn", "{\"role\":\"owner\"}", 200);
    admin("PUT", "/api/v1/admin/communities/staffed/staff/quinn", "{\"role\":\"emperor\"}", 400);
    JsonNode staff = admin("GET", "/api/v1/admin/communities/staffed/staff", null, 200);
    assertEquals("owner", staff.get(0).get("role").asText());
  }

  @Test
  void hearthAdminCreateUserCreatesAStaffAccountFromTheCommandLine() throws Exception {
    String db = social.hearth.testing.TestDatabase.url(social.hearth.testing.TestDatabase.fresh());
    ProcessBuilder pb = new ProcessBuilder(new java.io.File(System.getProperty("java.home"), "bin/java").getPath(),
        "-cp", System.getProperty("java.class.path"), "social.hearth.Main", "admin", "create-user", "sam", "--instance-admin");
    pb.environment().put("HEARTH_DATABASE_URL", db);
    Process p = pb.start();
    p.getOutputStream().write("a sufficiently long password\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    assertTrue(out.contains("created staff account sam (instance admin)"), out);
  }

  @Test
  void unknownSettingsValuesAreRefusedWithTheAllowedOnes() throws Exception {
    community("picky", null);
    HttpResponse<String> r = hearth.admin("PATCH", "/api/v1/admin/communities/picky", "{\"joinPolicy\":\"sometimes\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("open, approval, invite, closed"), r.body());
    assertFalse(hearth.getJson(hearth.base + "/c/picky").get("manuallyApprovesFollowers").asBoolean(), "nothing changed");
  }
}
