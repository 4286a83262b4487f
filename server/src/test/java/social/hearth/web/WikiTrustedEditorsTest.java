package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Members the staff trust edit the wiki: staff list them (admin API and the staff page; each must be a member, or a
 * staff account's Person of this server), a trusted editor signed in edits a page in the web UI and the revision
 * records them; someone not on the list (signed in, not staff of the community) is refused, a visitor is sent to the
 * sign-in, the community's moderators edit without being listed, and taking someone off the list ends their editing.
 */
class WikiTrustedEditorsTest {

  static final String NAME = "Правила чата";
  static final String API = "/api/v1/admin/communities/book-club/wiki-editors";
  static WebFixture f;
  static StaffWeb eve;
  static StaffWeb mod;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.76");
    f.admin("PUT", "/api/v1/admin/communities/book-club/wiki/" + enc(NAME), "{\"content\":\"Be kind.\"}", 201);
    // eve: a staff account of this server with no role in book-club
    f.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"eve\",\"password\":\"" + WebFixture.PASSWORD
        + "\",\"instanceAdmin\":false}", 201);
    eve = StaffWeb.signIn(f.hearth, "eve", WebFixture.PASSWORD);
    f.staff("mo", "moderator");
    mod = StaffWeb.signIn(f.hearth, "mo", WebFixture.PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  static String enc(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String edit() {
    return "/c/book-club/wiki/" + enc(NAME) + "/edit";
  }

  static HttpResponse<String> save(StaffWeb who, String content, String summary) throws Exception {
    String csrf = StaffAccountsTest.csrf(who.get(edit()).body());
    return post(who, edit(), Map.of("_csrf", csrf, "content", content, "summary", summary));
  }

  static HttpResponse<String> post(StaffWeb who, String path, Map<String, String> form) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(form);
    all.putIfAbsent("_csrf", who.csrf());
    String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
    return StaffAccountsTest.NO_REDIRECT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            f.hearth.base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", who.session).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode revisions() throws Exception {
    return f.admin("GET", "/api/v1/admin/communities/book-club/wiki/" + enc(NAME) + "/revisions", null, 200);
  }

  @Test
  void aTrustedEditorEditsTheWikiInTheWebAndTheRevisionNamesThem() throws Exception {
    HttpResponse<String> refused = eve.get(edit());
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("and the members they trust can edit its wiki"), refused.body());
    HttpResponse<String> forged = post(eve, edit(), Map.of("content", "Mine now."));
    assertEquals(403, forged.statusCode());
    assertEquals(1, revisions().size(), "nothing saved");
    HttpResponse<String> visitor = StaffAccountsTest.NO_REDIRECT.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(f.hearth.base + edit())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, visitor.statusCode());
    assertTrue(visitor.headers().firstValue("Location").orElse("").startsWith("/login?next="));

    String person = f.hearth.base + "/u/eve";
    JsonNode set = f.admin("PUT", API, "{\"actors\":[\"" + person + "\"]}", 200);
    assertEquals(person, set.get("actors").get(0).asText());
    assertEquals(person, f.admin("GET", API, null, 200).get("actors").get(0).asText());

    HttpResponse<String> form = eve.get(edit());
    assertEquals(200, form.statusCode(), form.body());
    assertTrue(form.body().contains("Be kind."), "the editor has the page's text");
    HttpResponse<String> saved = save(eve, "Be kind.\n\nAsk before you share a screenshot.", "Screenshots");
    assertEquals(303, saved.statusCode(), saved.body());
    assertTrue(saved.headers().firstValue("Location").orElse("").contains("/c/book-club/wiki/" + enc(NAME)));
    JsonNode history = revisions();
    assertEquals(2, history.size());
    assertEquals("staff:eve", history.get(0).get("author").asText(), "the revision records the editor");
    assertEquals("Screenshots", history.get(0).get("summary").asText());
    assertTrue(f.hearth.get(f.hearth.base + "/c/book-club/wiki/" + enc(NAME), "text/html").body()
        .contains("Ask before you share a screenshot."));

    HttpResponse<String> empty = save(eve, "   ", "");
    assertEquals(400, empty.statusCode(), "an empty page is refused with the reason next to the text");
    assertTrue(empty.body().contains("A page needs some text."), empty.body());

    f.admin("PUT", API, "{\"actors\":[]}", 200);
    assertEquals(403, eve.get(edit()).statusCode(), "off the list, no more editing");
    assertEquals(2, revisions().size());

    assertEquals(303, save(mod, "Be kind, always.", "").statusCode(), "a moderator edits without being listed");
    assertEquals("staff:mo", revisions().get(0).get("author").asText());
  }

  @Test
  void onlyMembersCanBeTrustedAndStaffSetThemOnTheirPage() throws Exception {
    String ana = "https://remote.invalid/users/ana";
    HttpResponse<String> notMember = f.hearth.admin("PUT", API, "{\"actors\":[\"" + ana + "\"]}",
        TestHearth.ADMIN_TOKEN);
    assertEquals(400, notMember.statusCode());
    assertTrue(notMember.body().contains("wiki.editors.member") && notMember.body().contains(ana), notMember.body());
    assertEquals(400, f.hearth.admin("PUT", API, "{\"actors\":[\"ana\"]}", TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(400, f.hearth.admin("PUT", API, "{}", TestHearth.ADMIN_TOKEN).statusCode());

    f.hearth.sql("INSERT INTO remote_actors (id, type, host, inbox, document) VALUES ($1, 'Person', 'remote.invalid', "
        + "'https://remote.invalid/users/ana/inbox', '{}')", ana);
    f.hearth.sql("INSERT INTO members (community_id, actor_id, follow_id) SELECT id, $1, "
        + "'https://remote.invalid/follows/ana' FROM communities WHERE slug = 'book-club'", ana);
    HttpResponse<String> page = mod.get("/staff/c/book-club/wiki/editors");
    assertEquals(200, page.statusCode());
    HttpResponse<String> bad = post(mod, "/staff/c/book-club/wiki/editors",
        Map.of("actors", ana + "\nhttps://remote.invalid/users/zed"));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("Each editor must be a member of the community."), bad.body());
    assertTrue(bad.body().contains("https://remote.invalid/users/zed"), "what was typed comes back");
    HttpResponse<String> good = post(mod, "/staff/c/book-club/wiki/editors", Map.of("actors", ana));
    assertEquals(303, good.statusCode(), good.body());
    String list = mod.get("/staff/c/book-club/wiki/editors").body();
    assertTrue(list.contains(ana), list);
    assertFalse(f.admin("GET", API, null, 200).get("actors").isEmpty());
    f.admin("PUT", API, "{\"actors\":[]}", 200);
  }
}
