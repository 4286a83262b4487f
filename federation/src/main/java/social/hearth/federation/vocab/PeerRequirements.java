package social.hearth.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Mastodon, Lemmy, Misskey and Fedify require of a Group actor document, as a reusable check. Used on Hearth's
 * own documents (they must pass with no problem at all) and on peers' groups (to see what real groups omit).
 *
 * <p>Each rule names the peers it comes from and how hard it is: {@link Level#REQUIRED} when the peer refuses the
 * document, cannot follow the group or cannot verify what the group signs; {@link Level#RECOMMENDED} when the peer
 * accepts it but loses a feature. The rules were read from the peers' source:
 * <ul>
 *   <li>Mastodon, {@code app/services/activitypub/fetch_remote_actor_service.rb}: the ActivityStreams context must be
 *       present ({@code supported_context?}); the type is one of Application, Group, Organization, Person, Service;
 *       {@code preferredUsername} is required unless a FEP-2c59 {@code webfinger} property is given. Deliveries and
 *       key lookups need {@code inbox} and {@code publicKey}; a key fetched as a document of its own must name an
 *       {@code owner} whose {@code publicKey} is that key ({@code fetch_remote_key_service.rb});
 *       {@code endpoints.sharedInbox}, {@code featured} and {@code name} are read when present.</li>
 *   <li>Lemmy 0.19, {@code crates/apub/src/protocol/objects/group.rs}: {@code type} is exactly the string
 *       {@code "Group"}; {@code id}, {@code preferredUsername}, {@code inbox}, {@code followers}, {@code outbox} and
 *       {@code publicKey} (with {@code id}, {@code owner}, {@code publicKeyPem}) are not optional;
 *       {@code attributedTo} (moderators), {@code featured} and {@code endpoints} are.</li>
 *   <li>Misskey, {@code ApPersonService.validateActor}: {@code id}, {@code inbox} and a {@code preferredUsername}
 *       matching {@code ^\w([\w-.]*\w)?$} of at most 128 characters; {@code name} and {@code summary}, when
 *       present, are strings; {@code publicKey.id} is on the actor's host. It reads {@code sharedInbox} or
 *       {@code endpoints.sharedInbox} and up to five posts from {@code featured}.</li>
 *   <li>Fedify reads documents as JSON-LD: without the ActivityStreams context no term is understood, a top-level
 *       {@code @graph}, {@code @included} or {@code @reverse} moves the actor out of the top-level node, and a remote
 *       context other than the well-known ones it preloads must be fetched before anything can be read.</li>
 * </ul>
 */
public final class PeerRequirements {

  /** The peers whose requirements are encoded. */
  public enum Peer { MASTODON, LEMMY, MISSKEY, FEDIFY }

  /** How much a problem matters to the peers that raise it. */
  public enum Level {
    /** The peer refuses the document, cannot follow the group, or cannot verify what the group signs. */
    REQUIRED,
    /** The peer accepts the document but loses a feature (shared-inbox delivery, pinned posts, moderators...). */
    RECOMMENDED
  }

  /** One unmet requirement: the property concerned, why it matters, and which peers care. */
  public record Problem(Level level, String field, String message, Set<Peer> peers) {
    public Problem {
      peers = Collections.unmodifiableSet(peers.isEmpty() ? EnumSet.noneOf(Peer.class) : EnumSet.copyOf(peers));
    }

    @Override
    public String toString() {
      return level + " " + field + ": " + message + " " + peers;
    }
  }

  /** Contexts that JSON-LD processors (Fedify among them) preload, so a peer never has to fetch them. */
  public static final Set<String> WELL_KNOWN_CONTEXTS = Set.of(As.NS, As.SECURITY_V1,
      "https://w3id.org/security/data-integrity/v1", "https://w3id.org/security/multikey/v1");

  private static final Set<Peer> ALL = EnumSet.allOf(Peer.class);
  private static final Set<String> FORBIDDEN_KEYWORDS = Set.of("@graph", "@included", "@reverse");
  /** Misskey's check on usernames ({@code \w} is ASCII in JavaScript). */
  private static final Pattern MISSKEY_USERNAME = Pattern.compile("^[A-Za-z0-9_]([A-Za-z0-9_\\-.]*[A-Za-z0-9_])?$");
  /** The usernames Mastodon's mention syntax can address. */
  private static final Pattern MASTODON_MENTIONABLE = Pattern.compile("^[A-Za-z0-9_]+([.-]+[A-Za-z0-9_]+)*$");

  private PeerRequirements() {}

  /** Checks a Group actor document; an empty list means every peer above accepts it with all features. */
  public static List<Problem> checkGroupActor(JsonNode doc) {
    List<Problem> out = new ArrayList<>();
    if (doc == null || !doc.isObject()) {
      out.add(new Problem(Level.REQUIRED, "document", "an actor document must be a JSON object", ALL));
      return out;
    }
    checkContext(doc, out);
    for (String keyword : FORBIDDEN_KEYWORDS) {
      if (doc.has(keyword)) {
        out.add(new Problem(Level.REQUIRED, keyword, keyword + " moves the actor's properties out of the "
            + "top-level node that peers read", ALL));
      }
    }
    String id = Normalizer.firstText(doc.get("id"));
    if (!Iris.isHttpIri(id)) {
      out.add(new Problem(Level.REQUIRED, "id", "an absolute http(s) IRI is required", ALL));
      id = null;
    }
    checkType(doc.get("type"), out);
    checkUsername(doc, out);
    requireLink(doc, "inbox", "the group cannot be followed or delivered to without an inbox", ALL, out);
    requireLink(doc, "outbox", "Lemmy's Group has no optional outbox", EnumSet.of(Peer.LEMMY), out);
    requireLink(doc, "followers", "Lemmy 0.19's Group has no optional followers collection",
        EnumSet.of(Peer.LEMMY), out);
    checkPublicKey(doc.get("publicKey"), id, out);
    checkText(doc, "name", out);
    checkText(doc, "summary", out);

    JsonNode endpoints = doc.get("endpoints");
    String sharedInbox = endpoints != null && endpoints.isObject()
        ? Normalizer.firstText(endpoints.get("sharedInbox")) : null;
    if (!Iris.isHttpIri(sharedInbox)) {
      out.add(new Problem(Level.RECOMMENDED, "endpoints.sharedInbox", doc.has("sharedInbox")
          ? "only a top-level sharedInbox is given, which Misskey reads but Mastodon and Lemmy do not; they "
              + "deliver to the group's own inbox"
          : "without a shared inbox, peers deliver to the group's own inbox", EnumSet.of(Peer.MASTODON, Peer.LEMMY,
          Peer.MISSKEY)));
    }
    recommendLink(doc, "featured", "pinned posts are not shown (Mastodon, Lemmy; Misskey takes five)",
        EnumSet.of(Peer.MASTODON, Peer.LEMMY, Peer.MISSKEY), out);
    recommendLink(doc, "attributedTo", "Lemmy reads the moderators collection from attributedTo",
        EnumSet.of(Peer.LEMMY), out);
    if (Normalizer.firstText(doc.get("name")) == null) {
      out.add(new Problem(Level.RECOMMENDED, "name", "the group is shown under its username only",
          EnumSet.of(Peer.MASTODON, Peer.LEMMY, Peer.MISSKEY)));
    }
    return out;
  }

  /** Only the problems that make a peer refuse the document or fail to verify the group. */
  public static List<Problem> required(List<Problem> problems) {
    return problems.stream().filter(p -> p.level() == Level.REQUIRED).collect(Collectors.toList());
  }

  private static void checkContext(JsonNode doc, List<Problem> out) {
    Set<Peer> readers = EnumSet.of(Peer.MASTODON, Peer.FEDIFY);
    JsonNode context = doc.get("@context");
    if (context == null || context.isNull()) {
      out.add(new Problem(Level.REQUIRED, "@context", "no @context: Mastodon refuses the document and Fedify "
          + "cannot read any term", readers));
      return;
    }
    List<JsonNode> entries = new ArrayList<>();
    if (context.isArray()) {
      context.forEach(entries::add);
    } else {
      entries.add(context);
    }
    boolean activityStreams = false;
    for (JsonNode entry : entries) {
      if (entry.isTextual()) {
        String iri = entry.asText();
        if (As.NS.equals(iri)) {
          activityStreams = true;
        } else if (!WELL_KNOWN_CONTEXTS.contains(iri)) {
          out.add(new Problem(Level.RECOMMENDED, "@context", "remote context " + iri + " is not preloaded by "
              + "JSON-LD processors: Fedify must fetch it, and cannot read the document while it is unreachable",
              EnumSet.of(Peer.FEDIFY)));
        }
      } else if (!entry.isObject()) {
        out.add(new Problem(Level.REQUIRED, "@context", "a context entry must be an IRI or an inline map",
            EnumSet.of(Peer.FEDIFY)));
      }
    }
    if (!activityStreams) {
      out.add(new Problem(Level.REQUIRED, "@context", "the ActivityStreams context " + As.NS + " is not listed: "
          + "Mastodon refuses the document and Fedify cannot read its terms", readers));
    }
  }

  private static void checkType(JsonNode type, List<Problem> out) {
    if (type != null && type.isTextual() && "Group".equals(type.asText())) {
      return;
    }
    if (type != null && type.isArray()) {
      for (JsonNode t : type) {
        if (t.isTextual() && "Group".equals(t.asText())) {
          out.add(new Problem(Level.REQUIRED, "type", "Lemmy only accepts the plain string \"Group\", not an array",
              EnumSet.of(Peer.LEMMY)));
          return;
        }
      }
    }
    out.add(new Problem(Level.REQUIRED, "type", "a group actor has type \"Group\"", ALL));
  }

  private static void checkUsername(JsonNode doc, List<Problem> out) {
    String username = Normalizer.firstText(doc.get("preferredUsername"));
    if (username == null || username.isBlank()) {
      Set<Peer> peers = doc.hasNonNull("webfinger") ? EnumSet.of(Peer.LEMMY, Peer.MISSKEY)
          : EnumSet.of(Peer.MASTODON, Peer.LEMMY, Peer.MISSKEY);
      out.add(new Problem(Level.REQUIRED, "preferredUsername", "the group's username is required", peers));
      return;
    }
    if (username.length() > 128 || !MISSKEY_USERNAME.matcher(username).matches()) {
      out.add(new Problem(Level.REQUIRED, "preferredUsername", "Misskey accepts 1 to 128 characters of letters, "
          + "digits and _, with - and . only inside", EnumSet.of(Peer.MISSKEY)));
    }
    if (!MASTODON_MENTIONABLE.matcher(username).matches()) {
      out.add(new Problem(Level.RECOMMENDED, "preferredUsername", "Mastodon cannot @-mention this username",
          EnumSet.of(Peer.MASTODON)));
    }
  }

  private static void checkPublicKey(JsonNode key, String actorId, List<Problem> out) {
    if (key != null && key.isArray()) {
      key = key.size() > 0 ? key.get(0) : null;
    }
    if (key == null || !key.isObject()) {
      out.add(new Problem(Level.REQUIRED, "publicKey", "without a publicKey object no peer can verify what the "
          + "group signs (its Accepts and Announces)", ALL));
      return;
    }
    String keyId = Normalizer.firstText(key.get("id"));
    if (!Iris.isHttpIri(keyId)) {
      out.add(new Problem(Level.REQUIRED, "publicKey.id", "the key id must be an http(s) IRI", ALL));
    } else if (actorId != null && !hostOf(keyId).equals(hostOf(actorId))) {
      out.add(new Problem(Level.REQUIRED, "publicKey.id", "Misskey requires the key id on the actor's host",
          EnumSet.of(Peer.MISSKEY)));
    }
    String owner = Iris.iri(key.get("owner"));
    if (owner == null) {
      out.add(new Problem(Level.REQUIRED, "publicKey.owner", "Lemmy's PublicKey has no optional owner",
          EnumSet.of(Peer.LEMMY)));
    } else if (actorId != null && !owner.equals(actorId)) {
      out.add(new Problem(Level.RECOMMENDED, "publicKey.owner", "the key's owner is not the group: Mastodon "
          + "refuses such a key whenever it is fetched as a document of its own (FetchRemoteKeyService checks that "
          + "the owner lists it)", EnumSet.of(Peer.MASTODON)));
    }
    String pem = Normalizer.firstText(key.get("publicKeyPem"));
    if (pem == null || !(pem.contains("-----BEGIN PUBLIC KEY-----") || pem.contains("-----BEGIN RSA PUBLIC KEY-----"))) {
      out.add(new Problem(Level.REQUIRED, "publicKey.publicKeyPem", "a PEM-encoded public key is required", ALL));
    }
  }

  private static void checkText(JsonNode doc, String field, List<Problem> out) {
    JsonNode value = doc.get(field);
    if (value != null && !value.isNull() && !value.isTextual()) {
      out.add(new Problem(Level.REQUIRED, field, "Misskey refuses a " + field + " that is not a string",
          EnumSet.of(Peer.MISSKEY)));
    }
  }

  private static void requireLink(JsonNode doc, String field, String why, Set<Peer> peers, List<Problem> out) {
    if (!Iris.isHttpIri(Iris.iri(doc.get(field)))) {
      out.add(new Problem(Level.REQUIRED, field, why, peers));
    }
  }

  private static void recommendLink(JsonNode doc, String field, String why, Set<Peer> peers, List<Problem> out) {
    if (!Iris.isHttpIri(Iris.iri(doc.get(field)))) {
      out.add(new Problem(Level.RECOMMENDED, field, why, peers));
    }
  }

  private static String hostOf(String iri) {
    String origin = Iris.origin(iri);
    return origin == null ? "" : origin.substring(origin.indexOf("://") + 3);
  }
}
