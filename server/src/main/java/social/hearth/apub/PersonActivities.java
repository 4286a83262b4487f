package social.hearth.apub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.StaffActivity;
import social.hearth.core.domain.StaffNote;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.port.StaffOutbound;
import social.hearth.core.port.Tx;
import social.hearth.db.OutboxStore;
import social.hearth.db.PersonOutboxSql;
import social.hearth.db.OutboxStore.Visibility;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Builds the activities a staff Person sends and puts them, with their deliveries, into the database in the caller's
 * transaction ({@code activities.account_id} names the author, whose key signs them at send time). See
 * {@link StaffOutbound#toFollowers} for the contract.
 */
public final class PersonActivities implements StaffOutbound {

  private final OutboxStore store;
  private final Uris uris;
  private final ActorMapper mapper;
  private final Clock clock;

  public PersonActivities(OutboxStore store, Uris uris, ActorMapper mapper, Clock clock) {
    this.store = store;
    this.uris = uris;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public Future<String> toFollowers(Tx tx, StaffProfile author, StaffActivity activity) {
    if (activity instanceof StaffActivity.ProfileUpdate update) {
      ObjectNode node = activity("Update", author);
      node.putArray("to").add(As.PUBLIC);
      node.putArray("cc").add(uris.staffFollowers(author.username()));
      ObjectNode person = mapper.personDocument(update.person());
      // one context for the whole activity, the Person's (security terms, the Multikey), as Mastodon sends it
      node.set("@context", person.remove("@context"));
      node.set("object", person);
      return queue(tx, author, node, uris.staff(author.username()), Visibility.PUBLIC, true, List.of());
    }
    StaffActivity.NoteChange change = (StaffActivity.NoteChange) activity;
    StaffNote note = change.note();
    boolean listed = note.visibility() == StaffNote.Visibility.PUBLIC || note.visibility() == StaffNote.Visibility.UNLISTED;
    String type = switch (change.verb()) {
      case CREATE -> "Create";
      case UPDATE -> "Update";
      case DELETE -> "Delete";
    };
    ObjectNode node = activity(type, author);
    ObjectNode object = change.verb() == StaffActivity.Verb.DELETE ? tombstone(note) : note(author, note);
    address(node, author, note);
    if (note.community() != null) {
      node.put("audience", uris.community(note.community()));
    }
    node.set("object", object);
    List<String> mentioned = new ArrayList<>();
    note.mentions().forEach(m -> mentioned.add(m.actorId()));
    Visibility visibility = !listed ? Visibility.PRIVATE
        : change.verb() == StaffActivity.Verb.CREATE ? Visibility.OUTBOX : Visibility.PUBLIC;
    Future<Void> unlisted = change.verb() == StaffActivity.Verb.DELETE
        ? PersonOutboxSql.unlistStaffCreate(tx, author.accountId(), note.id()) : Future.succeededFuture();
    return unlisted.compose(v -> queue(tx, author, node, note.id(), visibility,
        note.visibility() != StaffNote.Visibility.DIRECT, mentioned));
  }

  @Override
  public Future<Integer> deliverOwn(Tx tx, String username, String activityIri, List<String> mentioned) {
    return PersonOutboxSql.authorActivity(tx, username, activityIri).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(0);
      }
      PersonOutboxSql.Authored a = found.get();
      Future<Void> unlisted = "Delete".equals(a.type()) && a.objectId() != null
          ? PersonOutboxSql.unlistStaffCreate(tx, a.accountId(), a.objectId()) : Future.succeededFuture();
      return unlisted.compose(v -> PersonOutboxSql.enqueueToPerson(tx, a.activityId(), a.accountId(), true, mentioned,
          uris.home()));
    });
  }

  @Override
  public Future<Void> acceptFollow(Tx tx, StaffProfile person, String followId, RemoteActor follower) {
    ObjectNode embedded = JsonLimits.MAPPER.createObjectNode();
    embedded.put("id", followId);
    embedded.put("type", "Follow");
    embedded.put("actor", follower.id());
    embedded.put("object", uris.staff(person.username()));
    ObjectNode accept = activity("Accept", person);
    accept.set("object", embedded);
    accept.putArray("to").add(follower.id());
    return store.insertActivity(tx, accept.get("id").asText(), null, person.accountId(), "Accept", followId,
            accept.toString(), Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, follower.inbox(), follower.host()));
  }

  private Future<String> queue(Tx tx, StaffProfile author, ObjectNode node, String objectId, Visibility visibility,
                               boolean toFollowers, List<String> actors) {
    String iri = node.get("id").asText();
    return store.insertActivity(tx, iri, null, author.accountId(), node.get("type").asText(), objectId, node.toString(),
            visibility)
        .compose(id -> PersonOutboxSql.enqueueToPerson(tx, id, author.accountId(), toFollowers, actors, uris.home()))
        .map(iri);
  }

  /** The note as published: attributed to the Person, addressed like its activity, with its tags and images. */
  private ObjectNode note(StaffProfile author, StaffNote note) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    n.put("id", note.id());
    n.put("type", "Note");
    n.put("attributedTo", uris.staff(author.username()));
    if (note.summary() != null && !note.summary().isBlank()) {
      n.put("summary", note.summary());
    }
    n.put("sensitive", note.sensitive());
    n.put("content", note.contentHtml());
    if (note.language() != null) {
      n.putObject("contentMap").put(note.language(), note.contentHtml());
    }
    if (note.inReplyTo() != null) {
      n.put("inReplyTo", note.inReplyTo());
    }
    n.put("published", time(note.published()));
    if (note.updated() != null) {
      n.put("updated", time(note.updated()));
    }
    if (note.url() != null) {
      n.put("url", note.url());
    }
    address(n, author, note);
    if (note.community() != null) {
      n.put("audience", uris.community(note.community()));
    }
    ArrayNode tags = n.putArray("tag");
    for (StaffNote.Mention m : note.mentions()) {
      tags.addObject().put("type", "Mention").put("href", m.actorId()).put("name", m.name());
    }
    for (String h : note.hashtags()) {
      ObjectNode tag = tags.addObject().put("type", "Hashtag").put("name", "#" + h);
      if (note.community() != null) {
        tag.put("href", uris.communityTag(note.community(), h));
      }
    }
    ArrayNode attachments = n.putArray("attachment");
    for (StaffNote.Attachment a : note.attachments()) {
      ObjectNode item = attachments.addObject()
          .put("type", a.mediaType() != null && a.mediaType().startsWith("image/") ? "Image" : "Document")
          .put("mediaType", a.mediaType()).put("url", a.url());
      if (a.alt() != null && !a.alt().isBlank()) {
        item.put("name", a.alt());
      }
    }
    return n;
  }

  private static ObjectNode tombstone(StaffNote note) {
    ObjectNode t = JsonLimits.MAPPER.createObjectNode();
    t.put("id", note.id());
    t.put("type", "Tombstone");
    return t;
  }

  /** to and cc by the note's visibility (Mastodon's four), with its community and mentions. */
  private void address(ObjectNode node, StaffProfile author, StaffNote note) {
    String followers = uris.staffFollowers(author.username());
    ArrayNode to = node.putArray("to");
    ArrayNode cc = node.putArray("cc");
    String group = note.community() == null ? null : uris.community(note.community());
    switch (note.visibility()) {
      case PUBLIC -> {
        to.add(As.PUBLIC);
        cc.add(followers);
      }
      case UNLISTED -> {
        to.add(followers);
        cc.add(As.PUBLIC);
      }
      case FOLLOWERS -> to.add(followers);
      case DIRECT -> {
        // the mentions alone
      }
    }
    if (group != null) {
      (note.visibility() == StaffNote.Visibility.FOLLOWERS ? to : cc).add(group);
    }
    for (StaffNote.Mention m : note.mentions()) {
      (note.visibility() == StaffNote.Visibility.DIRECT ? to : cc).add(m.actorId());
    }
  }

  private ObjectNode activity(String type, StaffProfile author) {
    ObjectNode node = JsonLimits.MAPPER.createObjectNode();
    node.putArray("@context").add(As.NS).addObject().put("sensitive", "as:sensitive").put("Hashtag", "as:Hashtag");
    node.put("id", uris.newActivity());
    node.put("type", type);
    node.put("actor", uris.staff(author.username()));
    node.put("published", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    return node;
  }

  private static String time(OffsetDateTime t) {
    return t.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
