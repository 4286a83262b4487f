package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An activity (Follow, Accept, Undo, Create, Announce, ...). {@code object} is kept as JSON because it is
 * either an IRI or an embedded object or activity; {@link #objectId()} gives its IRI in both cases.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"@context", "id", "type", "actor", "object"})
public record Activity(
    @JsonProperty("@context") Object context,
    String id,
    String type,
    String actor,
    JsonNode object,
    String target,
    List<String> to,
    List<String> cc,
    String audience,
    String published) {

  @JsonIgnore
  public String objectId() {
    return Normalizer.iri(object);
  }

  /** The embedded object's {@code type}, or null when the object is only an IRI. */
  @JsonIgnore
  public String objectType() {
    return object != null && object.isObject() && object.get("type") != null ? Normalizer.firstText(object.get("type")) : null;
  }

  @JsonIgnore
  public boolean hasEmbeddedObject() {
    return object != null && object.isObject();
  }
}
