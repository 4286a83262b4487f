package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * The exact JSON the community sends for a post it writes itself (docs/federation.md, "The community's own posts"):
 * {@code Create{Note}} from the Group to Mastodon-family members, the same Create wrapped in the Group's
 * {@code Announce} to group-aware ones (Lemmy, PieFed, NodeBB...), and a staff member's post re-shared in both FEP-1b12
 * forms. Compared with the fixtures in {@code src/test/resources/fixtures/voice} after ids, keys and times are
 * replaced by placeholders.
 */
class CommunityVoiceWireTest {

  static TestHearth hearth;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    hearth.createCommunity("garden", "Garden");
    hearth.admin("POST", "/api/v1/admin/accounts", "{\"username\":\"maria\",\"password\":\"long-enough-password\"}",
        TestHearth.ADMIN_TOKEN);
    hearth.admin("PUT", "/api/v1/admin/communities/garden/staff/maria", "{\"role\":\"owner\"}", TestHearth.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
  }

  private static String write(String body) throws Exception {
    HttpResponse<String> r = hearth.admin("POST", "/api/v1/admin/communities/garden/posts", body, TestHearth.ADMIN_TOKEN);
    assertEquals(201, r.statusCode(), r.body());
    return TestHearth.JSON.readTree(r.body()).get("id").asText();
  }

  /** The stored activity (as sent) of a type about an object, by a given actor (null: the Group). */
  private static String sent(String type, String objectId, String wrappedType) {
    String sql = wrappedType == null
        ? "SELECT body::text FROM activities WHERE type = $1 AND object_id = $2 AND body->>'actor' LIKE '%/c/garden'"
        : "SELECT body::text FROM activities WHERE type = $1 AND body->'object'->'object'->>'id' = $2 "
          + "AND body->'object'->>'type' = $3";
    var rows = wrappedType == null ? hearth.sql(sql, type, objectId) : hearth.sql(sql, type, objectId, wrappedType);
    assertEquals(1, rows.size(), type + " " + objectId + " " + wrappedType);
    return rows.get(0).getString(0);
  }

  private static JsonNode normalised(String json, String key) throws Exception {
    String s = json.replace(hearth.base, "https://hearth.example").replace(key, "{key}")
        .replaceAll("/activities/[0-9a-f-]{36}", "/activities/{uuid}")
        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "{time}");
    return TestHearth.JSON.readTree(s);
  }

  private static JsonNode fixture(String name) throws Exception {
    try (InputStream in = CommunityVoiceWireTest.class.getResourceAsStream("/fixtures/voice/" + name)) {
      if (in == null) {
        throw new AssertionError("missing fixture " + name);
      }
      return TestHearth.JSON.readTree(in);
    }
  }

  @Test
  void theCommunitysOwnPostIsTheGroupsCreateAndGroupAwareServersGetItInTheGroupsAnnounce() throws Exception {
    String iri = write("{\"content\":\"Welcome! Say hello in #introductions\",\"language\":\"en\","
        + "\"summary\":\"about us\"}");
    String key = iri.substring(iri.lastIndexOf('/') + 1);
    JsonNode create = normalised(sent("Create", iri, null), key);
    JsonNode announce = normalised(sent("Announce", iri, "Create"), key);
    assertEquals(fixture("community-create.json"), create, "Mastodon-family members get this");
    assertEquals(fixture("community-announce-create.json"), announce, "group-aware members get this");
  }

  @Test
  void aStaffPostIsReSharedInBothForms() throws Exception {
    String iri = write("{\"content\":\"Hello from Maria\",\"as\":\"maria\",\"language\":\"en\"}");
    String key = iri.substring(iri.lastIndexOf('/') + 1);
    JsonNode plain = normalised(sent("Announce", iri, null), key);
    JsonNode wrapped = normalised(sent("Announce", iri, "Create"), key);
    assertEquals(fixture("staff-announce.json"), plain, "Mastodon-family members get the plain Announce");
    assertEquals(fixture("staff-announce-create.json"), wrapped, "group-aware members get Maria's Create, wrapped");
  }
}
