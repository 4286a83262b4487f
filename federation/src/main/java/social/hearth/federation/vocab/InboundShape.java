package social.hearth.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Set;

/**
 * What an inbox does to a received activity before it is stored, beyond {@link Normalizer#activity}: private
 * addressees are removed ({@link #stripPrivateAddressees}) and the shape is checked ({@link #check}), so that a
 * malformed activity is refused with its reason and nothing of it is stored.
 */
public final class InboundShape {

  /** The properties that name private addressees, in every spelling a JSON-LD producer may use. */
  static final Set<String> PRIVATE_ADDRESSING = Set.of("bto", "bcc", "as:bto", "as:bcc",
      As.NS + "#bto", As.NS + "#bcc");

  /** The date properties checked on the activity and on the objects it embeds. */
  static final List<String> DATES = List.of("published", "updated", "deleted", "startTime", "endTime");

  /** The years a date may name: anything else is a mistake or an attempt to pin a post to the top of a list. */
  public static final int MIN_YEAR = 1970;
  public static final int MAX_YEAR = 2200;

  /** How deep embedded objects are checked: activity, its object, the object of an embedded activity. */
  private static final int CHECK_DEPTH = 3;

  private InboundShape() {}

  /**
   * Removes {@code bto} and {@code bcc} wherever they occur in the document (the activity, its object, the object
   * of a wrapped activity, ...): they name private recipients, which must never be stored, served or sent on.
   * Returns true when something was removed. The tree is bounded by {@link JsonLimits}.
   */
  public static boolean stripPrivateAddressees(JsonNode node) {
    boolean removed = false;
    if (node == null) {
      return false;
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      int before = object.size();
      object.remove(PRIVATE_ADDRESSING);
      removed = object.size() != before;
      for (JsonNode child : object) {
        removed |= stripPrivateAddressees(child);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        removed |= stripPrivateAddressees(child);
      }
    }
    return removed;
  }

  /**
   * Checks what {@link Normalizer#activity} does not: dates ({@link #DATES}) must be ISO 8601 date-times (or
   * dates) in years {@value #MIN_YEAR} to {@value #MAX_YEAR}; the {@code object} and {@code target}, given as IRIs
   * or as embedded objects with an {@code id}, must be absolute http(s) IRIs; an embedded object's {@code id},
   * {@code actor} and {@code attributedTo}, when given as text, too. The message says what is wrong and is safe to
   * send back.
   */
  public static void check(JsonNode activity) throws InvalidActivityException {
    checkNode(activity, "", 0);
  }

  private static void checkNode(JsonNode node, String where, int depth) throws InvalidActivityException {
    for (String field : DATES) {
      checkDate(node.get(field), where + field);
    }
    if (depth > 0) {
      checkTextIri(node.get("id"), where + "id");
      checkTextIri(node.get("actor"), where + "actor");
      checkTextIri(node.get("attributedTo"), where + "attributedTo");
    }
    if (depth + 1 < CHECK_DEPTH) {
      checkLinks(node.get("object"), where + "object", depth + 1);
    }
    checkLinks(node.get("target"), where + "target", CHECK_DEPTH);
  }

  /** A link-valued property: an IRI, an embedded object (checked in turn), or an array of those. */
  private static void checkLinks(JsonNode value, String where, int depth) throws InvalidActivityException {
    if (value == null || value.isNull()) {
      return;
    }
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.isArray()) {
          throw new InvalidActivityException(where + " holds a nested array");
        }
        checkLinks(item, where, depth);
      }
    } else if (value.isTextual()) {
      Iris.checkHttpIri(value.asText(), where);
    } else if (value.isObject()) {
      if (depth < CHECK_DEPTH) {
        checkNode(value, where + ".", depth);
      } else {
        checkTextIri(value.get("id"), where + ".id");
      }
    } else {
      throw new InvalidActivityException(where + " must be an IRI or an object");
    }
  }

  private static void checkTextIri(JsonNode value, String where) throws InvalidActivityException {
    if (value != null && value.isTextual()) {
      Iris.checkHttpIri(value.asText(), where);
    }
  }

  private static void checkDate(JsonNode value, String where) throws InvalidActivityException {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isTextual()) {
      throw new InvalidActivityException(where + " must be a date");
    }
    int year = year(value.asText());
    if (year < 0) {
      throw new InvalidActivityException(where + " is not an ISO 8601 date: " + abbreviate(value.asText()));
    }
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new InvalidActivityException(where + " is outside the years " + MIN_YEAR + " to " + MAX_YEAR);
    }
  }

  /** The year of an ISO 8601 date-time (with or without offset) or date, or -1 when it is none. */
  static int year(String text) {
    if (text.length() > 64) {
      return -1;
    }
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
          LocalDateTime::from);
      return parsed instanceof OffsetDateTime o ? o.getYear() : ((LocalDateTime) parsed).getYear();
    } catch (java.time.DateTimeException e) {
      try {
        return LocalDate.parse(text, DateTimeFormatter.ISO_DATE).getYear();
      } catch (java.time.DateTimeException e2) {
        return -1;
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
