package social.hearth.apub;

import social.hearth.core.port.Tx;
import social.hearth.apub.delivery.DeliveryWorker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import social.hearth.db.OutboxStore;
import social.hearth.db.OutboxStore.Visibility;
import social.hearth.core.port.PostStore;
import com.fasterxml.jackson.databind.util.RawValue;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.Outbound;
import social.hearth.core.domain.RemoteActor;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * Builds the activities a community sends and puts them, with their deliveries, into the database in the
 * caller's transaction. Nothing is sent here: the {@link DeliveryWorker} picks the rows up after commit.
 *
 * <p>Re-sharing follows FEP-1b12 in both forms: Mastodon-family servers get {@code Announce{object: <post IRI>}}
 * (they fetch the post from its origin and ignore embedded objects they did not author); group-aware servers
 * (Lemmy, Mbin, PieFed, NodeBB...) get {@code Announce{object: <the original activity, verbatim>}} for every
 * Create, Update, Delete, Like and Undo. Everything the group publishes carries {@code audience: <group>}.
 */
public final class OutboundActivities implements Outbound {

  private final OutboxStore store;
  private final PostStore posts;
  private final social.hearth.core.port.NoteStore notes;
  private final Uris uris;
  private final Clock clock;
  private final ActorMapper mapper;

  public OutboundActivities(OutboxStore store, PostStore posts, social.hearth.core.port.NoteStore notes, Uris uris,
                            ActorMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.store = store;
    this.posts = posts;
    this.notes = notes;
    this.uris = uris;
    this.clock = clock;
  }

  /**
   * Accept{Follow} or Reject{Follow} for a Follow known by its id (an approved or refused request, a removed
   * member: Mastodon drops a follow relationship on Reject).
   */
  @Override
  public Future<Void> answerFollow(Tx tx, FollowAnswer answer, Community community, String followId, RemoteActor follower) {
    String type = answer == FollowAnswer.ACCEPT ? "Accept" : "Reject";
    ObjectNode embedded = JsonLimits.MAPPER.createObjectNode();
    embedded.put("id", followId);
    embedded.put("type", "Follow");
    embedded.put("actor", follower.id());
    embedded.put("object", uris.community(community.slug()));
    ObjectNode reply = activity(type, community);
    reply.set("object", embedded);
    reply.putArray("to").add(follower.id());
    return store.insertActivity(tx, reply.get("id").asText(), community.id(), type, followId, reply.toString(),
            Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, follower.inbox(), follower.host()));
  }

  /** Block of a banned account, sent to it (Mastodon then drops its follow); returns the Block's IRI. */
  @Override
  public Future<String> block(Tx tx, Community community, RemoteActor target) {
    ObjectNode block = activity("Block", community);
    block.put("object", target.id());
    block.putArray("to").add(target.id());
    String iri = block.get("id").asText();
    return store.insertActivity(tx, iri, community.id(), "Block", target.id(), block.toString(), Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, target.inbox(), target.host())).map(iri);
  }

  /** Undo{Block} when a ban is lifted. */
  @Override
  public Future<Void> unblock(Tx tx, Community community, String blockIri, RemoteActor target) {
    ObjectNode inner = JsonLimits.MAPPER.createObjectNode();
    inner.put("id", blockIri);
    inner.put("type", "Block");
    inner.put("actor", uris.community(community.slug()));
    inner.put("object", target.id());
    ObjectNode undo = activity("Undo", community);
    undo.set("object", inner);
    undo.putArray("to").add(target.id());
    return store.insertActivity(tx, undo.get("id").asText(), community.id(), "Undo", blockIri, undo.toString(),
            Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, target.inbox(), target.host()));
  }

  /**
   * A direct message from the community: Create{Note} addressed only to the recipient, who is mentioned. The
   * note is kept in {@code local_notes} under {@code kind} (question, welcome, reminder, notice...). Returns the
   * note's IRI.
   */
  @Override
  public Future<String> directMessage(Tx tx, Community community, RemoteActor recipient, String html, String kind,
                                      String inReplyTo) {
    java.util.UUID id = java.util.UUID.randomUUID();
    String noteIri = uris.communityNote(community.slug(), id);
    String published = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode note = JsonLimits.MAPPER.createObjectNode();
    note.put("id", noteIri);
    note.put("type", "Note");
    note.put("attributedTo", uris.community(community.slug()));
    String mention = "@" + (recipient.preferredUsername() == null ? "member" : recipient.preferredUsername()) + "@"
        + recipient.host();
    note.put("content", "<p><span class=\"h-card\"><a href=\"" + social.hearth.core.text.Html.escape(recipient.id())
        + "\" class=\"u-url mention\">" + social.hearth.core.text.Html.escape(mention) + "</a></span></p>" + html);
    note.putArray("to").add(recipient.id());
    note.putArray("cc");
    note.putArray("tag").addObject().put("type", "Mention").put("href", recipient.id()).put("name", mention);
    if (inReplyTo != null) {
      note.put("inReplyTo", inReplyTo);
    }
    note.put("published", published);
    ObjectNode create = activity("Create", community);
    create.put("id", uris.communityNoteActivity(noteIri));
    create.putArray("to").add(recipient.id());
    create.set("object", note);
    ObjectNode stored = note.deepCopy();
    stored.putArray("@context").add(As.NS);
    return notes.insert(tx, id, community.id(), noteIri, kind, recipient.id(), stored.toString())
        .compose(v -> store.insertActivity(tx, create.get("id").asText(), community.id(), "Create", noteIri,
            create.toString(), Visibility.PRIVATE))
        .compose(actId -> store.enqueue(tx, actId, recipient.inbox(), recipient.host()))
        .map(noteIri);
  }

  /**
   * Re-shares a newly accepted post: the plain Announce (listed in the outbox) to Mastodon-family servers and
   * the wrapped original activity to group-aware servers, queued by one statement. Returns the number of
   * deliveries queued.
   */
  @Override
  public Future<Integer> reshare(Tx tx, Community community, long postId, String objectId, Verbatim original) {
    ObjectNode plain = publicActivity("Announce", community);
    plain.put("object", objectId);
    ObjectNode wrapped = publicActivity("Announce", community);
    wrapped.putRawValue("object", new RawValue(original.json()));
    return store.reshare(tx, community.id(), postId, localPrefix(), new OutboxStore.Reshare(plain.get("id").asText(),
        objectId, plain.toString(), wrapped.get("id").asText(), original.id(), wrapped.toString()));
  }

  /** Announce{<activity verbatim>} to group-aware servers (FEP-1b12). */
  @Override
  public Future<Integer> forward(Tx tx, Community community, Verbatim original) {
    return insertWrapped(tx, community, original)
        .compose(id -> store.enqueueToMembers(tx, community.id(), localPrefix(), null, id));
  }

  private Future<Long> insertWrapped(Tx tx, Community community, Verbatim original) {
    ObjectNode wrapped = publicActivity("Announce", community);
    wrapped.putRawValue("object", new RawValue(original.json()));
    String objectId = original.id();
    return store.insertActivity(tx, wrapped.get("id").asText(), community.id(), "Announce", objectId, wrapped.toString(),
        Visibility.PUBLIC);
  }

  /**
   * A re-shared post taken back: Mastodon-family servers get Undo of the plain Announce (when there was one; it
   * leaves the outbox), group-aware servers get {@code Announce{deletion}} (FEP-1b12), queued by one statement.
   */
  @Override
  public Future<Integer> retract(Tx tx, Community community, String announceIri, String objectId,
                                 Verbatim deletion) {
    Future<Long> undo = announceIri == null ? Future.succeededFuture(null) : undoAnnounce(tx, community, announceIri, objectId);
    return undo.compose(undoId -> insertWrapped(tx, community, deletion)
        .compose(wrappedId -> store.enqueueToMembers(tx, community.id(), localPrefix(), undoId, wrappedId)));
  }

  /** Undo of a plain Announce, so Mastodon-family servers drop the re-share; it leaves the outbox. */
  private Future<Long> undoAnnounce(Tx tx, Community community, String announceIri, String objectId) {
    ObjectNode inner = JsonLimits.MAPPER.createObjectNode();
    inner.put("id", announceIri);
    inner.put("type", "Announce");
    inner.put("actor", uris.community(community.slug()));
    inner.put("object", objectId);
    ObjectNode undo = publicActivity("Undo", community);
    undo.set("object", inner);
    return store.unlist(tx, announceIri)
        .compose(v -> store.insertActivity(tx, undo.get("id").asText(), community.id(), "Undo", announceIri,
            undo.toString(), Visibility.PUBLIC));
  }

  /**
   * A moderator's removal of a re-shared post: Mastodon-family servers get Undo of the plain Announce; group-aware
   * servers get Announce{Delete{actor: group, object: post}} (FEP-1b12).
   */
  @Override
  public Future<Integer> removal(Tx tx, Community community, String objectId, String announceIri) {
    ObjectNode delete = publicActivity("Delete", community);
    delete.put("object", objectId);
    return store.insertActivity(tx, delete.get("id").asText(), community.id(), "Delete", objectId,
            delete.toString(), Visibility.PUBLIC)
        .compose(id -> retract(tx, community, announceIri, objectId, new Verbatim(delete.get("id").asText(), delete.toString())));
  }

  /**
   * A report forwarded to the reported account's server, as Mastodon does: a Flag from our instance actor naming the
   * account and the posts, with the moderator's comment.
   */
  @Override
  public Future<Void> flag(Tx tx, RemoteActor account, java.util.List<String> posts, String comment) {
    ObjectNode flag = JsonLimits.MAPPER.createObjectNode();
    flag.putArray("@context").add(As.NS);
    flag.put("id", uris.newActivity());
    flag.put("type", "Flag");
    flag.put("actor", uris.instanceActor());
    var objects = flag.putArray("object").add(account.id());
    posts.forEach(objects::add);
    if (comment != null) {
      flag.put("content", comment);
    }
    return store.insertActivity(tx, flag.get("id").asText(), null, "Flag", account.id(), flag.toString(), Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, account.deliveryInbox(), account.host()));
  }

  /** Add or Remove of a post to the featured (pinned) collection, sent to every member. */
  @Override
  public Future<Integer> featured(Tx tx, Community community, FeaturedChange change, String objectId) {
    String type = change == FeaturedChange.ADD ? "Add" : "Remove";
    ObjectNode activity = publicActivity(type, community);
    activity.put("object", objectId);
    activity.put("target", uris.communityFeatured(community.slug()));
    return store.insertActivity(tx, activity.get("id").asText(), community.id(), type, objectId, activity.toString(),
            Visibility.PUBLIC)
        .compose(id -> store.enqueueToMembers(tx, community.id(), localPrefix(), id, id));
  }

  /** Update{Group}: the community's new profile, sent to every member. */
  @Override
  public Future<Integer> updateGroup(Tx tx, Community community, java.util.List<MediaRef> media) {
    ObjectNode update = publicActivity("Update", community);
    update.set("object", mapper.groupDocument(community, media));
    return store.insertActivity(tx, update.get("id").asText(), community.id(), "Update",
            uris.community(community.slug()), update.toString(), Visibility.PUBLIC)
        .compose(id -> store.enqueueToMembers(tx, community.id(), localPrefix(), id, id));
  }

  /** Every local IRI starts with this: deliveries to our own members' inboxes are skipped. */
  private String localPrefix() {
    return uris.home();
  }

  private ObjectNode publicActivity(String type, Community community) {
    ObjectNode node = activity(type, community);
    node.putArray("to").add(As.PUBLIC);
    node.putArray("cc").add(uris.communityFollowers(community.slug()));
    node.put("audience", uris.community(community.slug()));
    return node;
  }

  private ObjectNode activity(String type, Community community) {
    ObjectNode node = JsonLimits.MAPPER.createObjectNode();
    node.putArray("@context").add(As.NS);
    node.put("id", uris.newActivity());
    node.put("type", type);
    node.put("actor", uris.community(community.slug()));
    node.put("published", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    return node;
  }
}
