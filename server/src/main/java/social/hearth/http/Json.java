package social.hearth.http;

import social.hearth.core.CoreException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import social.hearth.federation.vocab.JsonLimits;

/** Reading API request bodies with one clear 400 per problem, and writing JSON answers. */
public final class Json {

  private Json() {}

  public static JsonNode body(RoutingContext ctx) {
    try {
      return JsonLimits.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (JsonLimits.InvalidJsonException e) {
      throw CoreException.badRequest(e.getMessage());
    }
  }

  /** The request body as JSON, where an empty (or absent) body reads as {@code {}}. */
  public static JsonNode bodyOrEmpty(RoutingContext ctx) {
    boolean empty = ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
    return empty ? JsonLimits.MAPPER.createObjectNode() : body(ctx);
  }

  public static String text(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw CoreException.badRequest(field + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw CoreException.badRequest(field + " must be a string");
    }
    return v.asText();
  }

  public static Boolean bool(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw CoreException.badRequest(field + " must be true or false");
    }
    return v.asBoolean();
  }

  public static Integer integer(JsonNode body, String field, int min, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
      throw CoreException.badRequest(field + " must be a whole number from " + min + " to " + max);
    }
    return v.asInt();
  }

  public static OffsetDateTime instant(JsonNode body, String field) {
    String v = text(body, field, false);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e) {
      throw CoreException.badRequest(field + " must be an ISO-8601 date-time like 2027-01-31T00:00:00Z");
    }
  }

  /** One of the enum's names, case-insensitive. */
  public static <E extends Enum<E>> E choice(JsonNode body, String field, Class<E> type) {
    String v = text(body, field, false);
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw CoreException.badRequest(field + " must be one of " + allowed);
    }
  }

  public static void send(RoutingContext ctx, int status, JsonNode body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.toString());
  }
}
