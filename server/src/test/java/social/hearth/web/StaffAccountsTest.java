package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.StaffWeb;

/**
 * Instance admins manage staff accounts: disable (no sign-in, sessions end at once), re-enable, delete (the audit log
 * still names the account), reset a password (a forced change after sign-in), never their own account or the last
 * instance admin; and invite new staff by a one-time link, in the pages and through the admin API.
 */
class StaffAccountsTest {

  static final HttpClient NO_REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  static WebFixture f;
  static StaffWeb root;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.75");
    f.staff("root", null);
    root = StaffWeb.signIn(f.hearth, "root", WebFixture.PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aDisabledAccountCannotSignInAndItsSessionEndsAtOnce() throws Exception {
    f.staff("dora", "moderator");
    StaffWeb dora = StaffWeb.signIn(f.hearth, "dora", WebFixture.PASSWORD);
    assertEquals(200, dora.get("/staff/c/book-club").statusCode());
    assertEquals(303, post(root, "/staff/admin/accounts/dora/disable", Map.of()).statusCode());
    assertEquals(303, dora.get("/staff/c/book-club").statusCode(), "the open session ended");
    AssertionError refused = assertThrows(AssertionError.class, () -> StaffWeb.signIn(f.hearth, "dora", WebFixture.PASSWORD));
    assertTrue(refused.getMessage().contains("This account is disabled"), refused.getMessage());
    assertTrue(root.get("/staff/admin").body().contains("Disabled"));

    assertEquals(303, post(root, "/staff/admin/accounts/dora/enable", Map.of()).statusCode());
    assertEquals(200, StaffWeb.signIn(f.hearth, "dora", WebFixture.PASSWORD).get("/staff/c/book-club").statusCode());
  }

  @Test
  void nobodyDisablesOrDeletesTheirOwnAccountOrTheLastInstanceAdmin() throws Exception {
    HttpResponse<String> self = post(root, "/staff/admin/accounts/root/disable", Map.of());
    assertEquals(409, self.statusCode());
    assertTrue(self.body().contains("You cannot disable or delete your own account."));
    HttpResponse<String> last = f.hearth.admin("DELETE", "/api/v1/admin/accounts/root", null, social.hearth.testing.TestHearth.ADMIN_TOKEN);
    assertEquals(409, last.statusCode(), last.body());
    assertTrue(last.body().contains("last instance admin"), last.body());
    assertEquals(200, root.get("/staff").statusCode(), "still signed in");
  }

  @Test
  void aResetPasswordMustBeReplacedAtTheNextSignIn() throws Exception {
    f.staff("reza", "moderator");
    StaffWeb before = StaffWeb.signIn(f.hearth, "reza", WebFixture.PASSWORD);
    HttpResponse<String> page = post(root, "/staff/admin/accounts/reza/reset", Map.of());
    assertEquals(200, page.statusCode());
    Matcher m = Pattern.compile("<code class=\"secret\">([^<]+)</code>").matcher(page.body());
    assertTrue(m.find(), "the temporary password is shown once");
    String temporary = m.group(1);
    assertEquals(303, before.get("/staff").statusCode(), "every session ended");

    StaffWeb reza = StaffWeb.signIn(f.hearth, "reza", temporary);
    HttpResponse<String> elsewhere = reza.get("/staff/c/book-club");
    assertEquals(303, elsewhere.statusCode());
    assertEquals("/staff/password", elsewhere.headers().firstValue("Location").orElseThrow(), "the forced change first");
    HttpResponse<String> form = reza.get("/staff/password");
    assertTrue(form.body().contains("An instance admin reset your password"));
    assertFalse(form.body().contains("name=\"current\""), "no current password asked");
    String csrf = csrf(form.body());
    HttpResponse<String> changed = post(reza, "/staff/password", Map.of("_csrf", csrf, "password", "a brand new passphrase",
        "repeat", "a brand new passphrase"));
    assertEquals(303, changed.statusCode(), changed.body());
    StaffWeb after = StaffWeb.signIn(f.hearth, "reza", "a brand new passphrase");
    assertEquals(200, after.get("/staff/c/book-club").statusCode(), "free to work again");
  }

  @Test
  void aDeletedAccountStaysReadableByNameInTheAuditLog() throws Exception {
    f.staff("dave", "moderator");
    f.hearth.sql("UPDATE accounts SET display_name = 'Dave Deleted' WHERE username = 'dave'");
    StaffWeb dave = StaffWeb.signIn(f.hearth, "dave", WebFixture.PASSWORD);
    HttpResponse<String> rules = post(dave, "/staff/admin/roles", Map.of("username", "dave", "community", "book-club",
        "role", "owner"));
    assertEquals(403, rules.statusCode(), "a moderator is no instance admin");
    f.hearth.sql("INSERT INTO audit_log (community_id, actor, action, target) SELECT id, 'staff:dave', 'invite.created', "
        + "NULL FROM communities WHERE slug = 'book-club'");
    HttpResponse<String> unconfirmed = post(root, "/staff/admin/accounts/dave/delete", Map.of("confirm", "nope"));
    assertEquals(400, unconfirmed.statusCode());
    assertEquals(303, post(root, "/staff/admin/accounts/dave/delete", Map.of("confirm", "dave")).statusCode());
    assertEquals(303, dave.get("/staff").statusCode(), "its sessions ended");
    String log = root.get("/staff/admin/audit").body();
    assertTrue(log.contains("<b>Dave Deleted</b> created an invite link for <b>Book club</b>"), "still named");
    assertTrue(log.contains("deleted the staff account <b>dave</b>"));
    HttpResponse<String> again = f.hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"dave\",\"password\":\""
        + WebFixture.PASSWORD + "\"}", social.hearth.testing.TestHearth.ADMIN_TOKEN);
    assertEquals(409, again.statusCode(), "the name stays taken");
  }

  @Test
  void anInvitationLinkWorksOnceWithItsRoles() throws Exception {
    HttpResponse<String> made = post(root, "/staff/admin/invitations", Map.of("role_book-club", "moderator"));
    assertEquals(200, made.statusCode());
    Matcher m = Pattern.compile("value=\"(http[^\"]+/staff/join/([A-Za-z0-9_-]+))\"").matcher(made.body());
    assertTrue(m.find(), "the link is shown");
    String path = "/staff/join/" + m.group(2);
    assertEquals(1, f.hearth.sql("SELECT count(*) FROM staff_invitations WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')",
        m.group(2)).get(0).getLong(0), "stored as its hash");
    assertEquals(0, f.hearth.sql("SELECT count(*) FROM staff_invitations WHERE token_hash = $1", m.group(2)).get(0).getLong(0));

    HttpResponse<String> form = NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(f.hearth.base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("Join the staff") && form.body().contains("book-club: Moderator"), form.body());
    HttpResponse<String> mismatch = anonymous(path, Map.of("username", "ivy", "password", "ivy's long passphrase",
        "repeat", "something else"));
    assertEquals(400, mismatch.statusCode());
    assertTrue(mismatch.body().contains("value=\"ivy\""), "the username is kept");
    HttpResponse<String> joined = anonymous(path, Map.of("username", "ivy", "password", "ivy's long passphrase",
        "repeat", "ivy's long passphrase"));
    assertEquals(303, joined.statusCode(), joined.body());
    StaffWeb ivy = StaffWeb.signIn(f.hearth, "ivy", "ivy's long passphrase");
    assertEquals(200, ivy.get("/staff/c/book-club/members").statusCode(), "a moderator of book-club");
    assertEquals(404, anonymous(path, Map.of("username", "ivy2", "password", "another long passphrase",
        "repeat", "another long passphrase")).statusCode(), "single use");

    JsonNode api = f.admin("POST", "/api/v1/admin/staff-invitations", "{\"username\":\"jo\",\"roles\":{\"book-club\":\"owner\"}}", 201);
    assertTrue(api.get("link").asText().contains("/staff/join/"));
    assertEquals("owner", api.get("roles").get("book-club").asText());
    JsonNode open = f.admin("GET", "/api/v1/admin/staff-invitations", null, 200);
    assertEquals("jo", open.get(0).get("username").asText());
    f.admin("DELETE", "/api/v1/admin/staff-invitations/" + api.get("id").asLong(), null, 200);
    String revoked = api.get("link").asText().substring(f.hearth.base.length());
    assertEquals(404, NO_REDIRECT.send(HttpRequest.newBuilder(URI.create(f.hearth.base + revoked)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode(), "a revoked link is gone");
  }

  @Test
  void theAdminApiDisablesResetsAndDeletes() throws Exception {
    f.staff("api_user", "moderator");
    assertTrue(f.admin("POST", "/api/v1/admin/accounts/api_user/disable", null, 200).get("disabled").asBoolean());
    JsonNode list = f.admin("GET", "/api/v1/admin/accounts", null, 200);
    boolean disabled = false;
    for (JsonNode a : list) {
      disabled |= a.get("username").asText().equals("api_user") && a.get("disabled").asBoolean();
    }
    assertTrue(disabled, list.toString());
    f.admin("POST", "/api/v1/admin/accounts/api_user/enable", null, 200);
    String temporary = f.admin("POST", "/api/v1/admin/accounts/api_user/password-reset", null, 200).get("temporaryPassword").asText();
    StaffWeb.signIn(f.hearth, "api_user", temporary);
    f.admin("DELETE", "/api/v1/admin/accounts/api_user", null, 200);
    assertEquals(404, f.hearth.admin("DELETE", "/api/v1/admin/accounts/api_user", null,
        social.hearth.testing.TestHearth.ADMIN_TOKEN).statusCode());
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(html);
    assertTrue(m.find());
    return m.group(1);
  }

  static HttpResponse<String> post(StaffWeb who, String path, Map<String, String> form) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(form);
    if (!all.containsKey("_csrf")) {
      all.put("_csrf", who.csrf());
    }
    return send(path, who.session, all);
  }

  static HttpResponse<String> anonymous(String path, Map<String, String> form) throws Exception {
    return send(path, "", form);
  }

  static HttpResponse<String> send(String path, String cookie, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.hearth.base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (!cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    return NO_REDIRECT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
