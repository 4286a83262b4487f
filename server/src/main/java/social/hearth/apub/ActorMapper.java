package social.hearth.apub;

import social.hearth.core.domain.MediaRef;
import java.time.format.DateTimeFormatter;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.Actor;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.Endpoints;
import social.hearth.federation.vocab.PublicKeyDoc;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.Multikey;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.core.text.Html;

/** The one place where local domain objects become ActivityPub actors. */
public final class ActorMapper {

  private final Uris uris;
  /** Multibase encodings of our own Ed25519 keys (one per local actor), so serving an actor parses no key. */
  private static final java.util.Map<String, String> MULTIBASE = new java.util.concurrent.ConcurrentHashMap<>();

  public ActorMapper(Uris uris) {
    this.uris = uris;
  }

  public Actor group(Community c) {
    String id = uris.community(c.slug());
    return new Actor(As.ACTOR_CONTEXT, id, "Group", c.slug(), c.name(), Html.paragraphs(c.summary()), id,
        uris.communityInbox(c.slug()), uris.communityOutbox(c.slug()), uris.communityFollowers(c.slug()), null,
        uris.communityFeatured(c.slug()), uris.communityModerators(c.slug()), new Endpoints(uris.sharedInbox()),
        new PublicKeyDoc(uris.communityKey(c.slug()), id, c.publicKeyPem()), c.approvesFollowersManually(), true, true,
        c.postingPolicy() == Community.PostingPolicy.MODERATORS || c.archived(),
        DateTimeFormatter.ISO_INSTANT.format(c.createdAt().toInstant()), null, null, null, null);
  }

  /** The instance actor (Application) that signs our GETs; Mastodon names it after the domain. */
  public Actor instance(String publicKeyPem) {
    String id = uris.instanceActor();
    return new Actor(As.ACTOR_CONTEXT, id, "Application", InstanceNames.INSTANCE_ACTOR, "Hearth instance actor",
        null, uris.home(), uris.instanceActorInbox(), uris.instanceActorOutbox(), null, null, null, null,
        new Endpoints(uris.sharedInbox()), new PublicKeyDoc(uris.instanceActorKey(), id, publicKeyPem), true,
        false, false, null, null, null, null, null, null);
  }

  /** The Group as served: the Actor plus its Ed25519 key as a FEP-521a Multikey in {@code assertionMethod}. */
  public com.fasterxml.jackson.databind.node.ObjectNode groupDocument(Community c) {
    return groupDocument(c, java.util.List.of());
  }

  /** As above, with the avatar as {@code icon} and the banner as {@code image} (shown by Mastodon, Lemmy, Misskey). */
  public com.fasterxml.jackson.databind.node.ObjectNode groupDocument(Community c,
                                                                     java.util.List<MediaRef> media) {
    String id = uris.community(c.slug());
    com.fasterxml.jackson.databind.node.ObjectNode doc = withMultikey(JsonLimits.MAPPER.valueToTree(group(c)), id, c.ed25519PublicPem());
    for (MediaRef m : media) {
      String field = "avatar".equals(m.kind()) ? "icon" : "banner".equals(m.kind()) ? "image" : null;
      if (field == null) {
        continue;
      }
      com.fasterxml.jackson.databind.node.ObjectNode image = doc.putObject(field);
      image.put("type", "Image").put("mediaType", m.contentType())
          .put("url", uris.communityMedia(c.slug(), m.kind(), m.digest()));
      if (m.alt() != null && !m.alt().isBlank()) {
        image.put("name", m.alt());
      }
    }
    return doc;
  }

  /**
   * A staff account's Person: its profile (display name, bio as HTML, avatar as {@code icon} with its alt text), its
   * RSA key as {@code publicKey} and its Ed25519 key as a Multikey. Its followers collection is served (the count
   * only); a staff Person follows no one.
   */
  public com.fasterxml.jackson.databind.node.ObjectNode personDocument(social.hearth.core.domain.StaffProfile p) {
    String id = uris.staff(p.username());
    Actor person = new Actor(As.ACTOR_CONTEXT, id, "Person", p.username(), p.shownName(), p.bioHtml(), id,
        uris.staffInbox(p.username()), uris.staffOutbox(p.username()), uris.staffFollowers(p.username()), null, null,
        null, new Endpoints(uris.sharedInbox()), new PublicKeyDoc(uris.staffKey(p.username()), id, p.publicKeyPem()),
        false, true, true, null, DateTimeFormatter.ISO_INSTANT.format(p.createdAt().toInstant()), null, null, null, null);
    com.fasterxml.jackson.databind.node.ObjectNode doc = withMultikey(JsonLimits.MAPPER.valueToTree(person), id,
        p.ed25519PublicPem());
    MediaRef avatar = p.avatar();
    if (avatar != null) {
      com.fasterxml.jackson.databind.node.ObjectNode icon = doc.putObject("icon");
      icon.put("type", "Image").put("mediaType", avatar.contentType()).put("url", uris.staffAvatar(p.username(), avatar.digest()));
      if (avatar.alt() != null && !avatar.alt().isBlank()) {
        icon.put("name", avatar.alt());
      }
    }
    return doc;
  }

  public com.fasterxml.jackson.databind.node.ObjectNode instanceDocument(String publicKeyPem, String ed25519Pem) {
    return withMultikey(JsonLimits.MAPPER.valueToTree(instance(publicKeyPem)), uris.instanceActor(), ed25519Pem);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode withMultikey(
      com.fasterxml.jackson.databind.node.ObjectNode doc, String actorId, String ed25519Pem) {
    if (ed25519Pem == null) {
      return doc;
    }
    String multibase = MULTIBASE.computeIfAbsent(ed25519Pem, pem -> {
      try {
        return Multikey.encode(Keys.parsePublicPem(pem));
      } catch (SignatureException e) {
        throw new IllegalStateException("stored Ed25519 key of " + actorId + " is unreadable", e);
      }
    });
    com.fasterxml.jackson.databind.node.ArrayNode context = (com.fasterxml.jackson.databind.node.ArrayNode) doc.get("@context");
    context.insert(2, "https://w3id.org/security/multikey/v1");
    doc.putArray("assertionMethod").addObject()
        .put("id", uris.ed25519Key(actorId))
        .put("type", "Multikey")
        .put("controller", actorId)
        .put("publicKeyMultibase", multibase);
    return doc;
  }
}
