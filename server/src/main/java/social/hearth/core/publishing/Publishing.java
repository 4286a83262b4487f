package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.Tx;
import social.hearth.core.port.TransactionalOutbox;

/**
 * What a community does with what its filters let through (at once, or when a moderator approves it later):
 * re-share a post, propagate an update, forward a like. Each runs in one transaction with the deliveries it causes.
 */
public final class Publishing implements social.hearth.core.moderation.Approvals {

  private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);

  private final TransactionalOutbox out;
  private final PostStore posts;

  public Publishing(TransactionalOutbox out, PostStore posts) {
    this.out = out;
    this.posts = posts;
  }

  /** What else a re-share or a like does, in its transaction (the feedback board); none until set at wiring. */
  private social.hearth.core.port.PublishHooks hooks = social.hearth.core.port.PublishHooks.NONE;

  /** Adds what else a re-share or a like does (the hooks run in the order they were added). */
  public void hooks(social.hearth.core.port.PublishHooks hooks) {
    this.hooks = this.hooks == social.hearth.core.port.PublishHooks.NONE ? hooks
        : social.hearth.core.port.PublishHooks.both(this.hooks, hooks);
  }

  /** Stores the post and re-shares it (FEP-1b12, both forms); nothing when the community already has it. */
  @Override
  public Future<Void> publish(Community community, ReceivedPost post, Verbatim original) {
    return out.send(tx -> posts.insert(tx, community.id(), post.id(), post.authorId(), post.type(),
            post.content(), post.inReplyTo(), post.object().json())
        .compose(id -> id.isEmpty() ? Future.<Void>succeededFuture()
            : (community.isPrivate() ? copy(tx, community, id.get(), post)
                : out.outbound().reshare(tx, community, id.get(), post.id(), original).map(n -> {
                  LOG.info("re-sharing {} in {} ({} deliveries)", post.id(), community.slug(), n);
                  return (Void) null;
                })).compose(v -> hooks.published(tx, community, id.get(), post))));
  }

  /** A post the filters let through in a batch ({@link BatchIntake}), and its decision to record. */
  public record Taken(Community community, ReceivedPost post, Verbatim original,
                      social.hearth.core.moderation.ModerationItems.New decision) {}

  /**
   * Records the decisions and publishes the posts of a batch of public communities' posts in one transaction: the
   * decisions in one statement ({@code record}), the posts in one, each community's re-shares in one, then the hooks
   * post by post. Returns the posts whose decision was recorded before (the batch runs again after a crash): nothing
   * is done for them here, the full way ({@link #publish}) takes them.
   */
  public Future<List<Taken>> publishAll(List<Taken> taken, BiFunction<Tx, List<social.hearth.core.moderation.ModerationItems.New>,
      Future<List<Optional<Long>>>> record) {
    return out.send(tx -> record.apply(tx, taken.stream().map(Taken::decision).toList()).compose(recorded -> {
      List<Taken> fresh = new ArrayList<>();
      List<Taken> earlier = new ArrayList<>();
      for (int i = 0; i < taken.size(); i++) {
        (recorded.get(i).isPresent() ? fresh : earlier).add(taken.get(i));
      }
      return posts.insertAll(tx, fresh.stream().map(t -> new PostStore.New(t.community().id(), t.post().id(),
              t.post().authorId(), t.post().type(), t.post().content(), t.post().inReplyTo(), t.post().object().json()))
          .toList()).compose(ids -> {
            Map<Long, Group> byCommunity = new LinkedHashMap<>();
            List<java.util.function.Supplier<Future<Void>>> hookCalls = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
              if (ids.get(i).isEmpty()) {
                continue; // the community already has it
              }
              Taken t = fresh.get(i);
              long postId = ids.get(i).get();
              byCommunity.computeIfAbsent(t.community().id(), k -> new Group(t.community(), new ArrayList<>())).posts()
                  .add(new Outbound.Reshared(postId, t.post().id(), t.original()));
              hookCalls.add(() -> hooks.published(tx, t.community(), postId, t.post()));
            }
            Future<Void> done = Future.succeededFuture();
            for (Group g : byCommunity.values()) {
              done = done.compose(v -> out.outbound().reshareAll(tx, g.community(), g.posts()).map(n -> {
                LOG.info("re-sharing {} posts in {} ({} deliveries)", g.posts().size(), g.community().slug(), n);
                return (Void) null;
              }));
            }
            for (java.util.function.Supplier<Future<Void>> call : hookCalls) {
              done = done.compose(v -> call.get());
            }
            return done;
          }).map(earlier);
    }));
  }

  /** A community's posts of a batch, re-shared together. */
  private record Group(Community community, List<Outbound.Reshared> posts) {}

  /** A private community's copies (issue 17); none until set at wiring (then a private community shares nothing). */
  private social.hearth.core.port.PrivateCopies copies;

  public void copies(social.hearth.core.port.PrivateCopies copies) {
    this.copies = copies;
  }

  /** In a private community the post is not re-shared: the community sends its own copy to its members (issue 17). */
  private Future<Void> copy(social.hearth.core.port.Tx tx, Community community, long postId, ReceivedPost post) {
    if (copies == null) {
      LOG.warn("not sharing {} in the private community {}: private copies are not wired", post.id(), community.slug());
      return posts.membersOnly(tx, postId);
    }
    return copies.create(tx, community, postId).map(n -> {
      LOG.info("copying {} to the members of {} ({} deliveries)", post.id(), community.slug(), n);
      return null;
    });
  }

  /** Applies an author's update to the community's copy and forwards it to group-aware servers. */
  @Override
  public Future<Void> update(Community community, Post copy, ReceivedPost post, Verbatim original) {
    return out.send(tx -> posts.update(tx, copy.id(), post.content(), post.object().json())
        .compose(v -> copies == null ? Future.succeededFuture(false) : copies.update(tx, community, copy.id()))
        .compose(copied -> copied ? Future.succeededFuture() // the copy's Update went to the members (issue 17)
            : out.outbound().forward(tx, community, original)).<Void>mapEmpty());
  }

  /** Records a member's like and, when the community announces likes, forwards it to group-aware servers. */
  @Override
  public Future<Void> like(Community community, String likeId, String objectId, String actor, Verbatim original) {
    return out.send(tx -> posts.insertLike(tx, likeId, community.id(), objectId, actor)
        .compose(inserted -> hooks.liked(tx, community, objectId, actor).map(inserted))
        .compose(inserted -> inserted && community.announceLikes() && !community.isPrivate()
            ? out.outbound().forward(tx, community, original).<Void>mapEmpty() : Future.<Void>succeededFuture()));
  }
}
