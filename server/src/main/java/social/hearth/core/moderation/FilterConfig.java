package social.hearth.core.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import social.hearth.federation.vocab.JsonLimits;

/**
 * A filter's configuration text as the tree {@link FilterRule#compile} reads. The one place outside FilterRule where
 * the moderation core touches JSON: it goes once FilterRule compiles from text (or a map) itself.
 */
final class FilterConfig {

  private FilterConfig() {}

  /** The configuration tree, or null for null text; malformed text is an IllegalArgumentException. */
  static JsonNode parse(String config) {
    if (config == null) {
      return null;
    }
    try {
      return JsonLimits.MAPPER.readTree(config);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config is not valid JSON");
    }
  }
}
