package social.hearth.federation.vocab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads peer JSON into vocab records, absorbing the differences between implementations. Every rule below was met in
 * a document a real server sends; the samples live in {@code federation/src/test/resources/fixtures} (see its
 * README for where each came from) and {@code PeerFixturesTest} pins them.
 *
 * <ul>
 *   <li>A property may be a single value or an array. GoToSocial sends {@code to}, {@code cc} and {@code tag} as a
 *       bare value when there is exactly one (a lone Mention tag is an object, not a one-element array).</li>
 *   <li>A link may be a string or an object with {@code id} or {@code href} (Lemmy's {@code Link} attachments,
 *       embedded actors and objects everywhere).</li>
 *   <li>The public collection is spelled three ways ({@link As#isPublic}); it is always returned as
 *       {@link As#PUBLIC}.</li>
 *   <li>{@code type} may be an array; the first name is used, with an {@code as:} prefix removed.</li>
 *   <li>The shared inbox is {@code endpoints.sharedInbox} (Mastodon, Lemmy, Pleroma, ...), but NodeBB puts it only at
 *       the top level as {@code sharedInbox}, and Misskey sends both; see {@link #actor}.</li>
 *   <li>GoToSocial sends Delete without an {@code id}; see {@link #activity}.</li>
 *   <li>A report's comment is in {@code content} (Mastodon, GoToSocial, Mbin) or in {@code summary} (Lemmy); both are
 *       kept, see {@link Activity#comment()}.</li>
 *   <li>Natural-language properties may come only as a {@code *Map}, and a map entry may be null (Mbin sends
 *       {@code "content": null, "contentMap": {"en": null}} for a link post without a body).</li>
 *   <li>{@code icon} and {@code image} are Image objects whose {@code url} is a string, a Link or an array; Smithereen
 *       nests the uncropped picture inside the Image; Misskey sends {@code null} when there is none.</li>
 *   <li>{@code attributedTo} may list the author together with the Group it was posted to (PeerTube videos, early
 *       Lemmy); the author is the first entry that is not a Group.</li>
 *   <li>Collections list their entries in {@code orderedItems} or, in PieFed's feed collections, in {@code items},
 *       and may omit {@code totalItems} (Lemmy's moderators collection).</li>
 * </ul>
 */
public final class Normalizer {

  /**
   * Marks an activity id that {@link #activity} derived because the sender gave none. The full form is
   * {@code <actor without fragment>#hearth-derived-id-<sha256 of the activity JSON>}.
   */
  public static final String DERIVED_ID_MARKER = "#hearth-derived-id-";

  /** The collection types {@link #collection} reads. */
  public static final List<String> COLLECTION_TYPES =
      List.of("OrderedCollection", "OrderedCollectionPage", "Collection", "CollectionPage");

  private Normalizer() {}

  /** The text of a property, or of the first element if it is an array. */
  public static String firstText(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        if (n.isTextual()) {
          return n.asText();
        }
      }
      return null;
    }
    return node.isTextual() ? node.asText() : null;
  }

  /**
   * Text of a natural-language property, falling back to the first text in its {@code *Map} form. Null entries in
   * the map are skipped: Mbin sends {@code "contentMap": {"en": null}} next to {@code "content": null}.
   */
  private static String langText(JsonNode obj, String name) {
    String plain = firstText(obj.get(name));
    if (plain != null) {
      return plain;
    }
    JsonNode map = obj.get(name + "Map");
    if (map != null && map.isObject()) {
      for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
        JsonNode value = it.next();
        if (value.isTextual()) {
          return value.asText();
        }
      }
    }
    return null;
  }

  private static Boolean bool(JsonNode n) {
    return n != null && n.isBoolean() ? n.asBoolean() : null;
  }

  /** The type, with arrays reduced to the first known name (e.g. {@code ["Note","Question"]}). */
  public static String type(JsonNode obj) {
    JsonNode t = obj.get("type");
    if (t == null) {
      return null;
    }
    if (t.isArray()) {
      for (JsonNode n : t) {
        if (n.isTextual()) {
          return stripPrefix(n.asText());
        }
      }
      return null;
    }
    return t.isTextual() ? stripPrefix(t.asText()) : null;
  }

  private static String stripPrefix(String type) {
    return type.startsWith("as:") ? type.substring(3) : type;
  }

  /**
   * Reads an activity. {@code actor} must be an http(s) IRI (or an embedded actor with one).
   *
   * <p>GoToSocial sends Delete without an {@code id} (its {@code StatusToASDelete} sets none). Such an activity
   * cannot be rejected without losing the deletion, and the inbox needs an id to store it and to recognise a
   * redelivery. It therefore gets a derived id: the actor IRI without fragment, {@link #DERIVED_ID_MARKER} and the
   * SHA-256 of the activity JSON, so the same body delivered twice gets the same id, and the id lies on the actor's
   * origin (a forged actor is caught by the signature check, as for any activity). {@link Activity#hasDerivedId()}
   * tells such ids apart; they are never dereferenced. Any other activity without an {@code id} is refused, as is
   * an {@code id} that is not one absolute http(s) IRI, and an {@code actor} that is not exactly one (an array of one
   * actor is read as that actor).
   */
  public static Activity activity(JsonNode json) throws InvalidActivityException {
    requireObject(json);
    JsonNode idNode = json.get("id");
    if (idNode != null && !idNode.isNull() && !idNode.isTextual()) {
      throw new InvalidActivityException("id must be one IRI");
    }
    String id = optionalIri(json, "id");
    String type = type(json);
    if (type == null) {
      throw new InvalidActivityException("activity has no type");
    }
    String actor = singleActor(json.get("actor"));
    Iris.checkHttpIri(actor, "actor");
    if (id == null) {
      if (!"Delete".equals(type)) {
        throw new InvalidActivityException("activity has no id");
      }
      id = derivedId(json, actor);
    }
    return new Activity(null, id, type, actor, json.get("object"), Iris.iri(json.get("target")),
        Iris.iris(json.get("to")), Iris.iris(json.get("cc")), Iris.iri(json.get("audience")), firstText(json.get("published")),
        langText(json, "summary"), langText(json, "content"));
  }

  /**
   * The one actor of an activity: an IRI, an embedded actor with an {@code id}, or an array holding exactly one of
   * those (normalised to it). Several actors, or none, are refused: the signature binds one actor.
   */
  private static String singleActor(JsonNode node) throws InvalidActivityException {
    JsonNode actor = node;
    if (actor != null && actor.isArray()) {
      if (actor.size() != 1) {
        throw new InvalidActivityException(actor.size() == 0 ? "activity has no actor"
            : "activity names " + actor.size() + " actors; exactly one is required");
      }
      actor = actor.get(0);
    }
    if (actor == null || actor.isNull()) {
      throw new InvalidActivityException("activity has no actor");
    }
    JsonNode id = actor.isObject() ? (actor.hasNonNull("id") ? actor.get("id") : actor.get("href")) : actor;
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new InvalidActivityException("actor must be an IRI or an actor with an id");
    }
    return id.asText();
  }

  private static String derivedId(JsonNode json, String actor) throws InvalidActivityException {
    int hash = actor.indexOf('#');
    String base = hash >= 0 ? actor.substring(0, hash) : actor;
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(JsonLimits.MAPPER.writeValueAsBytes(json));
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot hash an activity", e);
    }
    String id = base + DERIVED_ID_MARKER + HexFormat.of().formatHex(digest);
    Iris.checkHttpIri(id, "id");
    return id;
  }

  public static ApObject object(JsonNode json) throws InvalidActivityException {
    requireObject(json);
    String id = requireIri(json, "id");
    List<Tag> tags = new ArrayList<>();
    JsonNode tagNode = json.get("tag");
    if (tagNode != null) {
      for (JsonNode t : tagNode.isArray() ? tagNode : List.of(tagNode)) {
        if (t.isObject()) {
          tags.add(new Tag(type(t), firstText(t.get("href")), firstText(t.get("name"))));
        }
        if (tags.size() >= Iris.MAX_LINKS) {
          break;
        }
      }
    }
    return new ApObject(null, id, type(json), author(json.get("attributedTo")), Iris.iris(json.get("to")),
        Iris.iris(json.get("cc")), Iris.iri(json.get("audience")), langText(json, "name"), langText(json, "summary"),
        langText(json, "content"), bool(json.get("sensitive")), Iris.iri(json.get("inReplyTo")),
        firstText(json.get("published")), firstText(json.get("updated")), Iris.iri(json.get("url")), List.copyOf(tags));
  }

  /**
   * The author among {@code attributedTo} values. PeerTube (and Lemmy before 0.17) list the author and the Group the
   * object was published in, as embedded objects with a {@code type}; the Group is skipped. Untyped entries are
   * taken as they come, so a plain IRI or a list of IRIs yields its first entry.
   */
  private static String author(JsonNode node) {
    if (node != null && node.isArray()) {
      for (JsonNode entry : node) {
        if (entry.isObject() && "Group".equals(type(entry))) {
          continue;
        }
        String iri = Iris.iri(entry);
        if (iri != null) {
          return iri;
        }
      }
      return null;
    }
    return Iris.iri(node);
  }

  /**
   * Reads an actor document. The shared inbox is {@code endpoints.sharedInbox}, or the top-level
   * {@code sharedInbox} that NodeBB sends instead (Misskey sends both, and reads the top-level one first).
   */
  public static Actor actor(JsonNode json) throws InvalidActivityException {
    requireObject(json);
    String id = requireIri(json, "id");
    String type = type(json);
    if (type == null || !Actor.TYPES.contains(type)) {
      throw new InvalidActivityException("document is not an actor");
    }
    String inbox = Iris.iri(json.get("inbox"));
    if (inbox == null) {
      throw new InvalidActivityException("actor has no inbox");
    }
    Iris.checkHttpIri(inbox, "inbox");
    String sharedInbox = null;
    JsonNode endpoints = json.get("endpoints");
    if (endpoints != null && endpoints.isObject()) {
      sharedInbox = Iris.iri(endpoints.get("sharedInbox"));
    }
    if (sharedInbox == null) {
      sharedInbox = Iris.iri(json.get("sharedInbox"));
    }
    if (sharedInbox != null) {
      Iris.checkHttpIri(sharedInbox, "sharedInbox");
    }
    PublicKeyDoc key = publicKey(json.get("publicKey"));
    return new Actor(null, id, type, firstText(json.get("preferredUsername")), langText(json, "name"),
        langText(json, "summary"), Iris.iri(json.get("url")), inbox, Iris.iri(json.get("outbox")),
        Iris.iri(json.get("followers")), Iris.iri(json.get("following")), Iris.iri(json.get("featured")),
        Iris.iri(json.get("attributedTo")), sharedInbox == null ? null : new Endpoints(sharedInbox), key,
        bool(json.get("manuallyApprovesFollowers")), bool(json.get("discoverable")), bool(json.get("indexable")),
        bool(json.get("postingRestrictedToMods")), firstText(json.get("published")), image(json.get("icon")),
        image(json.get("image")), Iris.iris(json.get("alsoKnownAs")), Iris.iri(json.get("movedTo")));
  }

  /**
   * Reads an {@code icon} or {@code image} value: an Image object whose {@code url} is a string, a Link or an array
   * (the first http(s) one is taken), a bare IRI, or an array of those. Smithereen adds the uncropped picture as a
   * nested {@code image}; the Image's own {@code url} (the cropped avatar) is what is kept. Returns null for
   * {@code null} (Misskey's "no avatar"), for anything without an http(s) URL, and for other shapes.
   */
  public static Image image(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        Image image = image(n);
        if (image != null) {
          return image;
        }
      }
      return null;
    }
    if (node.isTextual()) {
      String url = node.asText();
      return Iris.isHttpIri(url) ? new Image(null, null, url) : null;
    }
    if (!node.isObject()) {
      return null;
    }
    String url = null;
    for (String candidate : Iris.iris(node.get("url"))) {
      if (Iris.isHttpIri(candidate)) {
        url = candidate;
        break;
      }
    }
    if (url == null) {
      String href = firstText(node.get("href"));
      url = href != null && Iris.isHttpIri(href) ? href : null;
    }
    return url == null ? null : new Image(type(node), firstText(node.get("mediaType")), url);
  }

  /**
   * Reads an OrderedCollection, OrderedCollectionPage, Collection or CollectionPage. The entries are kept as JSON
   * (each an IRI or an embedded object, as the peer sent it); {@code items} is read when {@code orderedItems} is
   * absent, which is how PieFed lists the communities of a feed. At most 1,000 entries are kept.
   */
  public static OrderedCollection collection(JsonNode json) throws InvalidActivityException {
    requireObject(json);
    String id = requireIri(json, "id");
    String type = type(json);
    if (type == null || !COLLECTION_TYPES.contains(type)) {
      throw new InvalidActivityException("document is not a collection");
    }
    JsonNode items = json.hasNonNull("orderedItems") ? json.get("orderedItems") : json.get("items");
    List<JsonNode> entries = null;
    if (items != null && !items.isNull()) {
      entries = new ArrayList<>();
      for (JsonNode item : items.isArray() ? items : List.of(items)) {
        if (entries.size() >= Iris.MAX_LINKS) {
          break;
        }
        entries.add(item);
      }
    }
    JsonNode total = json.get("totalItems");
    Long totalItems = total != null && total.canConvertToExactIntegral() && total.canConvertToLong()
        && total.asLong() >= 0 ? total.asLong() : null;
    return new OrderedCollection(null, id, type, totalItems, Iris.iri(json.get("partOf")), Iris.iri(json.get("first")),
        Iris.iri(json.get("next")), Iris.iri(json.get("prev")), entries == null ? null : List.copyOf(entries));
  }

  /** Reads a {@code publicKey} value (object, or array whose first object is taken). */
  public static PublicKeyDoc publicKey(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        if (n.isObject()) {
          return publicKey(n);
        }
      }
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    return new PublicKeyDoc(firstText(node.get("id")), Iris.iri(node.get("owner")), firstText(node.get("publicKeyPem")));
  }

  private static void requireObject(JsonNode json) throws InvalidActivityException {
    if (json == null || !json.isObject()) {
      throw new InvalidActivityException("expected a JSON object");
    }
  }

  private static String requireIri(JsonNode json, String field) throws InvalidActivityException {
    String v = optionalIri(json, field);
    if (v == null) {
      throw new InvalidActivityException("missing " + field);
    }
    return v;
  }

  /** The property as a checked http(s) IRI, or null when it is absent or blank. */
  private static String optionalIri(JsonNode json, String field) throws InvalidActivityException {
    String v = firstText(json.get(field));
    if (v == null || v.isBlank()) {
      return null;
    }
    Iris.checkHttpIri(v, field);
    return v;
  }
}
