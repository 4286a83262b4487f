package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Addressing;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.AuthorFacts;
import social.hearth.core.moderation.DomainNames;
import social.hearth.core.moderation.Submission;
import social.hearth.core.port.Actors;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.PostingStandings;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;

/**
 * What a community takes from what its members' servers send: posts, their updates and likes. A public or unlisted
 * post that names a community (to, cc, audience or a Mention), or replies to a post the community re-shared, is
 * re-shared to every member (FEP-1b12, both forms) when the community's posting policy allows its author and its
 * filters let it through. A direct message to the community goes to {@link DirectMessages}. Nothing else is stored
 * or shared. A post its author already deleted ({@link social.hearth.core.port.DeletedObjects}: the Delete overtook the Create) is dropped.
 * The language a post is written in is kept as its author's ({@link Actors#spoke}), for what the community says to
 * them.
 */
public final class PostIntake {

  private static final Logger LOG = LoggerFactory.getLogger(PostIntake.class);

  /** A revised post with what the filters read from it. */
  public record Revision(ReceivedPost post, Submission facts) {}

  private final CommunityService communities;
  private final PostStore posts;
  private final MemberStore members;
  private final BanStore bans;
  private final Screening screening;
  private final Publishing publishing;
  private final DirectMessages directMessages;
  private final PostingStandings standings;
  private final Actors actors;

  public PostIntake(CommunityService communities, PostStore posts, MemberStore members, BanStore bans,
                    Screening screening, Publishing publishing, DirectMessages directMessages, PostingStandings standings,
                    Actors actors) {
    this.standings = standings;
    this.actors = actors;
    this.communities = communities;
    this.posts = posts;
    this.members = members;
    this.bans = bans;
    this.screening = screening;
    this.publishing = publishing;
    this.directMessages = directMessages;
  }

  // ------------------------------------------------------------------ posts

  /**
   * A post written by its author, carried by {@code original} (its Create, or another group's Announce of it), in
   * every community it is for.
   *
   * @param facts what the filters read from the post
   */
  public Future<Void> accept(ReceivedPost received, Addressing to, Submission facts, Verbatim original) {
    // a reply to a private community's copy of a post is a reply to the original (issue 17)
    Future<ReceivedPost> threaded = privately == null ? Future.succeededFuture(received) : privately.threaded(received);
    return threaded.compose(post -> addressedCommunities(post, to).compose(slugs -> {
      List<Future<Void>> work = new ArrayList<>();
      for (String slug : slugs) {
        // the community, the author's standing and facts, and a deletion that overtook the post: one statement
        work.add(standings.author(slug, post.authorId(), post.id()).compose(author -> {
          if (author.isEmpty()) {
            return Future.succeededFuture();
          }
          if (author.get().deleted()) {
            LOG.info("not taking {}: its author deleted it before it arrived", post.id());
            return Future.succeededFuture();
          }
          return take(author.get(), post, to, facts, original);
        }));
      }
      return Future.all(work).mapEmpty();
    }));
  }

  /** How members post in a private community (issue 17); none until set at wiring (then a private community shares nothing). */
  private PrivatePosting privately;

  public void privately(PrivatePosting privately) {
    this.privately = privately;
  }

  /** The communities it names, and those that re-shared the post it replies to (only its inbox's, when set). */
  private Future<Set<String>> addressedCommunities(ReceivedPost post, Addressing to) {
    Set<String> slugs = new LinkedHashSet<>(to.communities());
    Future<Set<String>> withThreads = post.inReplyTo() == null ? Future.succeededFuture(slugs)
        : posts.byObject(post.inReplyTo()).compose(parents -> {
          List<Future<Void>> lookups = new ArrayList<>();
          for (Post parent : parents) {
            lookups.add(communities.byId(parent.communityId()).map(c -> {
              c.ifPresent(community -> slugs.add(community.slug()));
              return null;
            }));
          }
          return Future.all(lookups).map(slugs);
        });
    return withThreads.map(all -> {
      if (to.inbox() != null) {
        // delivered to one community's inbox: only that community may re-share it
        all.retainAll(Set.of(to.inbox()));
      }
      return all;
    });
  }

  private Future<Void> take(PostingStandings.Author author, ReceivedPost post, Addressing to, Submission facts,
                            Verbatim original) {
    Community community = author.community();
    if (post.language() != null) {
      // remembered (once per author and language) for what the community says to them
      return actors.spoke(post.authorId(), post.language()).compose(v -> takeIn(author, community, post, to, facts,
          original));
    }
    return takeIn(author, community, post, to, facts, original);
  }

  private Future<Void> takeIn(PostingStandings.Author author, Community community, ReceivedPost post, Addressing to,
                              Submission facts, Verbatim original) {
    if (community.isPrivate()) {
      return takePrivately(author, community, post, to, facts, original);
    }
    if (!to.publicOrUnlisted()) {
      if (to.names(community.slug())) {
        return directMessages.receive(community, post);
      }
      LOG.info("not re-sharing {} in {}: only public and unlisted posts are re-shared", post.id(), community.slug());
      return Future.succeededFuture();
    }
    return submit(author, community, post, to, facts, original);
  }

  /**
   * In a private community (issue 17) it is the other way round: a post with limited visibility (followers-only, or
   * direct) that names the community or answers in its threads is a submission, unless it is clearly something else:
   * what {@link DirectMessages} recognises (an invite code, a join answer, a command, a report) or a reply to a direct
   * message the community sent. A public or unlisted post is not shared; a member who sent one is told how to post.
   */
  private Future<Void> takePrivately(PostingStandings.Author author, Community community, ReceivedPost post,
                                     Addressing to, Submission facts, Verbatim original) {
    if (to.publicOrUnlisted()) {
      boolean member = !author.banned() && author.member().filter(Member::accepted).isPresent();
      Future<Boolean> ours = to.names(community.slug()) ? Future.succeededFuture(true) : post.inReplyTo() == null
          ? Future.succeededFuture(false) : posts.inCommunity(community.id(), post.inReplyTo()).map(Optional::isPresent);
      return ours.compose(mine -> {
        if (!mine) {
          return Future.succeededFuture();
        }
        if (!member || privately == null || community.archived()) {
          LOG.info("not sharing {} in {}: a public post in a private community", post.id(), community.slug());
          return Future.succeededFuture();
        }
        return privately.refusePublic(community, post);
      });
    }
    if (privately == null) {
      LOG.warn("not taking {} in the private community {}: private posting is not wired", post.id(), community.slug());
      return Future.succeededFuture();
    }
    Future<Optional<String>> message = to.names(community.slug()) ? directMessages.take(community, post)
        : Future.succeededFuture(Optional.empty());
    return message.compose(taken -> taken.isPresent() ? Future.succeededFuture(taken) : privately.answersMessage(post)
        .map(answer -> answer ? Optional.of("a reply to a message from the community") : Optional.<String>empty()))
        .compose(taken -> {
          if (taken.isPresent()) {
            LOG.info("direct message from {} to {}: {}", post.authorId(), community.slug(), taken.get());
            return Future.succeededFuture();
          }
          return submit(author, community, post, to, facts, original);
        });
  }

  /** The posting policy and the filters, then publishing: a post the community takes. */
  private Future<Void> submit(PostingStandings.Author author, Community community, ReceivedPost post, Addressing to,
                              Submission facts, Verbatim original) {
    Future<Boolean> inThread = post.inReplyTo() == null ? Future.succeededFuture(false)
        : posts.inCommunity(community.id(), post.inReplyTo()).map(p -> p.isPresent() && !p.get().deleted());
    return inThread.compose(reply -> {
      if (!reply && !to.names(community.slug())) {
        return Future.succeededFuture();
      }
      if (community.archived()) {
        LOG.info("not re-sharing {} in {}: the community is archived and takes no posts", post.id(), community.slug());
        return Future.succeededFuture();
      }
      if (!mayPost(author, post.authorId(), reply)) {
        return Future.succeededFuture();
      }
      return screening.review(community, facts, known(author), original.id(), post.id(), original, post.object())
          .compose(review -> {
            if (!review.accepted()) {
              LOG.info("{} in {}: {} ({})", post.id(), community.slug(), review.verdict().decision(),
                  review.verdict().reasons().get(0).message());
              return Future.succeededFuture();
            }
            return publishing.publish(community, post, original);
          });
    });
  }

  /**
   * The posting policy: banned accounts never; {@code members} needs an accepted member; {@code anyone} any account
   * not banned; {@code moderators} (an announcement channel) needs a moderator, or a member replying in a thread
   * when the community lets members reply.
   */
  static boolean mayPost(PostingStandings.Author standing, String author, boolean reply) {
    Community community = standing.community();
    if (standing.banned()) {
      LOG.info("not re-sharing a post by {} in {}: banned", author, community.slug());
      return false;
    }
    Optional<Member> m = standing.member();
    boolean member = m.isPresent() && m.get().accepted();
    boolean allowed = switch (community.postingPolicy()) {
      case MEMBERS -> member;
      case MODERATORS -> member && (m.get().role() == Member.Role.MODERATOR || (reply && community.membersMayReply()));
      case ANYONE -> true;
    };
    if (!allowed) {
      LOG.info("not re-sharing a post by {} in {}: the posting policy is {}", author, community.slug(),
          community.postingPolicy().name().toLowerCase(Locale.ROOT));
    }
    return allowed;
  }

  /** What the filters know of the author, from the standing read with the posting policy's (the domain limit aside). */
  static AuthorFacts known(PostingStandings.Author a) {
    Instant memberSince = a.member().filter(Member::accepted).map(Member::acceptedAt).map(OffsetDateTime::toInstant)
        .orElse(null);
    return new AuthorFacts(a.accountCreated(), memberSince, a.acceptedPosts(), a.lastPostAt(), false)
        .privileges(a.skipProbation(), a.skipSlowMode());
  }

  // ------------------------------------------------------------------ updates

  /**
   * An author's update of a post: every community copy by that author is updated (after the filters) and the
   * update is forwarded to group-aware servers. The revised post is only asked of {@code revised} (which may fetch
   * it) when some community holds a copy; it is empty when it is not the author's post.
   */
  public Future<Void> revise(String authorId, String objectId, String updateId,
                             Supplier<Future<Optional<Revision>>> revised, Verbatim update) {
    return posts.byObject(objectId).compose(copies -> copies.isEmpty() ? Future.succeededFuture()
        : revised.get().compose(revision -> {
          if (revision.isEmpty()) {
            return Future.succeededFuture();
          }
          List<Future<Void>> work = new ArrayList<>();
          for (Post copy : copies) {
            if (!copy.authorId().equals(authorId)) {
              continue;
            }
            work.add(communities.byId(copy.communityId()).compose(c -> c.isEmpty() ? Future.succeededFuture()
                : screening.review(c.get(), revision.get().facts(), updateId, objectId, update, revision.get().post().object())
                    .compose(review -> review.accepted()
                        ? publishing.update(c.get(), copy, revision.get().post(), update)
                        : Future.<Void>succeededFuture())));
          }
          return Future.all(work).mapEmpty();
        }));
  }

  // ------------------------------------------------------------------ likes

  /**
   * A like of a re-shared post by a member (not banned): recorded, after the filters, and where the community
   * announces likes forwarded to group-aware servers as Announce{Like}, so their vote counts stay in step.
   */
  public Future<Void> like(String likeId, String actor, String liked, Verbatim like) {
    // a like of a private community's copy is a like of the original (issue 17)
    Future<String> original = privately == null ? Future.succeededFuture(liked)
        : privately.copies().original(liked).map(o -> o.orElse(liked));
    return original.compose(objectId -> likeOf(likeId, actor, objectId, like));
  }

  private Future<Void> likeOf(String likeId, String actor, String objectId, Verbatim like) {
    return posts.byObject(objectId).compose(copies -> {
      List<Future<Void>> work = new ArrayList<>();
      for (Post post : copies) {
        work.add(communities.byId(post.communityId()).compose(c -> {
          if (c.isEmpty()) {
            return Future.succeededFuture();
          }
          return members.isAccepted(c.get().id(), actor)
              .compose(member -> bans.isBanned(c.get().id(), actor).map(banned -> member && !banned))
              .compose(member -> !member ? Future.<Void>succeededFuture()
                  : screening.review(c.get(), Submission.like(actor, DomainNames.hostOf(actor)), likeId, post.objectId(),
                          like, null)
                      .compose(review -> review.accepted()
                          ? publishing.like(c.get(), likeId, post.objectId(), actor, like)
                          : Future.<Void>succeededFuture()));
        }));
      }
      return Future.all(work).mapEmpty();
    });
  }
}
