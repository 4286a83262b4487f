package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.Fediverse;
import social.hearth.testing.StaffWeb;

/**
 * Forms never lose what was typed (issue 15, item 4): the recurring post form and the member page's warning and note
 * forms, refused, come back as typed with the reason next to the field, never as a bare error page.
 */
class RefusedFormsKeepTheirInputTest {

  static WebFixture f;
  static String amy;
  static StaffWeb maya;

  @BeforeAll
  static void start() throws Exception {
    f = WebFixture.start("127.0.0.92");
    f.staff("maya", "moderator");
    SigningKey key = f.person("amy", "Amy Reads");
    f.follow(key);
    new Fediverse(f.hearth, f.remote).awaitFor(key, "Accept", j -> true);
    amy = WebFixture.actor(key);
    maya = StaffWeb.signIn(f.hearth, "maya", WebFixture.PASSWORD);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", maya.csrf());
    return maya.multipart(path, all, null, null, null);
  }

  @Test
  void aRecurringPostWithAnUnknownTimeZoneComesBackAsTypedWithTheReasonByTheZone() throws Exception {
    HttpResponse<String> r = form("/staff/c/book-club/schedules", Map.of("content", "Weekly thread: what are you reading?",
        "rrule", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18", "timezone", "Mars/Olympus", "as", "me"));
    assertEquals(400, r.statusCode());
    String page = r.body();
    assertTrue(page.contains("Weekly thread: what are you reading?</textarea>"), page);
    assertTrue(page.contains("value=\"FREQ=WEEKLY;BYDAY=FR;BYHOUR=18\""), page);
    assertTrue(page.contains("value=\"Mars/Olympus\""), page);
    assertTrue(page.contains("id=\"s-tz-error\""), "the reason is next to the time zone: " + page);
    assertTrue(page.contains("is not a known time zone"), page);
    assertTrue(page.contains("value=\"me\" checked"), "the chosen voice is kept");
    assertEquals(0, f.hearth.sql("SELECT count(*) FROM post_schedules").get(0).getLong(0), "nothing was saved");

    HttpResponse<String> badRule = form("/staff/c/book-club/schedules", Map.of("content", "Weekly thread",
        "rrule", "FREQ=YEARLY", "timezone", "Europe/Moscow"));
    assertEquals(400, badRule.statusCode());
    assertTrue(badRule.body().contains("id=\"s-rrule-error\""), badRule.body());
    assertTrue(badRule.body().contains("value=\"Europe/Moscow\""), badRule.body());

    HttpResponse<String> ok = form("/staff/c/book-club/schedules", Map.of("content", "Weekly thread",
        "rrule", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18", "timezone", "Europe/Moscow"));
    assertEquals(303, ok.statusCode(), ok.body());
    assertTrue(ok.headers().firstValue("location").orElse("").contains("notice=schedule_created"));
  }

  @Test
  void aTooLongWarningAndAnEmptyNoteComeBackOnTheMemberPageAsTyped() throws Exception {
    String back = "/staff/c/book-club/member?actor=" + URLEncoder.encode(amy, StandardCharsets.UTF_8);
    String longNote = "Please use a content warning for chapter 12. ".repeat(30);
    HttpResponse<String> warn = form("/staff/c/book-club/members/warn", Map.of("actor", amy, "rule", "2",
        "note", longNote, "back", back));
    assertEquals(400, warn.statusCode(), warn.headers().firstValue("location").orElse(""));
    String page = warn.body();
    assertTrue(page.contains(longNote.strip()), "the note is kept as typed");
    assertTrue(page.contains("id=\"warn-note-error\""), page);
    assertTrue(page.contains("note is too long"), page);
    assertTrue(page.contains("<option value=\"2\" selected>"), "the chosen rule is kept: " + page);
    assertEquals(0, f.hearth.sql("SELECT count(*) FROM member_warnings").get(0).getLong(0), "no warning was sent");

    HttpResponse<String> unknownRule = form("/staff/c/book-club/members/warn", Map.of("actor", amy, "rule", "9",
        "note", "Spoilers", "back", back));
    assertEquals(400, unknownRule.statusCode());
    assertTrue(unknownRule.body().contains("id=\"warn-rule-error\""), unknownRule.body());
    assertTrue(unknownRule.body().contains("Spoilers</textarea>"), unknownRule.body());

    HttpResponse<String> note = form("/staff/c/book-club/members/note", Map.of("actor", amy, "text", "   ", "back", back));
    assertEquals(400, note.statusCode());
    assertTrue(note.body().contains("id=\"note-text-error\""), note.body());
    assertTrue(note.body().contains("A note has 1 to 2000 characters."), note.body());

    HttpResponse<String> saved = form("/staff/c/book-club/members/note", Map.of("actor", amy,
        "text", "Asked twice about spoilers", "back", back));
    assertEquals(303, saved.statusCode(), saved.body());
    assertTrue(maya.get(back).body().contains("Asked twice about spoilers"));
  }
}
