package social.hearth.core.authoring;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.PostImage;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.core.port.OwnNotes;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.StaffOutbound;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;

/**
 * What publishing an authored post does, in the caller's transaction: the post joins the community's posts (so its
 * pages, feed, tags and pins show it) and the activities go out. As the community: the Group's Create, Update or
 * Delete of the Note ({@link Outbound#ownPost}). As a staff member: their Person's own activity
 * ({@link Outbound#staffActivity}), which the community then re-shares, forwards or takes back exactly as it does a
 * member's ({@link Outbound#reshare}, {@link Outbound#forward}, {@link Outbound#retract}).
 *
 * <p>Also the claim of scheduled posts that are due: {@link #publishDue} claims them with one conditional statement
 * under a random token and publishes each in a transaction that commits only while the token still holds it, so a
 * post is published once whatever the number of nodes.
 */
public final class Publisher {

  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
  /** The most posts a community pins. */
  public static final int MAX_PINS = 5;
  /** Due posts claimed per pass. */
  static final int BATCH = 16;
  static final int MAX_ATTEMPTS = 5;
  /** How long a post whose publication failed waits before it is tried again. */
  static final Duration RETRY = Duration.ofMinutes(2);

  private final TransactionalOutbox out;
  private final AuthoredPostStore store;
  private final PostStore posts;
  private final OwnNotes notes;
  private final CommunityService communities;
  private final StaffOutbound staff;
  private final Clock clock;

  public Publisher(TransactionalOutbox out, AuthoredPostStore store, PostStore posts, OwnNotes notes,
                   CommunityService communities, StaffOutbound staff, Clock clock) {
    this.staff = staff;
    this.out = out;
    this.store = store;
    this.posts = posts;
    this.notes = notes;
    this.communities = communities;
    this.clock = clock;
  }

  TransactionalOutbox out() {
    return out;
  }

  /** Publishes the post now; {@code claim} is the token it was claimed under when it was due (null: written now). */
  Future<AuthoredPost> publish(Tx tx, Community c, AuthoredPost p, UUID claim) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String noteJson = notes.note(c, p, now, null);
    String author = notes.authorIri(c, p.author());
    return posts.insert(tx, c.id(), p.iri(), author, "Note", p.body().html(), null, noteJson).compose(postId -> {
      if (postId.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("the community has " + p.iri() + " already"));
      }
      Future<Void> marked = p.membersOnly() ? posts.membersOnly(tx, postId.get()) : Future.succeededFuture();
      return marked.compose(m -> store.published(tx, p.id(), postId.get(), claim)).compose(held -> {
        if (!held) {
          return Future.failedFuture(new ClaimLost(p.iri()));
        }
        Future<?> sent = p.asCommunity()
            ? out.outbound().ownPost(tx, c, Outbound.OwnChange.CREATE, p.iri(), noteJson, p.body().mentions())
            : out.outbound().staffActivity(tx, c, Outbound.OwnChange.CREATE, author, p.iri(), noteJson)
                .compose(create -> staffOwn(tx, c, p, create)
                    .compose(v -> out.outbound().reshare(tx, c, postId.get(), p.iri(), create)));
        return sent.compose(x -> p.pin() ? pin(tx, c, p.iri()) : Future.succeededFuture())
            .map(x -> published(p, postId.get(), now));
      });
    });
  }

  /**
   * The staff member's own activity about their post ({@code activity}: their Create, Update or Delete, stored and
   * dereferenceable): it also goes to the Person's own followers and to the accounts the post mentions, signed with
   * the Person's key, so Mastodon-family servers see the edits and deletions of the post the community boosted.
   */
  private Future<Void> staffOwn(Tx tx, Community c, AuthoredPost p, Verbatim activity) {
    java.util.List<String> mentioned = p.body().mentions().stream().map(m -> m.id()).toList();
    return staff.deliverOwn(tx, p.author(), activity.id(), mentioned).map(n -> {
      LOG.debug("{} wrote {} in {} ({}, {} deliveries to their followers)", p.author(), p.iri(), c.slug(),
          activity.id(), n);
      return (Void) null;
    });
  }

  /** Sends the edited post as an Update, and pins or unpins it when that changed ({@code wasPinned}: before). */
  Future<AuthoredPost> update(Tx tx, Community c, AuthoredPost p, boolean wasPinned) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String noteJson = notes.note(c, p, p.publishedAt(), now);
    String author = notes.authorIri(c, p.author());
    Future<?> sent = posts.update(tx, p.postId(), p.body().html(), noteJson).compose(v -> p.asCommunity()
        ? out.outbound().ownPost(tx, c, Outbound.OwnChange.UPDATE, p.iri(), noteJson, p.body().mentions())
        : out.outbound().staffActivity(tx, c, Outbound.OwnChange.UPDATE, author, p.iri(), noteJson)
            .compose(update -> staffOwn(tx, c, p, update).compose(x -> out.outbound().forward(tx, c, update))));
    return sent.compose(x -> p.pin() == wasPinned ? Future.succeededFuture()
            : p.pin() ? pin(tx, c, p.iri()) : posts.unpin(tx, c.id(), p.iri()).compose(removed -> removed
                ? out.outbound().featured(tx, c, Outbound.FeaturedChange.REMOVE, p.iri()).mapEmpty()
                : Future.succeededFuture()))
        .map(x -> p);
  }

  /**
   * Sends the post's Delete: a tombstone here, unpinned; the community's own post deleted by the Group; a staff post
   * deleted by its author, its re-share taken back as a member's deleted post's is ({@code copy}: the community's).
   */
  Future<Void> delete(Tx tx, Community c, AuthoredPost p, Post copy) {
    String author = notes.authorIri(c, p.author());
    String tombstone = "{\"id\":\"" + p.iri().replace("\"", "") + "\",\"type\":\"Tombstone\"}";
    Future<Void> local = p.postId() == null ? Future.succeededFuture()
        : posts.tombstone(tx, p.postId()).compose(v -> posts.unpin(tx, c.id(), p.iri())).mapEmpty();
    return local.compose(v -> p.asCommunity()
        ? out.outbound().ownPost(tx, c, Outbound.OwnChange.DELETE, p.iri(), tombstone, p.body().mentions()).mapEmpty()
        : out.outbound().staffActivity(tx, c, Outbound.OwnChange.DELETE, author, p.iri(), tombstone)
            .compose(delete -> staffOwn(tx, c, p, delete).compose(x -> out.outbound().retract(tx, c,
                copy == null ? null : copy.announceIri(), p.iri(), delete))).mapEmpty());
  }

  /** Pins a post being published; when five are pinned already it stays unpinned (and says so in the log). */
  private Future<Void> pin(Tx tx, Community c, String iri) {
    return posts.pin(tx, c.id(), iri)
        .compose(added -> added ? out.outbound().featured(tx, c, Outbound.FeaturedChange.ADD, iri).mapEmpty()
            : Future.<Void>succeededFuture())
        .recover(e -> {
          if (e instanceof IllegalStateException) {
            LOG.info("{} in {} is not pinned: {}", iri, c.slug(), e.getMessage());
            return Future.succeededFuture();
          }
          return Future.failedFuture(e);
        });
  }

  /** One pass over the due scheduled posts; completes with how many were published. */
  public Future<Integer> publishDue() {
    UUID claim = UUID.randomUUID();
    return store.claimDue(BATCH, CommunityPosts.LEASE, claim).compose(due -> {
      List<Future<Boolean>> each = new ArrayList<>();
      for (AuthoredPost p : due) {
        each.add(communities.byId(p.communityId()).compose(c -> c.isEmpty() ? Future.succeededFuture(false)
            : out.send(tx -> publish(tx, c.get(), p, claim)).map(x -> {
              LOG.info("published scheduled post {} in {}", p.iri(), c.get().slug());
              communities.changed(c.get().slug());
              return true;
            }))
            .recover(e -> {
              if (e instanceof ClaimLost) {
                LOG.debug("{} was taken over by another node", p.iri());
                return Future.succeededFuture(false);
              }
              LOG.warn("publishing {} failed: {}", p.iri(), e.toString());
              return store.attemptFailed(p.id(), claim, String.valueOf(e.getMessage()), RETRY, MAX_ATTEMPTS).map(false);
            }));
      }
      return Future.join(each).map(x -> (int) each.stream().filter(f -> f.succeeded() && f.result()).count());
    });
  }

  /** The post as published. */
  private static AuthoredPost published(AuthoredPost p, long postId, OffsetDateTime at) {
    return new AuthoredPost(p.id(), p.key(), p.communityId(), p.author(), p.iri(), p.markdown(), p.summary(),
        p.language(), p.body(), p.pin(), AuthoredPost.State.PUBLISHED, p.publishAt(), postId, p.scheduleId(),
        p.images(), p.createdBy(), p.createdAt(), at, p.updatedAt(), null, p.membersOnly());
  }

  /** The post after an edit. */
  AuthoredPost edited(AuthoredPost p, AuthoredPostStore.Edit e, List<PostImage> images, OffsetDateTime at) {
    return new AuthoredPost(p.id(), p.key(), p.communityId(), e.author(), p.iri(), e.markdown(), e.summary(),
        e.language(), e.body(), e.pin(), p.state(), e.publishAt(), p.postId(), p.scheduleId(), images, p.createdBy(),
        p.createdAt(), p.publishedAt(), at, p.lastError(), p.membersOnly());
  }

  /** Another node took the claimed post over: this transaction must not commit. */
  static final class ClaimLost extends RuntimeException {
    ClaimLost(String iri) {
      super(iri + " was claimed by another node", null, false, false);
    }
  }
}
