package social.hearth.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads peer JSON into vocab records, absorbing the differences between implementations: a property may be
 * a single value or an array; a link may be a string or an object with {@code id} or {@code href}; the public
 * collection is spelled three ways; {@code type} may be an array.
 */
public final class Normalizer {

  private static final int MAX_LINKS = 1_000;

  private Normalizer() {}

  /** The first IRI of a link-valued property, or null. */
  public static String iri(JsonNode node) {
    List<String> all = iris(node);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Every IRI of a link-valued property (string, object with id/href, or an array of those). */
  public static List<String> iris(JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node, out, 0);
    return out;
  }

  private static void collect(JsonNode node, List<String> out, int depth) {
    if (node == null || node.isNull() || node.isMissingNode() || out.size() >= MAX_LINKS || depth > 2) {
      return;
    }
    if (node.isTextual()) {
      String v = node.asText();
      if (!v.isEmpty()) {
        out.add(As.isPublic(v) ? As.PUBLIC : v);
      }
    } else if (node.isObject()) {
      JsonNode id = node.hasNonNull("id") ? node.get("id") : node.get("href");
      if (id != null && id.isTextual()) {
        collect(id, out, depth + 1);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        collect(item, out, depth + 1);
      }
    }
  }

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

  /** Text of a natural-language property, falling back to its {@code *Map} form. */
  private static String langText(JsonNode obj, String name) {
    String plain = firstText(obj.get(name));
    if (plain != null) {
      return plain;
    }
    JsonNode map = obj.get(name + "Map");
    if (map != null && map.isObject() && map.size() > 0) {
      JsonNode first = map.elements().next();
      return first.isTextual() ? first.asText() : null;
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

  public static Activity activity(JsonNode json) throws InvalidActivityException {
    requireObject(json);
    String id = requireIri(json, "id");
    String type = type(json);
    if (type == null) {
      throw new InvalidActivityException("activity has no type");
    }
    String actor = iri(json.get("actor"));
    if (actor == null) {
      throw new InvalidActivityException("activity has no actor");
    }
    checkHttpIri(actor, "actor");
    return new Activity(null, id, type, actor, json.get("object"), iri(json.get("target")),
        iris(json.get("to")), iris(json.get("cc")), iri(json.get("audience")), firstText(json.get("published")));
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
        if (tags.size() >= MAX_LINKS) {
          break;
        }
      }
    }
    String attributedTo = null;
    for (String a : iris(json.get("attributedTo"))) {
      // Lemmy and PeerTube may list the community too; the author is the first Person-like IRI
      attributedTo = a;
      break;
    }
    return new ApObject(null, id, type(json), attributedTo, iris(json.get("to")), iris(json.get("cc")),
        iri(json.get("audience")), langText(json, "name"), langText(json, "summary"), langText(json, "content"),
        bool(json.get("sensitive")), iri(json.get("inReplyTo")), firstText(json.get("published")),
        firstText(json.get("updated")), iri(json.get("url")), List.copyOf(tags));
  }

  public static Actor actor(JsonNode json) throws InvalidActivityException {
    requireObject(json);
    String id = requireIri(json, "id");
    String type = type(json);
    if (type == null || !Actor.TYPES.contains(type)) {
      throw new InvalidActivityException("document is not an actor");
    }
    String inbox = iri(json.get("inbox"));
    if (inbox == null) {
      throw new InvalidActivityException("actor has no inbox");
    }
    checkHttpIri(inbox, "inbox");
    String sharedInbox = null;
    JsonNode endpoints = json.get("endpoints");
    if (endpoints != null && endpoints.isObject()) {
      sharedInbox = iri(endpoints.get("sharedInbox"));
      if (sharedInbox != null) {
        checkHttpIri(sharedInbox, "sharedInbox");
      }
    }
    PublicKeyDoc key = publicKey(json.get("publicKey"));
    return new Actor(null, id, type, firstText(json.get("preferredUsername")), langText(json, "name"),
        langText(json, "summary"), iri(json.get("url")), inbox, iri(json.get("outbox")),
        iri(json.get("followers")), iri(json.get("following")), iri(json.get("featured")),
        iri(json.get("attributedTo")), sharedInbox == null ? null : new Endpoints(sharedInbox), key,
        bool(json.get("manuallyApprovesFollowers")), bool(json.get("discoverable")), bool(json.get("indexable")),
        bool(json.get("postingRestrictedToMods")), firstText(json.get("published")), null, null,
        iris(json.get("alsoKnownAs")), iri(json.get("movedTo")));
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
    return new PublicKeyDoc(firstText(node.get("id")), iri(node.get("owner")), firstText(node.get("publicKeyPem")));
  }

  private static void requireObject(JsonNode json) throws InvalidActivityException {
    if (json == null || !json.isObject()) {
      throw new InvalidActivityException("expected a JSON object");
    }
  }

  private static String requireIri(JsonNode json, String field) throws InvalidActivityException {
    String v = firstText(json.get(field));
    if (v == null || v.isBlank()) {
      throw new InvalidActivityException("missing " + field);
    }
    checkHttpIri(v, field);
    return v;
  }

  /** An IRI we may store and later dereference: absolute http(s) with a host, and not absurdly long. */
  public static void checkHttpIri(String value, String field) throws InvalidActivityException {
    if (value.length() > 2048) {
      throw new InvalidActivityException(field + " is longer than 2048 characters");
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
        throw new InvalidActivityException(field + " must be an absolute http(s) IRI");
      }
    } catch (URISyntaxException e) {
      throw new InvalidActivityException(field + " is not a valid IRI");
    }
  }

  /** The origin (scheme://host[:port]) of an IRI, lower-cased, with default ports removed. */
  public static String origin(String iri) {
    try {
      URI uri = new URI(iri);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean dflt = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (dflt ? "" : ":" + port);
    } catch (URISyntaxException | NullPointerException e) {
      return null;
    }
  }

  public static boolean sameOrigin(String a, String b) {
    String oa = origin(a);
    return oa != null && oa.equals(origin(b));
  }
}
