package social.hearth.federation.vocab;

import java.util.List;
import java.util.Locale;

/** ActivityStreams constants. */
public final class As {

  public static final String NS = "https://www.w3.org/ns/activitystreams";
  public static final String PUBLIC = NS + "#Public";
  public static final String SECURITY_V1 = "https://w3id.org/security/v1";

  /** The media type we answer with and send. */
  public static final String ACTIVITY_JSON = "application/activity+json";
  public static final String LD_JSON_PROFILE = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

  /** The context for local actors: ActivityStreams, the security vocabulary, and inline terms. */
  public static final List<Object> ACTOR_CONTEXT = List.of(NS, SECURITY_V1, java.util.Map.of(
      "manuallyApprovesFollowers", "as:manuallyApprovesFollowers",
      "toot", "http://joinmastodon.org/ns#",
      "featured", java.util.Map.of("@id", "toot:featured", "@type", "@id"),
      "discoverable", "toot:discoverable",
      "indexable", "toot:indexable",
      "lemmy", "https://join-lemmy.org/ns#",
      "postingRestrictedToMods", "lemmy:postingRestrictedToMods"));

  public static final List<Object> ACTIVITY_CONTEXT = List.of(NS);

  private As() {}

  /** True for the three spellings of the public collection that peers send. */
  public static boolean isPublic(String iri) {
    return PUBLIC.equals(iri) || "as:Public".equals(iri) || "Public".equals(iri);
  }

  /** True when a Content-Type or Accept value names an ActivityStreams JSON document. */
  public static boolean isActivityJson(String mediaType) {
    if (mediaType == null) {
      return false;
    }
    String m = mediaType.toLowerCase(Locale.ROOT);
    return m.contains("application/activity+json")
        || (m.contains("application/ld+json") && (m.contains("activitystreams") || !m.contains("profile")));
  }
}
