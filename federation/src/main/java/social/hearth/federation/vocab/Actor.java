package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An actor document: Person, Group, Application, Service or Organization. Used both for what we publish and,
 * through {@link Normalizer#actor}, for what peers send.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"@context", "id", "type"})
public record Actor(
    @JsonProperty("@context") Object context,
    String id,
    String type,
    String preferredUsername,
    String name,
    String summary,
    String url,
    String inbox,
    String outbox,
    String followers,
    String following,
    String featured,
    String attributedTo,
    Endpoints endpoints,
    PublicKeyDoc publicKey,
    Boolean manuallyApprovesFollowers,
    Boolean discoverable,
    Boolean indexable,
    Boolean postingRestrictedToMods,
    String published,
    Image icon,
    Image image,
    List<String> alsoKnownAs,
    String movedTo) {

  public static final List<String> TYPES = List.of("Person", "Group", "Application", "Service", "Organization");

  /** The shared inbox when the actor has one, its own inbox otherwise: where deliveries go. */
  public String deliveryInbox() {
    return endpoints != null && endpoints.sharedInbox() != null ? endpoints.sharedInbox() : inbox;
  }
}
