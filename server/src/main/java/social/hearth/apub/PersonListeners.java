package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.CoreException;
import social.hearth.core.account.PersonFollows;
import social.hearth.core.account.StaffInbox;
import social.hearth.core.account.StaffProfiles;
import social.hearth.core.port.PersonStore;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Iris;
import social.hearth.federation.vocab.Normalizer;

/**
 * What staff Persons take from the inbox, added to the community listeners: a Follow of a Person is accepted
 * ({@link PersonFollows}) and its Undo removes the follower; a post that names a Person (to, cc, audience or a Mention)
 * or answers one of its notes goes to the staff inbox ({@link StaffInbox}), whichever inbox it came to, and its edit
 * and deletion follow it there. Verification is the community listeners' own, unchanged; what a Person's inbox does
 * not take is dropped before it is stored ({@link InboxEndpoint}).
 */
public final class PersonListeners {

  private static final Logger LOG = LoggerFactory.getLogger(PersonListeners.class);

  private final Uris uris;
  private final StaffProfiles profiles;
  private final PersonFollows follows;
  private final StaffInbox inbox;
  private final PersonStore store;

  public PersonListeners(Uris uris, StaffProfiles profiles, PersonFollows follows, StaffInbox inbox, PersonStore store) {
    this.uris = uris;
    this.profiles = profiles;
    this.follows = follows;
    this.inbox = inbox;
    this.store = store;
  }

  /** Follow: of a staff Person here, else of a community. */
  public ActivityListener follow(ActivityListener communities) {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        String username = uris.staffUsername(in.activity().objectId()).orElse(null);
        if (username == null) {
          return communities.verify(in);
        }
        return profiles.find(username).compose(p -> p.isPresent() ? Future.<Void>succeededFuture()
            : Future.failedFuture(new Rejection(404, "no account '" + username + "' here")));
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        String username = uris.staffUsername(in.activity().objectId()).orElse(null);
        if (username == null) {
          return communities.receive(in);
        }
        return follows.follow(username, in.activity().actor(), in.activity().id()).recover(PersonListeners::goneAccount);
      }
    };
  }

  /** Undo{Follow} of a staff Person removes the follower; any other Undo is the community listener's. */
  public ActivityListener undo(ActivityListener others) {
    return around(others, in -> {
      JsonNode object = in.activity().object();
      String actor = in.activity().actor();
      if (object.isObject() && "Follow".equals(Normalizer.type(object))) {
        String username = uris.staffUsername(Iris.iri(object.get("object"))).orElse(null);
        if (username != null) {
          return follows.unfollow(username, actor);
        }
      } else if (object.isTextual()) {
        // named by its id alone: a Follow of a Person, or whatever the community listener makes of it
        return follows.unfollowById(actor, object.asText())
            .compose(removed -> removed ? Future.<Void>succeededFuture() : others.receive(in));
      }
      return others.receive(in);
    });
  }

  /** Create: the communities' intake, then the staff inbox for the Persons it names or answers. */
  public ActivityListener create(CreateListener communities) {
    return around(communities, in -> communities.receive(in).compose(v -> mentions(in, communities, false)));
  }

  /** Update: the communities' (an actor refreshed, community copies revised), then the staff inbox's copies. */
  public ActivityListener update(ActivityListener others, CreateListener posts) {
    return around(others, in -> others.receive(in).compose(v -> mentions(in, posts, true)));
  }

  /** Delete: the communities', then the post leaves every staff inbox. */
  public ActivityListener delete(ActivityListener others) {
    return around(others, in -> {
      String objectId = in.activity().objectId();
      return others.receive(in).compose(v -> objectId.equals(in.activity().actor()) ? Future.<Void>succeededFuture()
          : inbox.deleted(objectId, in.activity().actor()));
    });
  }

  /** A listener that verifies as {@code inner} does (before the durable insert) and receives with {@code receive}. */
  private static ActivityListener around(ActivityListener inner,
                                         java.util.function.Function<InboundActivity, Future<Void>> receive) {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return inner.verify(in);
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        return receive.apply(in);
      }
    };
  }

  /**
   * The post the activity carries, for the staff inbox: taken when it names a staff Person or answers a note one
   * authored ({@code revised}: an edit of a post already there). A post that could not be for staff is never
   * fetched or read further.
   */
  private Future<Void> mentions(InboundActivity in, CreateListener posts, boolean revised) {
    JsonNode object = in.activity().object();
    if (object == null || in.activity().objectId() == null || !mayBeForStaff(in)) {
      return Future.succeededFuture();
    }
    String actor = in.activity().actor();
    return posts.resolveObject(object, in.activity().objectId(), actor).compose(json -> {
      ApObject post;
      try {
        post = Normalizer.object(json);
      } catch (InvalidActivityException e) {
        return Future.succeededFuture();
      }
      if (!ApObject.TYPES.contains(post.type()) || !actor.equals(post.attributedTo()) || !Iris.sameOrigin(post.id(), actor)) {
        return Future.succeededFuture();
      }
      if (revised) {
        return inbox.revised(InboundMapper.mention(post)).mapEmpty();
      }
      Set<String> named = new LinkedHashSet<>(InboundMapper.staffNamed(post, uris));
      Future<Set<String>> all = post.inReplyTo() == null || !uris.isLocal(post.inReplyTo()) ? Future.succeededFuture(named)
          : store.authorOf(post.inReplyTo()).map(owner -> {
            owner.ifPresent(named::add);
            return named;
          });
      return all.compose(usernames -> inbox.receive(InboundMapper.mention(post), usernames));
    });
  }

  /**
   * Whether the activity could be for staff, without fetching anything: it came to a Person's inbox, names a
   * Person's IRI, or answers something on this server.
   */
  private boolean mayBeForStaff(InboundActivity in) {
    if (uris.staffUsername(in.recipient()).isPresent() || names(in.json())) {
      return true;
    }
    JsonNode object = in.activity().object();
    return object != null && object.isObject() && (names(object) || uris.isLocal(Iris.iri(object.get("inReplyTo"))));
  }

  /** True when the node's to, cc, audience or a tag names a staff Person here. */
  private boolean names(JsonNode node) {
    for (String field : new String[] {"to", "cc", "audience", "tag"}) {
      for (String iri : Iris.iris(node.get(field))) {
        if (uris.staffUsername(iri).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /** An account deleted after its Follow was acknowledged: nothing to do. */
  private static Future<Void> goneAccount(Throwable e) {
    if (e instanceof CoreException c && c.kind() == CoreException.Kind.NOT_FOUND) {
      LOG.info("a Follow of a staff account that no longer exists: {}", e.getMessage());
      return Future.succeededFuture();
    }
    return Future.failedFuture(e);
  }
}
