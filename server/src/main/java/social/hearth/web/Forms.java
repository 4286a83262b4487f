package social.hearth.web;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reading and checking what forms and query strings send: each check fails with a {@link WebException} naming the
 * message to show.
 */
final class Forms {

  /** A hashtag as typed in topics and tag pages (without #). */
  static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");

  private Forms() {}

  static String nz(String s) {
    return s == null ? "" : s;
  }

  /** The stripped text cut to {@code max} characters, or null when blank. */
  static String clip(String s, int max) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    return t.length() > max ? t.substring(0, max) : t;
  }

  static int number(String s, int min, int max, String key) {
    try {
      int n = Integer.parseInt(s == null ? "" : s.strip());
      if (n < min || n > max) {
        throw WebException.badRequest(key);
      }
      return n;
    } catch (NumberFormatException e) {
      throw WebException.badRequest(key);
    }
  }

  static Integer optionalNumber(String s, int min, int max, String key) {
    return s == null || s.isBlank() ? null : number(s, min, max, key);
  }

  /** A date from a date input (yyyy-mm-dd, the end of that day UTC), or null when empty. */
  static OffsetDateTime date(String s, String key) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip()).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).minusSeconds(1);
    } catch (DateTimeParseException e) {
      throw WebException.badRequest(key);
    }
  }

  static <E extends Enum<E>> E choice(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw WebException.badRequest("error.bad_request");
    }
  }

  /** A numeric id; anything else is "not found". */
  static long id(String id) {
    try {
      return Long.parseLong(id == null ? "" : id);
    } catch (NumberFormatException e) {
      throw WebException.notFound();
    }
  }

  /** The id in the path. */
  static long pathId(RoutingContext ctx) {
    return id(ctx.pathParam("id"));
  }

  /** The page number in the query string (1 when missing or out of range). */
  static int page(RoutingContext ctx) {
    try {
      int p = Integer.parseInt(ctx.request().getParam("page", "1"));
      return p < 1 || p > 10_000 ? 1 : p;
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
