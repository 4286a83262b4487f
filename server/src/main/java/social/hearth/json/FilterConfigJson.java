package social.hearth.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import social.hearth.core.domain.FilterConfig;
import social.hearth.federation.vocab.JsonLimits;

/**
 * A filter's {@code config} as JSON (the admin API's form, docs/moderation.md lists each kind's fields, and the form
 * the database stores) and the core's typed {@link FilterConfig}: one reading and one writing for both adapters. Reading judges nothing but shapes: a field of the wrong shape is passed on as malformed, and
 * the core refuses it (if the filter's kind reads it) with the same sentence as any other bad value.
 */
public final class FilterConfigJson {

  private FilterConfigJson() {}

  /** The configuration an API body gives ({@code null} or not an object: none given). */
  public static FilterConfig read(JsonNode config) {
    if (config == null || !config.isObject()) {
      return FilterConfig.EMPTY;
    }
    Set<String> malformed = new HashSet<>();
    FilterConfig c = FilterConfig.EMPTY;
    for (String field : FilterConfig.LIST_FIELDS) {
      c = c.withList(field, list(config.get(field), field, malformed));
    }
    for (String field : FilterConfig.NUMBER_FIELDS) {
      c = c.withNumber(field, number(config.get(field), field, malformed));
    }
    JsonNode pattern = config.get("pattern");
    JsonNode newcomerPeriod = config.get("newcomerPeriod");
    JsonNode allowed = config.get("allowed");
    return c.withPattern(pattern != null && pattern.isTextual() ? pattern.asText() : null)
        .withNewcomerPeriod(newcomerPeriod == null ? null : newcomerPeriod.asBoolean(true))
        .withAllowed(allowed == null ? null : allowed.asBoolean(false))
        .withMalformed(malformed);
  }

  /** A list of strings; an entry that is not a string is kept as null (the core refuses it). */
  private static List<String> list(JsonNode v, String field, Set<String> malformed) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      malformed.add(field);
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : v) {
      out.add(n.isTextual() ? n.asText() : null);
    }
    return out;
  }

  private static Integer number(JsonNode v, String field, Set<String> malformed) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isInt()) {
      malformed.add(field);
      return null;
    }
    return v.asInt();
  }

  /** The configuration as the API shows it: the fields that are set. */
  public static ObjectNode write(FilterConfig c) {
    ObjectNode out = JsonLimits.MAPPER.createObjectNode();
    if (c == null) {
      return out;
    }
    for (String field : FilterConfig.LIST_FIELDS) {
      if (c.list(field) != null) {
        ArrayNode a = out.putArray(field);
        c.list(field).forEach(a::add);
      }
    }
    if (c.pattern() != null) {
      out.put("pattern", c.pattern());
    }
    for (String field : FilterConfig.NUMBER_FIELDS) {
      if (c.number(field) != null) {
        out.put(field, c.number(field));
      }
    }
    if (c.newcomerPeriod() != null) {
      out.put("newcomerPeriod", c.newcomerPeriod());
    }
    if (c.allowed() != null) {
      out.put("allowed", c.allowed());
    }
    return out;
  }
}
