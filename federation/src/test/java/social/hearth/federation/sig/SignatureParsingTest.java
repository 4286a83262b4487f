package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SignatureException.Reason;

/**
 * The parsing on the verification path (the Date header, the header list of a Signature) gives the same result as
 * the JDK parsers it replaced or caches in front of, for well-formed and malformed input alike.
 */
class SignatureParsingTest {

  /** The date parse as it was, without the cache: the instant, or null when it is not an HTTP date. */
  static Instant referenceDate(String date) {
    try {
      return ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static Instant parsed(String date) {
    try {
      return DraftCavage.parseHttpDate(date);
    } catch (SignatureException e) {
      assertEquals(Reason.BAD_DATE, e.reason());
      return null;
    }
  }

  @Test
  void aDateSeenAgainGivesTheSameInstantAndABadDateIsRefusedEveryTime() {
    String date = "Sat, 21 Nov 2026 12:00:00 GMT";
    assertEquals(Instant.parse("2026-11-21T12:00:00Z"), parsed(date));
    assertEquals(Instant.parse("2026-11-21T12:00:00Z"), parsed(date));
    assertEquals(Instant.parse("2026-11-21T12:00:01Z"), parsed("Sat, 21 Nov 2026 12:00:01 GMT"));
    for (int i = 0; i < 3; i++) {
      assertThrows(SignatureException.class, () -> DraftCavage.parseHttpDate("Sat, 21 Nov 2026 12:00:00 XYZ"));
      assertThrows(SignatureException.class, () -> DraftCavage.parseHttpDate("Sun, 21 Nov 2026 12:00:00 GMT"),
          "the weekday must match the date");
    }
  }

  @Test
  void aCachedDateStillGoesThroughTheWindowCheck() {
    String date = "Sat, 21 Nov 2026 12:00:00 GMT";
    TestRequest request = new TestRequest("GET", "/c/books")
        .header("Host", "hearth.example").header("Date", date)
        .header("Signature", "keyId=\"https://remote.example/a#k\",headers=\"(request-target) host date\",signature=\"AAAA\"");
    DraftCavage now = new DraftCavage(Clock.fixed(Instant.parse("2026-11-21T12:10:00Z"), ZoneOffset.UTC), Duration.ofHours(1));
    DraftCavage later = new DraftCavage(Clock.fixed(Instant.parse("2026-11-21T14:00:00Z"), ZoneOffset.UTC), Duration.ofHours(1));
    assertDoesNotThrow(() -> now.prepare(request, null));
    SignatureException e = assertThrows(SignatureException.class, () -> later.prepare(request, null));
    assertEquals(Reason.DATE_OUT_OF_WINDOW, e.reason());
  }

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "mon", "Xyz"};
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Nov", "Dec", "nov", "NOV", "Foo"};
  private static final String[] ZONES = {"GMT", "GMT", "+0000", "-0130", "UTC", "Z", "gmt", ""};

  @Test
  void randomDatesGetTheSameInstantAsFromTheJdkParser() {
    SplittableRandom random = new SplittableRandom(1123);
    int valid = 0;
    for (int i = 0; i < 20_000; i++) {
      // a small pool of values, so many are seen again (and answered from the cache) in between others
      SplittableRandom pick = new SplittableRandom(random.nextInt(3_000));
      String date = (pick.nextInt(6) == 0 ? "" : DAYS[pick.nextInt(DAYS.length)] + ", ")
          + (1 + pick.nextInt(31)) + " " + MONTHS[pick.nextInt(MONTHS.length)] + " " + (2020 + pick.nextInt(10)) + " "
          + String.format(Locale.ROOT, "%02d:%02d", pick.nextInt(25), pick.nextInt(60))
          + (pick.nextInt(5) == 0 ? "" : String.format(Locale.ROOT, ":%02d", pick.nextInt(61)))
          + " " + ZONES[pick.nextInt(ZONES.length)] + (pick.nextInt(10) == 0 ? " " : "");
      Instant expected = referenceDate(date);
      assertEquals(expected, parsed(date), date);
      valid += expected == null ? 0 : 1;
    }
    assertTrue(valid > 1_000 && valid < 19_000, "valid dates: " + valid);
  }

  /** The header list split as it was, with a regular expression. */
  static List<String> referenceNames(String list) {
    List<String> out = new ArrayList<>();
    for (String h : list.trim().split("\\s+")) {
      if (!h.isEmpty()) {
        out.add(h.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  @Test
  void headerListsAreSplitOnWhitespaceRunsAsBefore() {
    assertEquals(List.of("(request-target)", "host", "date", "digest"),
        SignatureParams.names("(request-target) Host\tDATE \r\n digest"));
    assertEquals(List.of(), SignatureParams.names(""));
    String chars = "ab(-) \t\n\u000B\f\r\u001F\u00a0\u2003Xé";
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        b.append(chars.charAt(random.nextInt(chars.length())));
      }
      String list = b.toString().trim();
      assertEquals(referenceNames(list), SignatureParams.names(list), list);
    }
  }
}
