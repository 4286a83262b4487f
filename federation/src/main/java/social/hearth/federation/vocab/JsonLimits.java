package social.hearth.federation.vocab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Iterator;

/**
 * Bounded JSON parsing for remote documents: nesting depth, array length, string length and total node count
 * are capped so hostile input yields a clear error, never a stack overflow or an out-of-memory.
 */
public final class JsonLimits {

  public static final int MAX_DEPTH = 32;
  public static final int MAX_ARRAY = 2_000;
  public static final int MAX_NODES = 50_000;
  public static final int MAX_STRING = 512 * 1024;

  /** One mapper for the whole protocol layer; thread-safe once configured. */
  public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH + 1)
          .maxStringLength(MAX_STRING)
          .maxNumberLength(64)
          .build())
      .build())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  private JsonLimits() {}

  /** Thrown for input that is not acceptable JSON; the message is safe to return to the sender. */
  public static final class InvalidJsonException extends Exception {
    public InvalidJsonException(String message) {
      super(message, null, false, false);
    }
  }

  public static JsonNode parse(byte[] body) throws InvalidJsonException {
    JsonNode node = read(body);
    if (!node.isObject()) {
      throw new InvalidJsonException("body must be a JSON object");
    }
    int[] count = {0};
    check(node, 0, count);
    return node;
  }

  /** As {@link #parse}, for a body whose top level may be any JSON value (a list, for instance), within the same limits. */
  public static JsonNode parseValue(byte[] body) throws InvalidJsonException {
    JsonNode node = read(body);
    int[] count = {0};
    check(node, 0, count);
    return node;
  }

  private static JsonNode read(byte[] body) throws InvalidJsonException {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new InvalidJsonException("JSON exceeds limits: nesting deeper than " + MAX_DEPTH
          + " levels or a string longer than " + MAX_STRING + " characters");
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException("body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidJsonException("body cannot be read as JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidJsonException("body is empty");
    }
    return node;
  }

  private static void check(JsonNode node, int depth, int[] count) throws InvalidJsonException {
    if (depth > MAX_DEPTH) {
      throw new InvalidJsonException("JSON nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (++count[0] > MAX_NODES) {
      throw new InvalidJsonException("JSON has more than " + MAX_NODES + " values");
    }
    if (node.isArray()) {
      if (node.size() > MAX_ARRAY) {
        throw new InvalidJsonException("a JSON array has more than " + MAX_ARRAY + " items");
      }
      for (JsonNode child : node) {
        check(child, depth + 1, count);
      }
    } else if (node.isObject()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        check(it.next(), depth + 1, count);
      }
    }
  }
}
