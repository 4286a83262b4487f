package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.domain.QuoteAuthorization;
import social.hearth.core.domain.QuoteRequest;
import social.hearth.core.domain.PostBody;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.Verbatim;

/**
 * What a community says to other servers. Each call writes the activity and its deliveries in the caller's
 * transaction (the transactional outbox); nothing is sent until it commits and {@link Deliveries#wake()} runs.
 * The ActivityPub adapter decides the wire form (FEP-1b12's two forms, Mastodon's quirks).
 */
public interface Outbound {

  /** How a Follow is answered. */
  enum FollowAnswer { ACCEPT, REJECT }

  /** A pinned post added to, or removed from, the community's featured collection. */
  enum FeaturedChange { ADD, REMOVE }

  /** What happened to a post written in Hearth: written, edited, or deleted. */
  enum OwnChange { CREATE, UPDATE, DELETE }

  /** Accept or Reject of a Follow known by its id. */
  Future<Void> answerFollow(Tx tx, FollowAnswer answer, Community community, String followId, RemoteActor follower);

  /** Block of a banned account, sent to it; returns the Block's IRI. */
  Future<String> block(Tx tx, Community community, RemoteActor target);

  /** Undo of an earlier Block when a ban is lifted. */
  Future<Void> unblock(Tx tx, Community community, String blockIri, RemoteActor target);

  /**
   * A direct message from the community to one account ({@code html} is already safe HTML) written in
   * {@code language} (a primary language subtag, or null when unknown); {@code kind} names it (question, welcome,
   * reminder, notice...) so replies can be recognised. Returns the note's IRI.
   */
  Future<String> directMessage(Tx tx, Community community, RemoteActor recipient, String html, String kind,
                               String inReplyTo, String language);

  /** As above, in no particular language. */
  default Future<String> directMessage(Tx tx, Community community, RemoteActor recipient, String html, String kind,
                                       String inReplyTo) {
    return directMessage(tx, community, recipient, html, kind, inReplyTo, null);
  }

  /** Re-shares an accepted post to every member; returns the number of deliveries queued. */
  default Future<Integer> reshare(Tx tx, Community community, long postId, String objectId, Verbatim original) {
    return reshareAll(tx, community, List.of(new Reshared(postId, objectId, original)));
  }

  /** A stored post to re-share, and the activity that brought it. */
  record Reshared(long postId, String objectId, Verbatim original) {}

  /** {@link #reshare} of many posts of one community at once. */
  Future<Integer> reshareAll(Tx tx, Community community, List<Reshared> posts);

  /** Forwards a member's own activity (an update, a like) to group-aware servers. */
  Future<Integer> forward(Tx tx, Community community, Verbatim original);

  /** Takes back a re-shared post after its author deleted it ({@code deletion} is the author's Delete). */
  Future<Integer> retract(Tx tx, Community community, String announceIri, String objectId, Verbatim deletion);

  /** A moderator's removal of a re-shared post. */
  Future<Integer> removal(Tx tx, Community community, String objectId, String announceIri);

  /** A report forwarded to the reported account's server, from this server's instance actor. */
  Future<Void> flag(Tx tx, RemoteActor account, List<String> posts, String comment);

  /** A change of the pinned posts, sent to every member. */
  Future<Integer> featured(Tx tx, Community community, FeaturedChange change, String objectId);

  /**
   * The answer to a request to quote something the community authored (FEP-044f), sent to the requester: Accept with
   * the {@code stamp} that allows it, or Reject when {@code stamp} is null.
   */
  Future<Void> answerQuote(Tx tx, Community community, QuoteRequest request, RemoteActor requester,
                           QuoteAuthorization stamp);

  /** Delete of a QuoteAuthorization stamp the community takes back, sent to the quoting account. */
  Future<Void> revokeQuote(Tx tx, Community community, QuoteAuthorization stamp);

  /** The community's current profile (with its avatar and banner), sent to every member. */
  Future<Integer> updateGroup(Tx tx, Community community, List<MediaRef> media);

  /**
   * Delete{Group}: the community is deleted, sent to every member's server (which then drops the follow and the
   * group); returns the number of deliveries queued. Signed with the community's key, which is kept until they
   * have gone out.
   */
  Future<Integer> deleteGroup(Tx tx, Community community);

  /**
   * A post the community itself wrote (the Group authored {@code noteJson}): its Create, Update or Delete, from the
   * Group to every member (Mastodon-family servers get the activity, group-aware ones the activity wrapped in an
   * Announce) and to each account it mentions. Returns the number of deliveries queued.
   */
  Future<Integer> ownPost(Tx tx, Community community, OwnChange change, String objectId, String noteJson,
                          List<PostBody.Mention> mentioned);

  /**
   * A staff member's own activity about the post they wrote ({@code actorIri} is their Person): the Create, Update or
   * Delete, stored so it can be dereferenced, and returned verbatim for the community to re-share or forward.
   */
  Future<Verbatim> staffActivity(Tx tx, Community community, OwnChange change, String actorIri, String objectId,
                                 String noteJson);
}
