package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.testing.TestHearth;

/**
 * An instance admin's first hour in the browser (over plain HTTP): the first screen offers to create a community,
 * the form creates one with its owner or names each field at fault, the owner's dashboard shows the setup
 * checklist as it gets done, the server's own profile reaches the home page and NodeInfo, and a community is
 * archived, unarchived and deleted after a confirmation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommunitySetupPagesTest {

  static final String PASSWORD = "correct horse battery";
  static final HttpClient NO_REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  static TestHearth hearth;
  static String root;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    account("root", true);
    account("olga", false);
    root = login("root");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  // ------------------------------------------------------------------ the first screen and the form

  @Test
  @Order(1)
  void theAdminsFirstScreenOffersToCreateACommunityInsteadOfAskingAnAdmin() throws Exception {
    String page = get("/staff", root).body();
    assertTrue(page.contains("There is no community on this server yet"), page);
    assertTrue(page.contains("/staff/admin/communities#new-community"), page);
    assertFalse(page.contains("An instance admin can give you one"), page);
    // someone who is not an admin is still told whom to ask
    account("nina", false);
    assertTrue(get("/staff", login("nina")).body().contains("An instance admin can give you one"));
  }

  @Test
  @Order(2)
  void theAdminCreatesACommunityWithItsOwnerAndLandsOnItsChecklist() throws Exception {
    String csrf = csrf("/staff/admin/communities");
    HttpResponse<String> r = post("/staff/admin/communities", root, List.of(new String[] {"_csrf", csrf},
        new String[] {"slug", "knitters"}, new String[] {"name", "Knitters"}, new String[] {"summary", "We knit together."},
        new String[] {"owner", "olga"}));
    assertEquals(303, r.statusCode(), r.body());
    assertEquals("/staff/c/knitters?notice=community_created", r.headers().firstValue("Location").orElseThrow());
    assertEquals("owner", hearth.sql("SELECT r.role FROM staff_roles r JOIN accounts a ON a.id = r.account_id "
        + "JOIN communities c ON c.id = r.community_id WHERE a.username = 'olga' AND c.slug = 'knitters'").get(0).getString(0));
    assertEquals(1, hearth.sql("SELECT count(*) FROM audit_log WHERE action = 'community.create' AND target = 'knitters' "
        + "AND actor = 'staff:root'").get(0).getLong(0));
    String olga = login("olga");
    String overview = get("/staff/c/knitters?notice=community_created", olga).body();
    assertTrue(overview.contains("Community created"), overview);
    assertTrue(overview.contains("Set up your community"), overview);
    assertEquals(200, get("/staff/c/knitters/settings", olga).statusCode(), "the owner may change everything");
    assertTrue(get("/staff/admin/communities", root).body().contains("owner: olga"));
  }

  @Test
  @Order(3)
  void eachBadFieldIsNamedNextToItAndWhatWasTypedIsKept() throws Exception {
    hearth.createCommunity("weavers", "Weavers");
    long before = communities();
    String csrf = csrf("/staff/admin/communities");
    record Case(String slug, String name, String summary, String owner, String field, String message) {
      @Override
      public String toString() {
        return field + " " + message;
      }
    }
    List<Case> cases = List.of(
        new Case("Bad Slug", "Bad", "", "olga", "slug", "Use only lower-case letters"),
        new Case("support", "Support", "", "olga", "slug", "reserved for the server itself"),
        new Case("weavers", "Weavers again", "", "olga", "slug", "A community with that name exists already"),
        new Case("olga", "Olga’s", "", "olga", "slug", "That is the name of a staff account"),
        new Case("", "No slug", "", "olga", "slug", "Choose the name in the address"),
        new Case("spinners", "", "", "olga", "name", "The display name is required"),
        new Case("spinners", "x".repeat(101), "", "olga", "name", "at most 100 characters"),
        new Case("spinners", "Spinners", "y".repeat(2001), "olga", "summary", "at most 2000 characters"),
        new Case("spinners", "Spinners", "", "nobody", "owner", "There is no staff account with that name"));
    for (Case c : cases) {
      HttpResponse<String> r = post("/staff/admin/communities", root, List.of(new String[] {"_csrf", csrf},
          new String[] {"slug", c.slug()}, new String[] {"name", c.name()}, new String[] {"summary", c.summary()},
          new String[] {"owner", c.owner()}));
      assertEquals(400, r.statusCode(), c.toString());
      String page = r.body();
      Matcher error = Pattern.compile("id=\"c-" + c.field() + "-error\">([^<]*)</p>").matcher(page);
      assertTrue(error.find(), c + ": no message next to " + c.field());
      assertTrue(error.group(1).contains(c.message().replace("’", "&rsquo;")) || error.group(1).contains(c.message()),
          c + ": " + error.group(1));
      assertTrue(Pattern.compile("id=\"c-" + c.field() + "\"[^>]*aria-invalid=\"true\"").matcher(page).find(), c.toString());
      assertEquals(1, count(page, "class=\"field-error\""), c + ": only the field at fault is marked");
      assertTrue(page.contains("value=\"" + escape(c.slug()) + "\""), c + ": the slug typed is kept");
      if (!c.name().isEmpty()) {
        assertTrue(page.contains("value=\"" + escape(c.name()) + "\""), c + ": the name typed is kept");
      }
      assertTrue(page.contains(">" + c.summary() + "</textarea>"), c + ": the summary typed is kept");
    }
    // every field wrong at once: each is named
    HttpResponse<String> all = post("/staff/admin/communities", root, List.of(new String[] {"_csrf", csrf},
        new String[] {"slug", "-x-"}, new String[] {"name", " "}, new String[] {"summary", "z".repeat(2001)},
        new String[] {"owner", "ghost"}));
    assertEquals(400, all.statusCode());
    for (String field : List.of("slug", "name", "summary", "owner")) {
      assertTrue(all.body().contains("id=\"c-" + field + "-error\""), field);
    }
    assertEquals(before, communities(), "nothing was created");
  }

  // ------------------------------------------------------------------ the setup checklist

  @Test
  @Order(4)
  void theChecklistItemsFlipToDoneAsTheOwnerSetsTheCommunityUp() throws Exception {
    assertEquals(201, hearth.admin("POST", "/api/v1/admin/communities", "{\"slug\":\"potters\",\"name\":\"Potters\","
        + "\"summary\":\"Wheel and kiln.\",\"owner\":\"olga\"}", TestHearth.ADMIN_TOKEN).statusCode());
    String olga = login("olga");
    String page = get("/staff/c/potters", olga).body();
    assertEquals(List.of("profile"), done(page));
    assertTrue(page.contains("1 of 9 done"), page);
    assertTrue(page.contains("href=\"" + hearth.base + "/staff/c/potters/posts/new?template=about\""), page);
    assertTrue(page.contains("href=\"" + hearth.base + "/staff/c/potters/posts/new?template=routine\""), page);
    assertTrue(page.contains("href=\"" + hearth.base + "/staff/c/potters/posts/new?template=calendar\""), page);
    assertTrue(page.contains("href=\"" + hearth.base + "/staff/c/potters/settings#rules\""), page);

    String csrf = csrf("/staff/c/potters/settings", olga);
    assertEquals(303, post("/staff/c/potters/settings", olga, List.of(new String[] {"_csrf", csrf},
        new String[] {"name", "Potters"}, new String[] {"summary", "Wheel and kiln."}, new String[] {"joinPolicy", "approval"},
        new String[] {"postingPolicy", "members"}, new String[] {"welcomeMessage", "Welcome to the wheel!"},
        new String[] {"newcomerDays", "7"}, new String[] {"reminderDays", "7"})).statusCode());
    assertEquals(List.of("profile", "welcome", "policies"), done(get("/staff/c/potters", olga).body()));

    // a rule without its consequence is not done yet; with it, it is
    assertEquals(303, post("/staff/c/potters/settings/rules", olga, List.of(new String[] {"_csrf", csrf},
        new String[] {"rule", "Be kind"}, new String[] {"consequence", "a warning"}, new String[] {"rule", "No ads"},
        new String[] {"consequence", ""})).statusCode());
    assertFalse(done(get("/staff/c/potters", olga).body()).contains("rules"));
    assertEquals(303, post("/staff/c/potters/settings/rules", olga, List.of(new String[] {"_csrf", csrf},
        new String[] {"rule", "Be kind"}, new String[] {"consequence", "a warning"}, new String[] {"rule", "No ads"},
        new String[] {"consequence", "removal"})).statusCode());
    assertEquals(303, post("/staff/c/potters/settings/topics", olga, List.of(new String[] {"_csrf", csrf},
        new String[] {"tag", "#glazes"}, new String[] {"description", "Recipes"})).statusCode());
    // images: an avatar with alt text is not enough, the banner needs one too
    long id = hearth.sql("SELECT id FROM communities WHERE slug = 'potters'").get(0).getLong(0);
    hearth.sql("INSERT INTO community_media (community_id, kind, content_type, bytes, digest, alt_text) VALUES "
        + "($1, 'avatar', 'image/png', '\\x00'::bytea, 'a', 'A bowl'), ($1, 'banner', 'image/png', '\\x00'::bytea, 'b', '')", id);
    assertFalse(done(get("/staff/c/potters", olga).body()).contains("images"));
    hearth.sql("UPDATE community_media SET alt_text = 'Shelves of pots' WHERE community_id = $1 AND kind = 'banner'", id);
    hearth.sql("INSERT INTO featured (community_id, object_id, position) VALUES ($1, 'https://x.example/1', 1), "
        + "($1, 'https://x.example/2', 2)", id);
    assertEquals(List.of("profile", "images", "rules", "welcome", "pinned1", "pinned2", "topics", "policies"),
        done(get("/staff/c/potters", olga).body()));
    hearth.sql("INSERT INTO featured (community_id, object_id, position) VALUES ($1, 'https://x.example/3', 3)", id);
    String finished = get("/staff/c/potters", olga).body();
    assertEquals(9, done(finished).size(), finished);
    assertTrue(finished.contains("9 of 9 done"), finished);
  }

  // ------------------------------------------------------------------ the server's own profile

  @Test
  @Order(5)
  void theServersNameDescriptionContactAndRulesShowOnTheHomePageAndInNodeInfo() throws Exception {
    String csrf = csrf("/staff/admin/settings");
    HttpResponse<String> bad = post("/staff/admin/settings/profile", root, List.of(new String[] {"_csrf", csrf},
        new String[] {"name", "Hearth of Riga"}, new String[] {"description", "Crafts."}, new String[] {"contact", "call me maybe"},
        new String[] {"rule", "Be kind"}));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("id=\"i-contact-error\">Give an email address"), bad.body());
    assertTrue(bad.body().contains("value=\"call me maybe\""), "the contact typed is kept");
    assertTrue(bad.body().contains("value=\"Hearth of Riga\""), "the name typed is kept");
    assertTrue(bad.body().contains("value=\"Be kind\""), "the rules typed are kept");
    assertFalse(get("/", null).body().contains("Hearth of Riga"), "nothing was saved");

    assertEquals(303, post("/staff/admin/settings/profile", root, List.of(new String[] {"_csrf", csrf},
        new String[] {"name", "Hearth of Riga"}, new String[] {"description", "Communities for makers.\r\n\r\nRun by volunteers."},
        new String[] {"contact", "admin@riga.example"}, new String[] {"rule", "Be kind"}, new String[] {"rule", ""},
        new String[] {"rule", "No spam"})).statusCode());
    String home = get("/", null).body();
    assertTrue(home.contains("<h1 id=\"intro\">Hearth of Riga</h1>"), home);
    assertTrue(home.contains("<p>Communities for makers.</p>") && home.contains("<p>Run by volunteers.</p>"), home);
    assertTrue(home.contains("href=\"mailto:admin@riga.example\""), home);
    assertTrue(home.contains("<li>Be kind</li>") && home.contains("<li>No spam</li>"), home);

    JsonNode meta = hearth.getJsonFrom(hearth.base + "/nodeinfo/2.1").get("metadata");
    assertEquals("Hearth of Riga", meta.get("nodeName").asText());
    assertEquals("Communities for makers.\n\nRun by volunteers.", meta.get("nodeDescription").asText());
    assertEquals("admin@riga.example", meta.get("contact").get("email").asText());
    assertEquals("admin@riga.example", meta.get("maintainer").get("email").asText());
    assertEquals(2, meta.get("rules").size());
    assertEquals("2", meta.get("rules").get(1).get("id").asText());
    assertEquals("No spam", meta.get("rules").get(1).get("text").asText());
    assertEquals(1, hearth.sql("SELECT count(*) FROM audit_log WHERE action = 'instance.profile'").get(0).getLong(0));

    // a fediverse handle as the contact
    assertEquals(200, hearth.admin("PUT", "/api/v1/admin/instance", "{\"name\":\"Hearth of Riga\",\"contact\":"
        + "\"@admin@riga.example\",\"rules\":[\"Be kind\"]}", TestHearth.ADMIN_TOKEN).statusCode());
    JsonNode after = hearth.getJsonFrom(hearth.base + "/nodeinfo/2.0").get("metadata");
    assertEquals("@admin@riga.example", after.get("contact").get("account").asText());
    assertFalse(after.has("maintainer"));
    assertFalse(after.has("nodeDescription"));
  }

  // ------------------------------------------------------------------ archiving and deleting

  @Test
  @Order(6)
  void theAdminArchivesUnarchivesAndDeletesACommunityAfterConfirming() throws Exception {
    hearth.createCommunity("quilters", "Quilters");
    String csrf = csrf("/staff/admin/communities");
    assertEquals(303, post("/staff/admin/communities/quilters/archive", root, List.<String[]>of(new String[] {"_csrf", csrf})).statusCode());
    String page = get("/c/quilters", null).body();
    assertTrue(page.contains("This community is archived"), page);
    assertFalse(page.contains("id=\"join\""), "no way to join an archived community is offered");
    assertTrue(get("/staff/c/quilters", root).body().contains("This community is archived"));
    assertTrue(get("/staff/admin/communities", root).body().contains("/staff/admin/communities/quilters/unarchive"));
    assertEquals(303, post("/staff/admin/communities/quilters/unarchive", root, List.<String[]>of(new String[] {"_csrf", csrf})).statusCode());
    assertTrue(get("/c/quilters", null).body().contains("id=\"join\""));

    String confirm = get("/staff/admin/communities/quilters/delete", root).body();
    assertTrue(confirm.contains("Type the community’s name in the address (quilters)"), confirm);
    HttpResponse<String> wrong = post("/staff/admin/communities/quilters/delete", root,
        List.of(new String[] {"_csrf", csrf}, new String[] {"confirm", "quilter"}));
    assertEquals(400, wrong.statusCode());
    assertTrue(wrong.body().contains("That is not the community’s name: nothing was deleted."), wrong.body());
    assertEquals(200, get("/c/quilters", null).statusCode());
    HttpResponse<String> deleted = post("/staff/admin/communities/quilters/delete", root,
        List.of(new String[] {"_csrf", csrf}, new String[] {"confirm", "quilters"}));
    assertEquals(303, deleted.statusCode());
    assertEquals("/staff/admin/communities?notice=community_deleted", deleted.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> gone = get("/c/quilters", null);
    assertEquals(410, gone.statusCode());
    assertTrue(gone.body().contains("This was deleted and is gone for good."), gone.body());
    assertFalse(get("/staff/admin/communities", root).body().contains("@quilters@"));
    assertEquals(List.of("community.archive", "community.unarchive", "community.delete"), hearth.sql(
        "SELECT action FROM audit_log WHERE target = 'quilters' AND action <> 'community.create' ORDER BY id")
        .stream().map(r -> r.getString(0)).toList());
    assertEquals(200, get("/staff", root).statusCode(), "the admin stays signed in");
  }

  // ------------------------------------------------------------------ helpers

  static List<String> done(String page) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<li class=\"is-done\" data-item=\"([a-z0-9]+)\"").matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static long communities() {
    return hearth.sql("SELECT count(*) FROM communities").get(0).getLong(0);
  }

  static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  static void account(String username, boolean admin) throws Exception {
    HttpResponse<String> r = hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"" + username
        + "\",\"password\":\"" + PASSWORD + "\",\"instanceAdmin\":" + admin + "}", TestHearth.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.body());
  }

  static HttpResponse<String> get(String path, String session) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Accept", "text/html");
    if (session != null) {
      b.header("Cookie", session);
    }
    return NO_REDIRECT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String cookies, List<String[]> form) throws Exception {
    String body = form.stream().map(e -> URLEncoder.encode(e[0], StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e[1], StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookies != null) {
      b.header("Cookie", cookies);
    }
    return NO_REDIRECT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String csrf(String path) throws Exception {
    return csrf(path, root);
  }

  static String csrf(String path, String session) throws Exception {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(get(path, session).body());
    assertTrue(m.find(), path);
    return m.group(1);
  }

  static String login(String user) throws Exception {
    HttpResponse<String> form = get("/login", null);
    String token = cookieValue(form, Auth.LOGIN_COOKIE);
    HttpResponse<String> r = post("/login", Auth.LOGIN_COOKIE + "=" + token, List.of(new String[] {"_csrf", token},
        new String[] {"username", user}, new String[] {"password", PASSWORD}, new String[] {"next", "/staff"}));
    assertEquals(303, r.statusCode(), r.body());
    return Auth.SESSION_COOKIE + "=" + cookieValue(r, Auth.SESSION_COOKIE);
  }

  static String cookieValue(HttpResponse<?> r, String name) {
    for (String c : r.headers().allValues("set-cookie")) {
      if (c.startsWith(name + "=")) {
        return c.substring(c.indexOf('=') + 1, c.indexOf(';'));
      }
    }
    throw new AssertionError("no cookie " + name);
  }
}
