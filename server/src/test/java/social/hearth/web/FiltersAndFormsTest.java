package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.hearth.web.WebPagesTest.field;
import static social.hearth.web.WebPagesTest.login;
import static social.hearth.web.WebPagesTest.post;
import static social.hearth.web.WebPagesTest.staffGet;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;

/**
 * Issue 15 items 4 and 5 through the real server: a filter is edited, turned off (and the chain skips it) and on
 * again, through the pages and the admin API's PATCH; its whole configuration is shown; a post a filter refused is
 * published anyway and the decision is audited; and every refused staff form comes back with the problem next to
 * its field and what was typed kept, never as a bare error page.
 */
class FiltersAndFormsTest {

  static WebFixture f;
  static SigningKey ana;
  static final String FILTERS = "/api/v1/admin/communities/book-club/filters";

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.64");
    WebPagesTest.f = f;
    ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    f.staff("owner", "owner");
    f.staff("mod", "moderator");
    f.staff("root", null);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static String state(String object) {
    return f.hearth.sql("SELECT state FROM moderation_items WHERE object_id = $1", object).get(0).getString(0);
  }

  @Test
  void aFilterIsEditedTurnedOffSoTheChainSkipsItAndOnAgain() throws Exception {
    JsonNode created = f.admin("POST", FILTERS, "{\"kind\":\"keywords\",\"config\":{\"words\":[\"durian\",\"jackfruit pie\"]},"
        + "\"action\":\"hold\"}", 200);
    long id = created.get("id").asLong();
    String owner = login("owner", WebFixture.PASSWORD, null);
    String page = staffGet("/staff/c/book-club/filters", owner).body();
    assertTrue(page.contains("<li>durian</li>") && page.contains("<li>jackfruit pie</li>"), "each word is a chip: " + page);

    // the edit form holds the saved configuration; saving it changes the words
    String edit = staffGet("/staff/c/book-club/filters?edit=" + id, owner).body();
    assertTrue(edit.contains("durian\njackfruit pie</textarea>"), edit);
    assertTrue(edit.contains("name=\"id\" value=\"" + id + "\""), edit);
    String csrf = field(edit, "_csrf");
    assertEquals(303, post("/staff/c/book-club/filters", Map.of("_csrf", csrf, "id", String.valueOf(id), "kind", "keywords",
        "action", "reject", "words", "durian\nrambutan", "enabled", "on", "do", "update"), owner, Map.of()).statusCode());
    JsonNode stored = f.admin("GET", FILTERS, null, 200).get(0);
    assertEquals("reject", stored.get("action").asText());
    assertEquals("[\"durian\",\"rambutan\"]", stored.get("config").get("words").toString());

    // the dry-run works while editing: the form stays the edit form
    HttpResponse<String> dry = post("/staff/c/book-club/filters", Map.of("_csrf", csrf, "id", String.valueOf(id), "kind",
        "keywords", "action", "reject", "words", "rambutan", "days", "7", "do", "dryrun"), owner, Map.of());
    assertEquals(200, dry.statusCode(), dry.body());
    assertTrue(dry.body().contains("id=\"dry-run\"") && dry.body().contains("value=\"update\""), dry.body());

    String refused = f.post(ana, "<p>Fresh rambutan at the market</p>", null, List.of());
    assertEquals("rejected", state(refused));

    // turned off from the page: the filter keeps its configuration and the chain skips it
    assertEquals(303, post("/staff/c/book-club/filters", Map.of("_csrf", csrf, "id", String.valueOf(id), "do", "disable"),
        owner, Map.of()).statusCode());
    stored = f.admin("GET", FILTERS, null, 200).get(0);
    assertFalse(stored.get("enabled").asBoolean());
    assertEquals("[\"durian\",\"rambutan\"]", stored.get("config").get("words").toString());
    assertTrue(staffGet("/staff/c/book-club/filters", owner).body().contains("value=\"enable\""));
    String passed = f.post(ana, "<p>More rambutan today</p>", null, List.of());
    assertEquals("accepted", state(passed), "a filter that is off looks at nothing");

    // on again through the admin API's PATCH, which changes only what it is given
    JsonNode patched = f.admin("PATCH", FILTERS + "/" + id, "{\"enabled\":true}", 200);
    assertTrue(patched.get("enabled").asBoolean());
    assertEquals("reject", patched.get("action").asText());
    assertEquals("[\"durian\",\"rambutan\"]", patched.get("config").get("words").toString());
    assertEquals("rejected", state(f.post(ana, "<p>Rambutan again</p>", null, List.of())));
    f.admin("PATCH", FILTERS + "/" + id, "{\"config\":{\"pattern\":\"(?<=a)b\"},\"kind\":\"regex\"}", 400);
    f.admin("PATCH", FILTERS + "/999999", "{\"enabled\":false}", 404);

    // a refused post is published anyway from the refused list; the decision is audited and shown
    String mod = login("mod", WebFixture.PASSWORD, null);
    String list = staffGet("/staff/c/book-club/queue?state=rejected", mod).body();
    assertTrue(list.contains("Fresh rambutan") && list.contains("Publish anyway"), list);
    long item = f.hearth.sql("SELECT id FROM moderation_items WHERE object_id = $1", refused).get(0).getLong(0);
    HttpResponse<String> overturned = post("/staff/c/book-club/queue/" + item + "/overturn", Map.of("_csrf", field(list, "_csrf")),
        mod, Map.of());
    assertEquals(303, overturned.statusCode(), overturned.body());
    assertEquals("overturned", state(refused));
    assertEquals(1, f.hearth.sql("SELECT count(*) FROM posts WHERE object_id = $1", refused).get(0).getLong(0),
        "the post is published as an approval would publish it");
    assertEquals(1, f.hearth.sql("SELECT count(*) FROM audit_log WHERE action = 'queue.overturn' AND actor = 'staff:mod'")
        .get(0).getLong(0));
    String shown = staffGet("/staff/c/book-club/queue?state=overturned", mod).body();
    assertTrue(shown.contains("Fresh rambutan") && shown.contains("published anyway by staff:mod"), shown);
    assertEquals(409, post("/staff/c/book-club/queue/" + item + "/overturn", Map.of("_csrf", field(list, "_csrf")), mod,
        Map.of()).statusCode(), "only a refused post can be overturned, once");
  }

  @Test
  void aRefusedFilterFormKeepsWhatWasTypedWithTheProblemNextToItsField() throws Exception {
    String owner = login("owner", WebFixture.PASSWORD, null);
    String csrf = field(staffGet("/staff/c/book-club/filters", owner).body(), "_csrf");
    HttpResponse<String> regex = post("/staff/c/book-club/filters", Map.of("_csrf", csrf, "kind", "regex", "action", "reject",
        "pattern", "(?<=a)b", "words", "kept words", "do", "create"), owner, Map.of());
    assertEquals(400, regex.statusCode());
    String body = regex.body();
    assertTrue(body.contains("id=\"pattern-error\"") && body.contains("lookahead and lookbehind"), body);
    assertTrue(body.contains("value=\"(?&lt;=a)b\" spellcheck=\"false\" aria-invalid=true aria-errormessage=pattern-error"),
        "the field as typed, marked invalid: " + body);
    assertTrue(body.contains("<option value=\"reject\" selected>") && body.contains("kept words</textarea>"), body);

    HttpResponse<String> empty = post("/staff/c/book-club/filters", Map.of("_csrf", csrf, "kind", "keywords", "action", "hold",
        "words", "  ", "do", "create"), owner, Map.of());
    assertEquals(400, empty.statusCode());
    assertTrue(empty.body().contains("id=\"words-error\"") && empty.body().contains("words must not be empty"), empty.body());

    HttpResponse<String> number = post("/staff/c/book-club/filters", Map.of("_csrf", csrf, "kind", "slow_mode", "action", "hold",
        "number", "0", "do", "create"), owner, Map.of());
    assertEquals(400, number.statusCode());
    assertTrue(number.body().contains("id=\"number-error\">Give a number of minutes from 1 to 10080."), number.body());
  }

  @Test
  void theSettingsSaveAllKeepsEveryPartAndSavesNothingWhenOnePartIsWrong() throws Exception {
    String owner = login("owner", WebFixture.PASSWORD, null);
    String csrf = field(staffGet("/staff/c/book-club/settings", owner).body(), "_csrf");
    Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("_csrf", csrf, "sections", "profile rules topics",
        "name", "Readers of the Night", "summary", "New summary", "joinPolicy", "open", "postingPolicy", "members",
        "newcomerDays", "7", "reminderDays", "7"));
    form.putAll(Map.of("rule", "Be kind", "consequence", "a warning", "tag", "#good tag!"));
    HttpResponse<String> bad = post("/staff/c/book-club/settings", form, owner, Map.of());
    assertEquals(400, bad.statusCode());
    String body = bad.body();
    assertTrue(body.contains("id=\"tag-0-error\"") && body.contains("A topic is one hashtag"), body);
    assertTrue(body.contains("value=\"Readers of the Night\"") && body.contains("value=\"Be kind\""), "every part is kept: " + body);
    assertEquals("Book club", f.hearth.sql("SELECT name FROM communities WHERE slug = 'book-club'").get(0).getString(0),
        "nothing was saved");

    form.put("tag", "#goodtag");
    assertEquals(303, post("/staff/c/book-club/settings", form, owner, Map.of()).statusCode());
    assertEquals("Readers of the Night", f.hearth.sql("SELECT name FROM communities WHERE slug = 'book-club'").get(0).getString(0));
    String page = staffGet("/staff/c/book-club/settings", owner).body();
    assertTrue(page.contains("value=\"Be kind\"") && page.contains("value=\"#goodtag\""), page);

    // a rule without its title, from the rules form alone: the settings page again, the rows as typed
    HttpResponse<String> rule = post("/staff/c/book-club/settings/rules", Map.of("_csrf", csrf, "rule", "",
        "consequence", "a ban"), owner, Map.of());
    assertEquals(400, rule.statusCode());
    assertTrue(rule.body().contains("id=\"rule-0-error\"") && rule.body().contains("value=\"a ban\""), rule.body());
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"name\":\"Book club\"}", 200);
  }

  @Test
  void anImageOfTheWrongTypeShowsTheFormAgainWithItsAltText() throws Exception {
    String owner = login("owner", WebFixture.PASSWORD, null);
    String csrf = field(staffGet("/staff/c/book-club/settings", owner).body(), "_csrf");
    HttpResponse<String> svg = WebPagesTest.upload("/staff/c/book-club/settings/media", owner, csrf, "banner", "x.png",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, svg.statusCode());
    assertTrue(svg.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    assertTrue(svg.body().contains("id=\"banner-file-error\">Upload a PNG, JPEG, GIF or WebP image."), svg.body());
    assertTrue(svg.body().contains("id=\"banner-alt\" name=\"alt\" type=\"text\" maxlength=\"300\" value=\"Our logo\""), svg.body());
    assertTrue(svg.body().contains("id=\"name\""), "the settings form itself");
  }

  @Test
  void aDomainGivenAsAUrlAndABadInviteNumberComeBackInline() throws Exception {
    String root = login("root", WebFixture.PASSWORD, null);
    String csrf = field(staffGet("/staff/admin/domains", root).body(), "_csrf");
    HttpResponse<String> url = post("/staff/admin/domains", Map.of("_csrf", csrf, "domain", "https://spam.example/path",
        "policy", "limit", "reason", "ads everywhere"), root, Map.of());
    assertEquals(400, url.statusCode());
    assertTrue(url.body().contains("id=\"domain-error\"") && url.body().contains("value=\"https://spam.example/path\""), url.body());
    assertTrue(url.body().contains("value=\"ads everywhere\"") && url.body().contains("<option value=\"limit\" selected>"), url.body());

    HttpResponse<String> invite = post("/staff/c/book-club/invites", Map.of("_csrf", csrf, "maxUses", "0", "note", "for Bo"),
        root, Map.of());
    assertEquals(400, invite.statusCode());
    assertTrue(invite.body().contains("id=\"maxUses-error\"") && invite.body().contains("value=\"for Bo\""), invite.body());
  }
}
