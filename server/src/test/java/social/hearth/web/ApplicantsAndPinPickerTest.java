package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.StaffWeb;
import social.hearth.testing.TestHearth;

/**
 * Small things a moderator noticed (issue 15, item 8): a join applicant shows how old their account is, their server
 * and their bio (as text, clipped, never as markup); the pin picker keeps a post's content warning in front of its text
 * and says who wrote it and when.
 */
class ApplicantsAndPinPickerTest {

  static WebFixture f;
  static String host;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.91");
    host = java.net.URI.create(f.remote.origin).getHost();
    f.staff("olga", "owner");
    SigningKey ana = f.person("ana", "Ana Reads");
    f.follow(ana);
    warnedPost(ana, "Spoilers for Piranesi", "<p>The statues are the House's memory.</p>");
    f.admin("PATCH", "/api/v1/admin/communities/book-club", "{\"joinPolicy\":\"approval\"}", 200);

    SigningKey newcomer = f.remote.addPerson("newcomer");
    ObjectNode doc = (ObjectNode) f.hearth.getJsonFrom(WebFixture.actor(newcomer));
    doc.put("name", "New Comer");
    doc.put("published", Instant.now().minus(Duration.ofDays(3)).minus(Duration.ofHours(2)).toString());
    doc.put("summary", "<p>I read <b>science fiction</b> on trains.</p><script>alert('bio')</script>" + "x".repeat(600));
    f.remote.serve("/users/newcomer", doc.toString());
    f.follow(newcomer);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A public post with a content warning, addressed to the community. */
  static void warnedPost(SigningKey author, String warning, String html) throws Exception {
    String id = WebFixture.actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", WebFixture.actor(author)).put("content", html)
        .put("summary", warning).put("sensitive", true).put("published", Instant.now().toString()).put("url", id);
    n.putArray("to").add(WebFixture.PUBLIC);
    n.putArray("cc").add(f.group);
    ArrayNode tags = n.putArray("tag");
    tags.addObject().put("type", "Mention").put("href", f.group);
    f.remote.serve(id.substring(f.remote.origin.length()), n.toString());
    f.send(author, f.hearth.base + "/inbox", f.activity(author, "Create", n));
  }

  @Test
  void aJoinRequestShowsTheApplicantsAccountAgeServerAndBioAsClippedText() throws Exception {
    StaffWeb olga = StaffWeb.signIn(f.hearth, "olga", WebFixture.PASSWORD);
    for (String path : new String[] {"/staff/c/book-club/members?state=pending", "/staff/c/book-club"}) {
      HttpResponse<String> r = olga.get(path);
      assertEquals(200, r.statusCode(), r.body());
      String page = r.body();
      assertTrue(page.contains("New Comer"), page);
      assertTrue(page.contains("from " + host), path + ": " + page);
      assertTrue(page.contains("account created 3 days ago"), path + ": " + page);
      assertTrue(page.contains("I read science fiction on trains."), path + ": " + page);
      assertFalse(page.contains("<b>science fiction</b>"), "the bio is shown as text");
      assertFalse(page.contains("alert('bio')"), "a script in a bio is dropped");
      assertFalse(page.contains("x".repeat(400)), "a long bio is clipped");
    }
  }

  @Test
  void thePinPickerKeepsAPostsContentWarningInFrontAndShowsItsAuthorAndDate() throws Exception {
    StaffWeb olga = StaffWeb.signIn(f.hearth, "olga", WebFixture.PASSWORD);
    HttpResponse<String> r = olga.get("/staff/c/book-club/settings");
    assertEquals(200, r.statusCode(), r.body());
    String page = r.body();
    int row = page.indexOf("data-pin-candidate");
    assertTrue(row > 0, page);
    String picker = page.substring(row);
    int warning = picker.indexOf("<summary>Spoilers for Piranesi");
    int text = picker.indexOf("The statues are the House");
    assertTrue(warning > 0 && text > warning, "the warning is shown, the text behind it: " + picker);
    assertTrue(picker.substring(0, text).contains("<details class=\"cw\">"), picker);
    assertTrue(picker.contains("by Ana Reads (@ana@" + host), picker);
  }
}
