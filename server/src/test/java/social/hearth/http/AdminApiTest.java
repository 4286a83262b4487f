package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import social.hearth.testing.TestHearth;

/** The admin API creates and lists communities, and refuses bad input and bad tokens with a reason. */
class AdminApiTest {

  static TestHearth hearth;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  HttpResponse<String> create(String json) throws Exception {
    return hearth.admin("POST", "/api/v1/admin/communities", json, TestHearth.ADMIN_TOKEN);
  }

  @Test
  void aCreatorCreatesACommunityAndSeesItListed() throws Exception {
    HttpResponse<String> r = create("{\"slug\":\"night-owls\",\"name\":\"Night Owls\",\"summary\":\"Late readers\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode c = TestHearth.JSON.readTree(r.body());
    assertEquals("night-owls", c.get("slug").asText());
    assertEquals(hearth.base + "/c/night-owls", c.get("actor").asText());
    assertEquals("@night-owls@" + hearth.base.substring(7), c.get("handle").asText());
    assertEquals(hearth.base + "/c/night-owls", r.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> list = hearth.admin("GET", "/api/v1/admin/communities", null, TestHearth.ADMIN_TOKEN);
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("\"night-owls\""), list.body());
  }

  @Test
  void aDuplicateSlugIsAConflict() throws Exception {
    assertEquals(201, create("{\"slug\":\"twice\",\"name\":\"Twice\"}").statusCode());
    HttpResponse<String> again = create("{\"slug\":\"twice\",\"name\":\"Twice again\"}");
    assertEquals(409, again.statusCode());
    assertTrue(again.body().contains("already exists"), again.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Upper", "-dash", "dot.", "sp ace", "ünï", "a/b", "", "instance.actor",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void aSlugThatMastodonOrMisskeyCouldNotMentionIsRefused(String slug) throws Exception {
    HttpResponse<String> r = create("{\"slug\":\"" + slug + "\",\"name\":\"X\"}");
    assertEquals(400, r.statusCode(), slug);
    assertTrue(TestHearth.JSON.readTree(r.body()).get("message").asText().length() > 10, r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rust_lang", "book-club", "a.b", "x", "42"})
  void slugsBothServersAcceptAreTaken(String slug) throws Exception {
    assertEquals(201, create("{\"slug\":\"" + slug + "\",\"name\":\"X\"}").statusCode());
  }

  @Test
  void malformedJsonIsABadRequestWithAReason() throws Exception {
    HttpResponse<String> r = create("{\"slug\":");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("not valid JSON"), r.body());
    assertEquals(400, create("[1,2]").statusCode());
    assertEquals(400, create("{\"slug\":5,\"name\":\"x\"}").statusCode());
    assertEquals(400, create("{\"slug\":\"noname\"}").statusCode());
  }

  @Test
  void aMissingOrWrongTokenIsUnauthorized() throws Exception {
    assertEquals(401, hearth.admin("GET", "/api/v1/admin/communities", null, null).statusCode());
    assertEquals(401, hearth.admin("GET", "/api/v1/admin/communities", null, "wrong-token-wrong-token").statusCode());
    assertEquals(401, hearth.admin("POST", "/api/v1/admin/communities", "{\"slug\":\"sneaky\",\"name\":\"S\"}", "nope").statusCode());
    assertEquals(404, hearth.get(hearth.base + "/c/sneaky", "application/activity+json").statusCode());
  }

  // ------------------------------------------------------------------ issue 14: owner, archive, delete, the server's profile

  @Test
  void aCommunityIsCreatedWithAnOwnerOrNotAtAllWhenTheOwnerIsUnknown() throws Exception {
    assertEquals(201, hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"vera\",\"password\":"
        + "\"correct horse battery\"}", TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(201, create("{\"slug\":\"gardeners\",\"name\":\"Gardeners\",\"owner\":\"vera\"}").statusCode());
    JsonNode staff = TestHearth.JSON.readTree(hearth.admin("GET", "/api/v1/admin/communities/gardeners/staff", null,
        TestHearth.ADMIN_TOKEN).body());
    assertTrue(staff.toString().contains("vera") && staff.toString().contains("owner"), staff.toString());

    HttpResponse<String> unknown = create("{\"slug\":\"orphans\",\"name\":\"Orphans\",\"owner\":\"nobody\"}");
    assertEquals(400, unknown.statusCode());
    assertEquals("there is no staff account 'nobody'", TestHearth.JSON.readTree(unknown.body()).get("message").asText());
    assertEquals(404, hearth.admin("GET", "/api/v1/admin/communities/orphans", null, TestHearth.ADMIN_TOKEN).statusCode(),
        "nothing was created");

    // a staff account's name is found by WebFinger as @vera@host too: a community may not take it
    HttpResponse<String> clash = create("{\"slug\":\"vera\",\"name\":\"Vera\"}");
    assertEquals(409, clash.statusCode());
    assertTrue(clash.body().contains("staff account"), clash.body());
    HttpResponse<String> reserved = create("{\"slug\":\"support\",\"name\":\"Support\"}");
    assertEquals(400, reserved.statusCode());
    assertTrue(reserved.body().contains("reserved"), reserved.body());
  }

  @Test
  void archivingAndDeletingAnswerForTheCommunityAndNotFoundForOthers() throws Exception {
    assertEquals(201, create("{\"slug\":\"shelved\",\"name\":\"Shelved\"}").statusCode());
    HttpResponse<String> archived = hearth.admin("POST", "/api/v1/admin/communities/shelved/archive", null, TestHearth.ADMIN_TOKEN);
    assertEquals(200, archived.statusCode());
    assertTrue(TestHearth.JSON.readTree(archived.body()).get("archived").asBoolean());
    assertTrue(TestHearth.JSON.readTree(hearth.admin("GET", "/api/v1/admin/communities/shelved", null,
        TestHearth.ADMIN_TOKEN).body()).get("archived").asBoolean());
    assertEquals(404, hearth.admin("POST", "/api/v1/admin/communities/nowhere/archive", null, TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(404, hearth.admin("DELETE", "/api/v1/admin/communities/nowhere", null, TestHearth.ADMIN_TOKEN).statusCode());
    HttpResponse<String> deleted = hearth.admin("DELETE", "/api/v1/admin/communities/shelved", null, TestHearth.ADMIN_TOKEN);
    assertEquals(200, deleted.statusCode(), deleted.body());
    assertEquals(0, TestHearth.JSON.readTree(deleted.body()).get("deliveries").asInt(), "no members, nothing to send");
    assertEquals(404, hearth.admin("GET", "/api/v1/admin/communities/shelved", null, TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(404, hearth.admin("DELETE", "/api/v1/admin/communities/shelved", null, TestHearth.ADMIN_TOKEN).statusCode());
    assertTrue(hearth.admin("GET", "/api/v1/admin/communities", null, TestHearth.ADMIN_TOKEN).body().indexOf("\"shelved\"") < 0);
  }

  @Test
  void theServersProfileIsCheckedAndSaved() throws Exception {
    HttpResponse<String> bad = hearth.admin("PUT", "/api/v1/admin/instance", "{\"contact\":\"not an address\"}",
        TestHearth.ADMIN_TOKEN);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("email address"), bad.body());
    assertEquals(400, hearth.admin("PUT", "/api/v1/admin/instance", "{\"rules\":\"one\"}", TestHearth.ADMIN_TOKEN).statusCode());
    assertEquals(400, hearth.admin("PUT", "/api/v1/admin/instance", "{\"name\":\"" + "n".repeat(101) + "\"}",
        TestHearth.ADMIN_TOKEN).statusCode());
    HttpResponse<String> ok = hearth.admin("PUT", "/api/v1/admin/instance", "{\"name\":\" Night Server \",\"description\":"
        + "\"For owls.\",\"contact\":\"owl@example.org\",\"rules\":[\"Be quiet\",\"  \"]}", TestHearth.ADMIN_TOKEN);
    assertEquals(200, ok.statusCode(), ok.body());
    JsonNode saved = TestHearth.JSON.readTree(hearth.admin("GET", "/api/v1/admin/instance", null, TestHearth.ADMIN_TOKEN).body());
    assertEquals("Night Server", saved.get("name").asText());
    assertEquals(1, saved.get("rules").size(), "blank rules are dropped");
    assertEquals("owl@example.org", saved.get("contact").asText());
  }
}
