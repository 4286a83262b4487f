package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestHearth;

/**
 * The admin API of the community's own posts, through a real server: what a 201 gives, the Note other servers see,
 * edits and deletions, scheduled and recurring posts, and a 400 with its reason for each bad input, after which
 * nothing was published.
 */
class PostsApiTest {

  static TestHearth hearth;
  static String group;
  static final String POSTS = "/api/v1/admin/communities/garden/posts";

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    group = hearth.createCommunity("garden", "Garden");
    assertEquals(201, api("POST", "/api/v1/admin/accounts",
        "{\"username\":\"maria\",\"password\":\"long-enough-password\"}").statusCode());
    assertEquals(200, api("PUT", "/api/v1/admin/communities/garden/staff/maria", "{\"role\":\"moderator\"}").statusCode());
    assertEquals(201, api("POST", "/api/v1/admin/accounts",
        "{\"username\":\"stranger\",\"password\":\"long-enough-password\"}").statusCode());
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
  }

  static HttpResponse<String> api(String method, String path, String body) throws Exception {
    return hearth.admin(method, path, body, TestHearth.ADMIN_TOKEN);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return TestHearth.JSON.readTree(r.body());
  }

  static long published() {
    return hearth.sql("SELECT count(*) FROM posts").get(0).getLong(0);
  }

  static long activities() {
    return hearth.sql("SELECT count(*) FROM activities").get(0).getLong(0);
  }

  static String png(int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xff8800);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  @Test
  void aCommunityPostIsPublishedAsTheGroupsNoteWithItsHashtagsImageAndContentWarning() throws Exception {
    HttpResponse<String> r = api("POST", POSTS, "{\"content\":\"Welcome! Say hello in **#introductions**.\","
        + "\"summary\":\"long read\",\"language\":\"en\",\"as\":\"community\",\"images\":[{\"data\":\"" + png(40, 30)
        + "\",\"alt\":\"Our garden at dawn\"}]}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode post = json(r);
    assertEquals("published", post.get("state").asText());
    assertTrue(post.get("id").asText().startsWith(hearth.base + "/p/"), post.toString());
    assertEquals(post.get("id").asText(), hearth.base + "/p/" + post.get("key").asText());

    JsonNode note = hearth.getJson(post.get("id").asText());
    assertEquals("Note", note.get("type").asText());
    assertEquals(group, note.get("attributedTo").asText());
    assertEquals("https://www.w3.org/ns/activitystreams#Public", note.get("to").get(0).asText());
    assertEquals(group + "/followers", note.get("cc").get(0).asText());
    assertEquals(group, note.get("audience").asText());
    assertTrue(note.get("content").asText().contains("<strong><a href=\"" + group + "/tags/introductions\""),
        note.get("content").asText());
    assertEquals(note.get("content").asText(), note.get("contentMap").get("en").asText());
    assertEquals("long read", note.get("summary").asText());
    assertTrue(note.get("sensitive").asBoolean());
    JsonNode tag = note.get("tag").get(0);
    assertEquals("Hashtag", tag.get("type").asText());
    assertEquals("#introductions", tag.get("name").asText());
    JsonNode image = note.get("attachment").get(0);
    assertEquals("Document", image.get("type").asText());
    assertEquals("image/png", image.get("mediaType").asText());
    assertEquals("Our garden at dawn", image.get("name").asText());
    assertEquals(40, image.get("width").asInt());
    assertEquals(30, image.get("height").asInt());
    HttpResponse<String> served = hearth.get(image.get("url").asText(), "*/*");
    assertEquals(200, served.statusCode());
    assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
    assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElse(""));

    JsonNode outbox = hearth.getJson(hearth.getJson(group + "/outbox").get("first").asText());
    assertEquals("Create", outbox.get("orderedItems").get(0).get("type").asText(), "the Group's Create is in its outbox");
    assertEquals(post.get("id").asText(), outbox.get("orderedItems").get(0).get("object").get("id").asText());

    HttpResponse<String> page = hearth.get(post.get("url").asText(), "text/html");
    assertTrue(page.body().contains("Say hello in"), "the post's page shows it");
  }

  @Test
  void anEditSendsAnUpdateOfTheSameNoteAndADeleteLeavesATombstone() throws Exception {
    JsonNode post = json(api("POST", POSTS, "{\"content\":\"First words\"}"));
    String iri = post.get("id").asText();
    HttpResponse<String> edited = api("PATCH", POSTS + "/" + post.get("key").asText(), "{\"content\":\"Better words\"}");
    assertEquals(200, edited.statusCode(), edited.body());
    JsonNode note = hearth.getJson(iri);
    assertTrue(note.get("content").asText().contains("Better words"));
    assertTrue(note.has("updated"), "an edited Note says when");
    assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Update' AND object_id = $1", iri)
        .get(0).getLong(0));

    assertEquals(204, api("DELETE", POSTS + "/" + post.get("key").asText(), null).statusCode());
    HttpResponse<String> gone = hearth.get(iri, "application/activity+json");
    assertEquals(410, gone.statusCode());
    assertEquals("Tombstone", json(gone).get("type").asText());
    assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Delete' AND object_id = $1", iri)
        .get(0).getLong(0));
    assertEquals(404, api("GET", POSTS + "/" + post.get("key").asText(), null).statusCode());
  }

  @Test
  void aStaffMembersPostIsTheirsAndTheCommunityReSharesIt() throws Exception {
    HttpResponse<String> r = api("POST", POSTS, "{\"content\":\"Hello from Maria\",\"as\":\"maria\"}");
    assertEquals(201, r.statusCode(), r.body());
    String iri = json(r).get("id").asText();
    JsonNode note = hearth.getJson(iri);
    assertEquals(hearth.base + "/u/maria", note.get("attributedTo").asText());
    assertEquals(group, note.get("audience").asText());
    assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Announce' AND object_id = $1 AND in_outbox",
        iri).get(0).getLong(0), "the community's plain Announce of the staff post");
    assertEquals(1, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Create' AND object_id = $1 "
        + "AND body->>'actor' = $2", iri, hearth.base + "/u/maria").get(0).getLong(0), "Maria's own Create");
  }

  @Test
  void aScheduledPostWaitsAndIsPublishedWhenDue() throws Exception {
    String at = Instant.now().plusSeconds(3600).toString();
    HttpResponse<String> r = api("POST", POSTS, "{\"content\":\"Later\",\"publishAt\":\"" + at + "\",\"pin\":true}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode post = json(r);
    assertEquals("scheduled", post.get("state").asText());
    assertEquals(404, hearth.get(post.get("id").asText(), "application/activity+json").statusCode(), "not out yet");

    hearth.sql("UPDATE authored_posts SET publish_at = now() - interval '1 second' WHERE key = $1", post.get("key").asText());
    hearth.hearth.scheduledPosts().runOnce().await();
    JsonNode now = json(api("GET", POSTS + "/" + post.get("key").asText(), null));
    assertEquals("published", now.get("state").asText());
    assertEquals(200, hearth.get(post.get("id").asText(), "application/activity+json").statusCode());
    assertTrue(hearth.getJson(group + "/featured").toString().contains(post.get("id").asText()), "and pinned");
  }

  @Test
  void aRecurringPostIsScheduledForItsNextOccurrenceAndCanBeDeleted() throws Exception {
    HttpResponse<String> r = api("POST", "/api/v1/admin/communities/garden/schedules", "{\"content\":\"#introductions: "
        + "tell us who you are\",\"rrule\":\"FREQ=WEEKLY;BYDAY=MO;BYHOUR=10\",\"timezone\":\"Europe/Moscow\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode s = json(r);
    java.time.ZonedDateTime next = java.time.OffsetDateTime.parse(s.get("nextAt").asText())
        .atZoneSameInstant(java.time.ZoneId.of("Europe/Moscow"));
    assertEquals(java.time.DayOfWeek.MONDAY, next.getDayOfWeek());
    assertEquals(10, next.getHour());
    assertEquals(1, json(api("GET", "/api/v1/admin/communities/garden/schedules", null)).get("items").size());
    assertEquals(204, api("DELETE", "/api/v1/admin/communities/garden/schedules/" + s.get("key").asText(), null)
        .statusCode());
  }

  @Test
  void eachBadInputIsA400WithItsReasonAndNothingIsPublished() throws Exception {
    long posts = published();
    long sent = activities();
    String big = "a".repeat(20_001);
    byte[] webp = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
    String[][] cases = {
        {"{\"content\":\"   \"}", "content is empty"},
        {"{\"content\":\"" + big + "\"}", "at most 20000"},
        {"{\"content\":\"hi\",\"images\":[{\"data\":\"" + Base64.getEncoder().encodeToString("not an image".getBytes())
            + "\",\"alt\":\"x\"}]}", "PNG, JPEG or GIF"},
        {"{\"content\":\"hi\",\"images\":[{\"data\":\"" + Base64.getEncoder().encodeToString(webp) + "\"}]}", "WebP"},
        {"{\"content\":\"hi\",\"images\":[{\"data\":\"" + Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1])
            + "\"}]}", "larger than 5 MB"},
        {"{\"content\":\"hi\",\"as\":\"nobody\"}", "unknown staff user: nobody"},
        {"{\"content\":\"hi\",\"as\":\"stranger\"}", "not staff of garden"},
        {"{\"content\":\"hi\",\"publishAt\":\"2001-01-01T00:00:00Z\"}", "in the past"},
        {"{\"content\":\"hi\",\"language\":\"english!\"}", "language"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = api("POST", POSTS, c[0]);
      assertEquals(400, r.statusCode(), c[1] + ": " + r.body());
      assertTrue(json(r).get("message").asText().contains(c[1]), c[1] + ": " + r.body());
    }
    assertEquals(posts, published(), "no post was published");
    assertEquals(sent, activities(), "nothing was sent");
    assertFalse(hearth.sql("SELECT 1 FROM authored_posts WHERE markdown = 'hi'").size() > 0, "nothing was kept");
  }

  @Test
  void pinsKeepTheOrderStaffSetAndThePagesShowThemOnceOnTop() throws Exception {
    String first = json(api("POST", POSTS, "{\"content\":\"Pinned one\",\"pin\":true}")).get("id").asText();
    String second = json(api("POST", POSTS, "{\"content\":\"Pinned two\",\"pin\":true,\"as\":\"maria\"}")).get("id").asText();
    JsonNode featured = hearth.getJson(group + "/featured");
    int a = featured.toString().indexOf(first);
    int b = featured.toString().indexOf(second);
    assertTrue(a >= 0 && b > a, "in the order pinned: " + featured);
    HttpResponse<String> moved = api("PATCH", "/api/v1/admin/communities/garden/featured",
        "{\"object\":\"" + second + "\",\"move\":\"up\"}");
    assertEquals(200, moved.statusCode(), moved.body());
    featured = hearth.getJson(group + "/featured");
    assertTrue(featured.toString().indexOf(second) < featured.toString().indexOf(first), "moved up: " + featured);
    int moves = 0;
    while (api("PATCH", "/api/v1/admin/communities/garden/featured", "{\"object\":\"" + second
        + "\",\"move\":\"up\"}").statusCode() == 200 && moves < 5) {
      moves++;
    }
    assertEquals(0, position(second), "moved up until it was first, then refused (409)");

    String page = hearth.get(group, "text/html").body();
    assertEquals(1, page.split("Pinned one", -1).length - 1, "shown once on the community page");
    assertTrue(page.indexOf("Pinned two") < page.indexOf("Pinned one"), "in their order, on top");
    int before = position(first);
    assertEquals(204, api("DELETE", "/api/v1/admin/communities/garden/featured?object="
        + java.net.URLEncoder.encode(second, java.nio.charset.StandardCharsets.UTF_8), null).statusCode());
    assertEquals(before - 1, position(first), "the gap closed");
    assertEquals(List.of(0L), hearth.sql("SELECT count(*) - count(DISTINCT position) FROM featured").stream()
        .map(r -> r.getLong(0)).toList(), "no two pins share a place");
  }

  static int position(String iri) {
    return hearth.sql("SELECT position FROM featured WHERE object_id = $1", iri).get(0).getInteger(0);
  }
}
