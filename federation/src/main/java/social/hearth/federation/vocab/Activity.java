package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An activity (Follow, Accept, Undo, Create, Announce, ...). {@code object} is kept as JSON because it is
 * either an IRI, an array of IRIs (Flag), or an embedded object or activity; {@link #objectId()} gives its first IRI
 * in every case.
 *
 * <p>{@code summary} and {@code content} matter for Flag: Mastodon, GoToSocial and Mbin put the reporter's comment in
 * {@code content}, Lemmy in {@code summary}; {@link #comment()} reads either.
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
    String published,
    String summary,
    String content) {

  /** An activity without {@code summary} and {@code content}. */
  public Activity(Object context, String id, String type, String actor, JsonNode object, String target,
                  List<String> to, List<String> cc, String audience, String published) {
    this(context, id, type, actor, object, target, to, cc, audience, published, null, null);
  }

  @JsonIgnore
  public String objectId() {
    return Iris.iri(object);
  }

  /**
   * Every IRI of {@code object}. Flag names several objects: Mastodon's instance actor and GoToSocial send
   * {@code [account, post, post, ...]}, Mbin {@code [post, account]}.
   */
  @JsonIgnore
  public List<String> objectIds() {
    return Iris.iris(object);
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

  /** The free text of a report or similar: {@code content} (Mastodon, GoToSocial, Mbin), else {@code summary} (Lemmy). */
  @JsonIgnore
  public String comment() {
    return content != null && !content.isBlank() ? content : summary;
  }

  /** True for a Delete whose object is its own actor: the account was deleted (Mastodon, Lemmy, Mbin). */
  @JsonIgnore
  public boolean deletesActor() {
    return "Delete".equals(type) && actor.equals(objectId());
  }

  /**
   * True when the sender gave no {@code id} and {@link Normalizer#activity} derived one (GoToSocial's Delete). Such
   * an id identifies the exact body for deduplication; it cannot be dereferenced.
   */
  @JsonIgnore
  public boolean hasDerivedId() {
    return id != null && id.contains(Normalizer.DERIVED_ID_MARKER);
  }
}
