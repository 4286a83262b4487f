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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Every class of staff action leaves an entry in the audit log, through the admin API and through the pages, and the
 * log reads as sentences with names (the community's, the member's display name and handle, the staff member's) in
 * the reader's language, filterable and paged.
 */
class AuditTrailTest {

  static WebFixture f;
  static SigningKey ana;
  static SigningKey bea;
  static String anaPost;
  static StaffWeb root;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.74");
    ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    bea = f.person("bea", "Bea Writes");
    f.follow(bea);
    anaPost = f.post(ana, "<p>This month we read Piranesi. Who has started?</p>", null, List.of());
    f.staff("root", null);
    f.hearth.sql("UPDATE accounts SET display_name = 'Rosa Root' WHERE username = 'root'");
    root = StaffWeb.signIn(f.hearth, "root", WebFixture.PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  /** One class of action: how it is done, and the action code and English sentence its entry must show. */
  record Case(String name, Step step, String action, String sentence) {}

  interface Step {
    void run() throws Exception;
  }

  @Test
  void everyClassOfStaffActionLeavesAnEntryThatReadsAsASentence() throws Exception {
    String csrf = root.csrf();
    List<Case> cases = List.of(
        new Case("settings (API)", () -> f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"name\":\"Book circle\"}", 200),
            "settings.changed", "The admin API changed the settings of Book circle: name"),
        new Case("settings (page)", () -> post("/staff/c/book-club/settings", Map.ofEntries(Map.entry("_csrf", csrf),
            Map.entry("name", "Book club"), Map.entry("summary", "We read."), Map.entry("joinPolicy", "open"),
            Map.entry("postingPolicy", "members"), Map.entry("language", "en"), Map.entry("canQuote", "everyone"),
            Map.entry("newcomerDays", "0"), Map.entry("reminderDays", "7"), Map.entry("welcomeMessage", "**Welcome!**"))),
            "settings.changed", "Rosa Root changed the settings of Book club"),
        new Case("rules (API)", () -> f.admin("PUT", "/api/v1/admin/communities/book-club/rules", "{\"rules\":[{\"text\":"
            + "\"Be kind to each other\",\"consequence\":\"a warning, then removal\"},{\"text\":\"No spoilers without a content "
            + "warning\",\"consequence\":\"the post is removed\"},{\"text\":\"Stay on books <b>please</b>\"}]}", 200),
            "rule.created", "The admin API added rule #3 “Stay on books <b>please</b>”"),
        new Case("rules (page)", () -> post("/staff/c/book-club/settings/rules", Map.of("_csrf", csrf,
            "text", "Be kind to each other", "consequence", "a warning, then removal")),
            "rule.deleted", "Rosa Root deleted rule #"),
        new Case("topics", () -> post("/staff/c/book-club/settings/topics", Map.of("_csrf", csrf, "tag", "#poetry",
            "description", "Poems")), "topic.created", "Rosa Root added the topic #poetry"),
        new Case("images", () -> assertEquals(303, root.multipart("/staff/c/book-club/settings/media", Map.of("_csrf", csrf,
            "kind", "avatar", "alt", "A lamp"), "file", "a.png", WebFixture.png(64, 64, java.awt.Color.RED, java.awt.Color.BLUE))
            .statusCode()), "image.set", "Rosa Root uploaded a new image for Book club: Avatar"),
        new Case("pins", () -> f.admin("POST", "/api/v1/admin/communities/book-club/featured", "{\"object\":\"" + anaPost + "\"}", 201),
            "pin.added", "The admin API pinned “This month we read Piranesi. Who has started?”"),
        new Case("filters created", () -> f.admin("POST", "/api/v1/admin/communities/book-club/filters",
            "{\"kind\":\"keywords\",\"config\":{\"words\":[\"spoiler\"]},\"action\":\"hold\"}", 200),
            "filter.created", "The admin API added filter #"),
        new Case("filters changed and deleted", () -> {
          long id = f.hearth.sql("SELECT max(id) FROM filters").get(0).getLong(0);
          f.admin("PUT", "/api/v1/admin/communities/book-club/filters/" + id,
              "{\"kind\":\"keywords\",\"config\":{\"words\":[\"ending\"]},\"action\":\"reject\"}", 200);
          f.admin("DELETE", "/api/v1/admin/communities/book-club/filters/" + id, null, 200);
        }, "filter.deleted", "The admin API deleted filter #"),
        new Case("staff accounts", () -> f.staff("mod", "moderator"), "staff.account.created",
            "The admin API created the staff account mod"),
        new Case("staff roles", () -> post("/staff/admin/roles", Map.of("_csrf", csrf, "username", "mod", "community",
            "book-club", "role", "owner")), "staff.role.set", "Rosa Root made mod Owner of Book club"),
        new Case("invites", () -> {
          JsonNode invite = f.admin("POST", "/api/v1/admin/communities/book-club/invites", "{\"maxUses\":3}", 200);
          f.admin("DELETE", "/api/v1/admin/communities/book-club/invites/" + invite.get("id").asLong(), null, 200);
        }, "invite.revoked", "The admin API revoked invite link #"),
        new Case("posts written", () -> f.admin("POST", "/api/v1/admin/communities/book-club/posts",
            "{\"content\":\"Our next book is Piranesi\"}", 201), "post.publish", "The admin API published"),
        new Case("members", () -> f.admin("POST", "/api/v1/admin/communities/book-club/members/ban",
            "{\"actor\":\"" + WebFixture.actor(ana) + "\",\"reason\":\"spam\"}", 200),
            "member.banned", "The admin API banned Ana Reads (@ana@"),
        new Case("domain policies", () -> f.admin("PUT", "/api/v1/admin/domains/spam.example",
            "{\"policy\":\"block\",\"reason\":\"spam\"}", 200), "domain.block", "The admin API blocked the server spam.example"),
        new Case("instance settings", () -> f.admin("PUT", "/api/v1/admin/instance", "{\"name\":\"Hearth of Riga\","
            + "\"contact\":\"@admin@riga.example\",\"rules\":[\"Be kind\"]}", 200),
            "instance.profile", "The admin API changed the server’s profile and rules"),
        new Case("communities", () -> {
          f.hearth.createCommunity("choir", "The Choir");
          f.admin("POST", "/api/v1/admin/communities/choir/archive", null, 200);
        }, "community.archive", "The admin API archived The Choir"));
    List<String> missing = new ArrayList<>();
    for (Case c : cases) {
      long before = count(c.action());
      c.step().run();
      JsonNode entries = f.admin("GET", "/api/v1/admin/audit?kind=" + c.action() + "&lang=en&limit=5", null, 200);
      if (count(c.action()) <= before) {
        missing.add(c.name() + ": no " + c.action() + " entry");
        continue;
      }
      String summary = entries.get(0).get("summary").asText();
      if (!summary.startsWith(c.sentence())) {
        missing.add(c.name() + ": \"" + summary + "\" does not start with \"" + c.sentence() + "\"");
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void theLogShowsNamesInTheReadersLanguageAndFilters() throws Exception {
    f.admin("POST", "/api/v1/admin/communities/book-club/members/remove",
        "{\"actor\":\"" + WebFixture.actor(bea) + "\",\"reason\":\"<script>alert(1)</script>\"}", 200);
    JsonNode ru = f.admin("GET", "/api/v1/admin/audit?kind=member&lang=ru", null, 200);
    JsonNode removal = ru.get(0);
    assertEquals("member.removed", removal.get("action").asText(), "the code is still there");
    assertTrue(removal.get("summary").asText().startsWith("API администратора исключает Bea Writes (@bea@"),
        removal.get("summary").asText());
    assertEquals("Bea Writes", removal.get("member").get("name").asText());
    assertEquals("Book club", removal.get("communityName").asText());

    HttpResponse<String> page = root.get("/staff/c/book-club/audit?kind=member");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<b>The admin API</b> removed Bea Writes (@bea@"), "a sentence with names");
    assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the reason stays text");
    assertFalse(page.body().contains("<script>alert(1)"));
    assertFalse(page.body().contains("<table"), "a list, not a wide table");
    HttpResponse<String> russian = get("/staff/c/book-club/audit?kind=member", "ru");
    assertTrue(russian.body().contains("<b>API администратора</b> исключает Bea Writes"), "in Russian");

    String host = f.hearth.sql("SELECT host FROM remote_actors WHERE id = $1", WebFixture.actor(bea)).get(0).getString(0);
    String byMember = root.get("/staff/admin/audit?member=" + URLEncoder.encode("@bea@" + host, StandardCharsets.UTF_8)).body();
    assertTrue(byMember.contains("removed Bea Writes"), "filtered by the member's handle");
    assertFalse(byMember.contains("blocked the server"), "and nothing else");
    String byStaff = root.get("/staff/admin/audit?actor=staff:root").body();
    assertTrue(byStaff.contains("Rosa Root") || byStaff.contains("Nothing recorded yet"));
    assertFalse(byStaff.contains("The admin API</b>"), "only the chosen staff member's entries");
    String tomorrow = java.time.LocalDate.now().plusDays(2).toString();
    assertTrue(root.get("/staff/admin/audit?from=" + tomorrow).body().contains("Nothing recorded yet."), "a date range");
  }

  @Test
  void anUnknownActionReadsAsAGenericSentence() throws Exception {
    f.hearth.sql("INSERT INTO audit_log (community_id, actor, action, target) SELECT id, 'staff:root', 'member.warned', $1 "
        + "FROM communities WHERE slug = 'book-club'", WebFixture.actor(ana));
    JsonNode en = f.admin("GET", "/api/v1/admin/audit?action=member.warned&lang=en", null, 200);
    assertTrue(en.get(0).get("summary").asText().startsWith("Rosa Root made a change “member.warned” concerning Ana Reads"),
        en.get(0).get("summary").asText());
  }

  static long count(String action) {
    return f.hearth.sql("SELECT count(*) FROM audit_log WHERE action = $1", action).get(0).getLong(0);
  }

  static void post(String path, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpResponse<String> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(HttpRequest
        .newBuilder(URI.create(f.hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", root.session)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, r.statusCode(), path + ": " + r.body());
  }

  static HttpResponse<String> get(String path, String lang) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.hearth.base + path))
        .header("Cookie", root.session + "; lang=" + lang).build(), HttpResponse.BodyHandlers.ofString());
  }
}
