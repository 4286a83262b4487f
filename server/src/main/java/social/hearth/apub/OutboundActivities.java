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
import social.hearth.core.domain.QuoteAuthorization;
import social.hearth.core.domain.QuoteRequest;
import social.hearth.core.domain.PostBody;
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
  private final InteractionPolicies policies;

  public OutboundActivities(OutboxStore store, PostStore posts, social.hearth.core.port.NoteStore notes, Uris uris,
                            ActorMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.policies = new InteractionPolicies(uris);
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
                                      String inReplyTo, String language) {
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
    if (language != null) {
      note.putObject("contentMap").put(language, note.get("content").asText());
    }
    note.putArray("to").add(recipient.id());
    note.putArray("cc");
    note.set("interactionPolicy", policies.authorOnly(community)); // a direct message is never quoted
    note.putArray("tag").addObject().put("type", "Mention").put("href", recipient.id()).put("name", mention);
    if (inReplyTo != null) {
      note.put("inReplyTo", inReplyTo);
    }
    note.put("published", published);
    ObjectNode create = activity("Create", community);
    create.withArray("@context").add(InteractionPolicies.context());
    create.put("id", uris.communityNoteActivity(noteIri));
    create.putArray("to").add(recipient.id());
    create.set("object", note);
    ObjectNode stored = note.deepCopy();
    stored.putArray("@context").add(As.NS).add(InteractionPolicies.context());
    return notes.insert(tx, id, community.id(), noteIri, kind, recipient.id(), stored.toString())
        .compose(v -> store.insertActivity(tx, create.get("id").asText(), community.id(), "Create", noteIri,
            create.toString(), Visibility.PRIVATE))
        .compose(actId -> store.enqueue(tx, actId, recipient.inbox(), recipient.host()))
        .map(noteIri);
  }

  /**
   * Re-shares newly accepted posts: the plain Announce (listed in the outbox) to Mastodon-family servers and the
   * wrapped original activity to group-aware servers, all queued by one statement. Returns the deliveries queued.
   */
  @Override
  public Future<Integer> reshareAll(Tx tx, Community community, java.util.List<Reshared> posts) {
    java.util.List<OutboxStore.Reshared> all = new java.util.ArrayList<>(posts.size());
    for (Reshared p : posts) {
      ObjectNode plain = publicActivity("Announce", community).put("object", p.objectId());
      ObjectNode wrapped = publicActivity("Announce", community);
      wrapped.putRawValue("object", new RawValue(p.original().json()));
      all.add(new OutboxStore.Reshared(p.postId(), new OutboxStore.Reshare(plain.get("id").asText(), p.objectId(),
          plain.toString(), wrapped.get("id").asText(), p.original().id(), wrapped.toString())));
    }
    return store.reshareAll(tx, community.id(), localPrefix(), all);
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
    return store.insertActivity(tx, wrapped.get("id").asText(), community.id(), "Announce", original.id(),
        wrapped.toString(), Visibility.PUBLIC);
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

  /** Accept of a QuoteRequest with the stamp as its {@code result} (as Mastodon 4.5 answers), or Reject. */
  @Override
  public Future<Void> answerQuote(Tx tx, Community community, QuoteRequest request, RemoteActor requester,
                                  QuoteAuthorization stamp) {
    String type = stamp == null ? "Reject" : "Accept";
    ObjectNode answer = activity(type, community);
    answer.set("@context", InteractionPolicies.contexts());
    answer.putArray("to").add(requester.id());
    answer.set("object", InteractionPolicies.request(request));
    if (stamp != null) {
      answer.put("result", uris.quoteAuthorization(community.slug(), stamp.id()));
    }
    return store.insertActivity(tx, answer.get("id").asText(), community.id(), type, request.id(), answer.toString(),
            Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, requester.inbox(), requester.host()));
  }

  /** Delete{QuoteAuthorization}: the stamp embedded, to Public, sent to the quoting account's server (as Mastodon). */
  @Override
  public Future<Void> revokeQuote(Tx tx, Community community, QuoteAuthorization stamp) {
    ObjectNode delete = activity("Delete", community);
    delete.set("@context", InteractionPolicies.contexts());
    delete.putArray("to").add(As.PUBLIC);
    delete.set("object", policies.stamp(community.slug(), stamp, false));
    return store.insertActivity(tx, delete.get("id").asText(), community.id(), "Delete",
            uris.quoteAuthorization(community.slug(), stamp.id()), delete.toString(), Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, stamp.requesterInbox(), stamp.requesterHost()));
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

  /**
   * Delete{actor: group, object: group} to every member's server: Mastodon deletes the group's account and drops
   * the follows, Lemmy-family servers mark the community deleted. Not listed in the outbox (there is none after).
   */
  @Override
  public Future<Integer> deleteGroup(Tx tx, Community community) {
    ObjectNode delete = publicActivity("Delete", community);
    String group = uris.community(community.slug());
    delete.put("object", group);
    return store.insertActivity(tx, delete.get("id").asText(), community.id(), "Delete", group, delete.toString(),
            Visibility.PRIVATE)
        .compose(id -> store.enqueueToMembers(tx, community.id(), localPrefix(), id, id));
  }

  /**
   * The community's own post: {@code Create}, {@code Update} or {@code Delete} of the Note by the Group. Mastodon-family
   * members get the activity itself (the Create is listed in the outbox until the post is deleted); group-aware
   * members get it wrapped, {@code Announce{Create}} (FEP-1b12: Lemmy takes a post in a remote community only from
   * the community's Announce; see docs/federation.md); mentioned accounts get the activity.
   */
  @Override
  public Future<Integer> ownPost(Tx tx, Community community, OwnChange change, String objectId, String noteJson,
                                 java.util.List<PostBody.Mention> mentioned) {
    boolean members = MembersOnly.is(noteJson); // issue 17: to the followers only, kept out of the outbox, unwrapped
    ObjectNode activity = members ? MembersOnly.address(activity(type(change), community), uris.communityFollowers(
        community.slug()), uris.community(community.slug())) : publicActivity(type(change), community);
    var cc = (com.fasterxml.jackson.databind.node.ArrayNode) activity.get("cc");
    mentioned.forEach(m -> cc.add(m.id()));
    embed(activity, noteJson);
    String iri = activity.get("id").asText();
    Future<Void> unlisted = change == OwnChange.DELETE ? store.unlistCreate(tx, community.id(), objectId)
        : Future.succeededFuture();
    return unlisted.compose(v -> store.insertActivity(tx, iri, community.id(), type(change), objectId, activity.toString(),
            members ? Visibility.PRIVATE : change == OwnChange.CREATE ? Visibility.OUTBOX : Visibility.PUBLIC))
        .compose(id -> (members ? Future.succeededFuture(id) : insertWrapped(tx, community, new Verbatim(iri, activity.toString())))
            .compose(wrapped -> store.enqueueToMembers(tx, community.id(), localPrefix(), id, wrapped))
            .compose(n -> {
              Future<Void> each = Future.succeededFuture();
              for (PostBody.Mention m : mentioned) {
                if (m.inbox() != null && !uris.isLocal(m.inbox())) {
                  each = each.compose(x -> store.enqueue(tx, id, m.inbox(), m.host()));
                }
              }
              return each.map(n);
            }));
  }

  /**
   * A staff member's own Create, Update or Delete of the post they wrote, by their Person: stored (public, so it can
   * be dereferenced at its IRI) and returned verbatim for the community to re-share, forward or take back.
   */
  @Override
  public Future<Verbatim> staffActivity(Tx tx, Community community, OwnChange change, String actorIri, String objectId,
                                        String noteJson) {
    ObjectNode activity = JsonLimits.MAPPER.createObjectNode();
    activity.putArray("@context").add(As.NS);
    activity.put("id", uris.newActivity());
    activity.put("type", type(change));
    activity.put("actor", actorIri);
    activity.put("published", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    activity.putArray("to").add(As.PUBLIC);
    activity.putArray("cc").add(uris.community(community.slug())).add(actorIri + "/followers");
    activity.put("audience", uris.community(community.slug()));
    embed(activity, noteJson);
    String iri = activity.get("id").asText();
    return store.insertActivity(tx, iri, null, type(change), objectId, activity.toString(), Visibility.PUBLIC)
        .map(id -> new Verbatim(iri, activity.toString()));
  }

  /** Create, Update or Delete. */
  private static String type(OwnChange change) {
    return change.name().charAt(0) + change.name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  /** Embeds the object in the activity, whose {@code @context} becomes the object's (when it has one). */
  private static void embed(ObjectNode activity, String json) {
    ObjectNode node;
    try {
      node = (ObjectNode) JsonLimits.MAPPER.readTree(json);
    } catch (java.io.IOException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
    JsonNode context = node.remove("@context");
    if (context != null) {
      activity.set("@context", context);
    }
    activity.set("object", node);
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
