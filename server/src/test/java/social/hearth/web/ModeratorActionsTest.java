package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.Fediverse;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Moderators act where they see the problem (issue 15, item 2): warnings quoting a rule, reaching the member as a
 * direct message and kept in their history and the audit log; the admin API's warn contract; private moderator notes;
 * a ban that also removes the member's recent posts; a post removed from its public page; Lemmy's Warn for Lemmy 1.0.
 */
class ModeratorActionsTest {

  static WebFixture f;
  static Fediverse fed;
  static final String WARN = "/api/v1/admin/communities/book-club/members/warn";

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.61");
    fed = new Fediverse(f.hearth, f.remote);
    f.staff("maya", "moderator");
    f.staff("oleg", null);
    f.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"sam\",\"password\":\"" + WebFixture.PASSWORD
        + "\",\"instanceAdmin\":false}", 201);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static SigningKey member(String name) throws Exception {
    SigningKey key = f.person(name, null);
    f.follow(key);
    fed.awaitFor(key, "Accept", j -> true);
    return key;
  }

  private static HttpResponse<String> form(StaffWeb web, String path, Map<String, String> fields) throws Exception {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    all.put("_csrf", web.csrf());
    return web.multipart(path, all, null, null, null);
  }

  @Test
  void aWarningReachesTheMemberAsADirectMessageQuotingTheRuleAndIsKeptInTheirHistoryAndTheAuditLog() throws Exception {
    SigningKey amy = member("amy");
    String amyId = WebFixture.actor(amy);
    JsonNode w = f.admin("POST", WARN, "{\"actor\":\"" + amyId + "\",\"rule\":2,\"note\":\"Chapter 12 needs a CW.\"}", 201);
    assertEquals(2, w.get("rule").asInt());
    assertEquals("No spoilers without a content warning", w.get("ruleText").asText());
    assertEquals("Chapter 12 needs a CW.", w.get("note").asText());
    assertTrue(w.get("warn").isNull(), "amy's server is no Lemmy: no Warn");

    JsonNode dm = fed.awaitFor(amy, "Create", j -> j.path("object").path("content").asText().contains("A warning from"));
    JsonNode note = dm.get("object");
    assertEquals(w.get("message").asText(), note.get("id").asText());
    assertEquals(List.of(amyId), List.of(note.get("to").get(0).asText()));
    assertEquals(1, note.get("to").size(), "to the member only");
    assertEquals(0, note.get("cc").size());
    assertEquals(amyId, note.get("tag").get(0).get("href").asText(), "mentions the member");
    String content = note.get("content").asText();
    assertTrue(content.contains("rule 2"), content);
    assertTrue(content.contains("<blockquote><p>No spoilers without a content warning</p></blockquote>"), content);
    assertTrue(content.contains("Chapter 12 needs a CW."), content);

    var history = f.hearth.sql("SELECT e.type, e.detail, e.by_whom FROM member_events e JOIN communities c ON "
        + "c.id = e.community_id WHERE c.slug = 'book-club' AND e.actor_id = $1 AND e.type = 'warned'", amyId);
    assertEquals(1, history.size());
    assertEquals("rule 2: Chapter 12 needs a CW.", history.get(0).getString(1));
    var audit = f.hearth.sql("SELECT actor, rule FROM audit_log WHERE action = 'member.warn' AND target = $1", amyId);
    assertEquals("admin", audit.get(0).getString(0));
    assertEquals("rule 2: No spoilers without a content warning", audit.get(0).getString(1));
  }

  @Test
  void theWarnApiSaysWhatIsWrongWithARequest() throws Exception {
    SigningKey ben = member("ben");
    String benId = WebFixture.actor(ben);
    JsonNode unknownRule = f.admin("POST", WARN, "{\"actor\":\"" + benId + "\",\"rule\":7}", 400);
    assertEquals("unknown_rule", unknownRule.get("error").asText());
    assertTrue(unknownRule.get("message").asText().contains("from 1 to 2"), unknownRule.toString());
    JsonNode tooLong = f.admin("POST", WARN, "{\"actor\":\"" + benId + "\",\"rule\":1,\"note\":\"" + "x".repeat(1001) + "\"}", 400);
    assertEquals("note_too_long", tooLong.get("error").asText());
    assertEquals("bad_request", f.admin("POST", WARN, "{\"actor\":\"" + benId + "\"}", 400).get("error").asText());
    SigningKey stranger = f.person("stranger", null);
    JsonNode notMember = f.admin("POST", WARN, "{\"actor\":\"" + WebFixture.actor(stranger) + "\",\"rule\":1}", 404);
    assertEquals("not_a_member", notMember.get("error").asText());
    assertTrue(fed.got(ben, "Create").stream().noneMatch(j -> j.toString().contains("A warning from")),
        "nothing was sent for a refused warning");
    assertTrue(f.hearth.sql("SELECT 1 FROM member_warnings WHERE actor_id = $1", benId).isEmpty());
  }

  @Test
  void moderatorNotesAreForStaffOnlyAndCanBeDeleted() throws Exception {
    SigningKey cai = member("cai");
    String caiId = WebFixture.actor(cai);
    String page = "/staff/c/book-club/member?actor=" + Pages.encode(caiId);
    StaffWeb maya = StaffWeb.signIn(f.hearth, "maya", WebFixture.PASSWORD);
    HttpResponse<String> added = form(maya, "/staff/c/book-club/members/note", Map.of("actor", caiId,
        "text", "Asked twice about <script>alert(1)</script> spoilers; friendly.", "back", page));
    assertEquals(303, added.statusCode(), added.body());
    String html = maya.get(page).body();
    assertTrue(html.contains("Asked twice about &lt;script&gt;alert(1)&lt;/script&gt; spoilers; friendly."), html);
    assertTrue(html.contains("maya"), "the note names its author");

    StaffWeb sam = StaffWeb.signIn(f.hearth, "sam", WebFixture.PASSWORD); // staff, but not of book-club
    assertEquals(403, sam.get(page).statusCode());
    assertEquals(403, form(sam, "/staff/c/book-club/members/note", Map.of("actor", caiId, "text", "mine")).statusCode());
    assertFalse(f.hearth.get(f.hearth.base + "/c/book-club", "text/html").body().contains("Asked twice"));
    assertTrue(fed.got(cai, "Create").stream().noneMatch(j -> j.toString().contains("Asked twice")), "never federated");

    long id = f.hearth.sql("SELECT id FROM moderator_notes WHERE actor_id = $1", caiId).get(0).getLong(0);
    assertEquals(303, form(maya, "/staff/c/book-club/members/unnote", Map.of("actor", caiId, "note", String.valueOf(id),
        "back", page)).statusCode());
    assertFalse(maya.get(page).body().contains("Asked twice"));
  }

  @Test
  void aBanThatRemovesTheLastDaysPostsSaysHowManyAndTellsTheMembersServers() throws Exception {
    SigningKey dan = member("dan");
    String danId = WebFixture.actor(dan);
    String recent1 = f.post(dan, "<p>Buy cheap watches</p>", null, List.of());
    String recent2 = f.post(dan, "<p>Cheap watches again</p>", null, List.of());
    String old = f.post(dan, "<p>My review of the novel, from long ago</p>", null, List.of());
    f.hearth.sql("UPDATE posts SET created_at = now() - interval '30 days' WHERE object_id = $1", old);
    String page = "/staff/c/book-club/member?actor=" + Pages.encode(danId);
    StaffWeb maya = StaffWeb.signIn(f.hearth, "maya", WebFixture.PASSWORD);
    HttpResponse<String> banned = form(maya, "/staff/c/book-club/members/ban", Map.of("actor", danId, "reason", "spam",
        "removeDays", "7", "back", page));
    assertEquals(303, banned.statusCode(), banned.body());
    String location = banned.headers().firstValue("location").orElseThrow();
    assertTrue(location.contains("removed=2"), location);
    String html = maya.get(location).body();
    assertTrue(html.contains("Banned. 2 posts removed."), html);
    assertFalse(fed.reshared(recent1));
    assertFalse(fed.reshared(recent2));
    assertTrue(fed.reshared(old), "older than 7 days: kept");
    fed.await("Undo", j -> j.path("object").path("object").asText().equals(recent1));
    fed.awaitFor(dan, "Block", j -> true);
    assertEquals(2, f.hearth.sql("SELECT 1 FROM audit_log WHERE action = 'post.remove' AND detail->>'author' = $1", danId).size());
  }

  @Test
  void aModeratorRemovesAPostFromItsPublicPageAndVisitorsSeeNoActions() throws Exception {
    SigningKey eve = member("eve");
    String post = f.post(eve, "<p>Selling my old copies, DM me</p>", null, List.of());
    String path = "/c/book-club/posts/" + f.postId(post);
    String visitor = f.hearth.get(f.hearth.base + path, "text/html").body();
    assertFalse(visitor.contains("moderate/remove-post"), "visitors see no moderation actions");
    StaffWeb maya = StaffWeb.signIn(f.hearth, "maya", WebFixture.PASSWORD);
    String staffView = maya.get(path).body();
    assertTrue(staffView.contains("moderate/remove-post"));
    assertTrue(staffView.contains("members/warn"));
    assertTrue(staffView.contains("name=\"removeDays\""));
    HttpResponse<String> removed = form(maya, "/staff/c/book-club/moderate/remove-post", Map.of("object", post,
        "reason", "sales are off topic"));
    assertEquals(303, removed.statusCode(), removed.body());
    assertEquals("/c/book-club?notice=post_removed", removed.headers().firstValue("location").orElseThrow());
    assertFalse(fed.reshared(post));
    assertEquals(404, f.hearth.get(f.hearth.base + path, "text/html").statusCode());
    fed.await("Undo", j -> j.path("object").path("object").asText().equals(post));
  }

  @Test
  void aMemberOnALemmyOneServerAlsoGetsLemmysWarnFromTheModeratorsPerson() throws Exception {
    SigningKey fay = member("fay");
    String fayId = WebFixture.actor(fay);
    String post = f.post(fay, "<p>Chapter 12: the butler did it</p>", null, List.of());
    f.remote.serve("/.well-known/nodeinfo", "{\"links\":[{\"rel\":\"http://nodeinfo.diaspora.software/ns/schema/2.1\","
        + "\"href\":\"" + f.remote.origin + "/nodeinfo/2.1\"}]}");
    f.remote.serve("/nodeinfo/2.1", "{\"version\":\"2.1\",\"software\":{\"name\":\"lemmy\",\"version\":\"1.0.0-beta.1\"}}");
    f.hearth.sql("UPDATE hosts SET software = 'lemmy' WHERE host = $1", f.remote.origin.replace("http://", ""));
    StaffWeb maya = StaffWeb.signIn(f.hearth, "maya", WebFixture.PASSWORD);
    HttpResponse<String> r = form(maya, "/staff/c/book-club/members/warn", Map.of("actor", fayId, "rule", "2",
        "note", "Please use a CW.", "post", post));
    assertEquals(303, r.statusCode(), r.body());
    JsonNode warn = fed.awaitFor(fay, "Warn", j -> true);
    assertEquals(f.hearth.base + "/u/maya", warn.get("actor").asText());
    assertEquals(fayId, warn.get("to").get(0).asText());
    assertEquals(post, warn.get("object").asText());
    assertEquals(f.group, warn.get("audience").asText());
    assertEquals("Rule 2: No spoilers without a content warning — Please use a CW.", warn.get("summary").asText());
    fed.awaitFor(fay, "Create", j -> j.path("object").path("content").asText().contains("A warning from"));
    assertEquals(warn.get("id").asText(), f.hearth.sql("SELECT warn_iri FROM member_warnings WHERE actor_id = $1", fayId)
        .get(0).getString(0), "the warning records its Warn");
  }
}
