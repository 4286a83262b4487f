package social.hearth.apub;

import social.hearth.core.domain.Post;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.PostStore;
import social.hearth.core.domain.Community;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.federation.vocab.Tag;
import social.hearth.core.moderation.Submission;

/**
 * Create of a post (Note, Page, Article, Question). A public or unlisted post that addresses a community (to, cc,
 * audience or a Mention), or replies to a post the community re-shared, is re-shared to every member (FEP-1b12,
 * both forms) when the community's posting policy allows its author. A direct message to the community is read
 * for an invite code or a join-question answer. Nothing else is stored or shared.
 */
public final class CreateListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(CreateListener.class);

  private final ListenerContext ctx;

  public CreateListener(ListenerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    JsonNode object = in.activity().object();
    if (object == null || !(object.isObject() || object.isTextual())) {
      return Future.failedFuture(new Rejection(400, "Create has no object"));
    }
    String objectId = in.activity().objectId();
    if (objectId == null) {
      return Future.failedFuture(new Rejection(400, "the created object has no id"));
    }
    if (ctx.uris().isLocal(objectId)) {
      return Future.failedFuture(new Rejection(403, "a remote server cannot create objects on this server"));
    }
    if (object.isObject() && Normalizer.sameOrigin(objectId, in.activity().actor())) {
      String author = Normalizer.iri(object.get("attributedTo"));
      if (author != null && !author.equals(in.activity().actor())) {
        return Future.failedFuture(new Rejection(403, "the object is attributed to someone other than the activity's actor"));
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    return resolveObject(in.activity().object(), in.activity().objectId(), in.activity().actor())
        .compose(json -> acceptPost(json, in.activity().actor(), in.json(), in.recipient()));
  }

  /** The embedded object when it comes from the actor's own origin; otherwise it is fetched from its origin. */
  Future<JsonNode> resolveObject(JsonNode object, String objectId, String actor) {
    if (object.isObject() && Normalizer.sameOrigin(objectId, actor)) {
      return Future.succeededFuture(object);
    }
    return ctx.fetcher().fetch(objectId);
  }

  /**
   * Re-shares a post written by {@code actor}, originally carried by {@code original}, in every community it
   * is addressed to (only {@code recipient}'s when it came to one community's inbox).
   */
  Future<Void> acceptPost(JsonNode json, String actor, JsonNode original, String recipient) {
    ApObject post;
    try {
      post = Normalizer.object(json);
    } catch (InvalidActivityException e) {
      LOG.info("ignoring a post from {}: {}", actor, e.getMessage());
      return Future.succeededFuture();
    }
    if (!ApObject.TYPES.contains(post.type()) || !actor.equals(post.attributedTo())
        || !Normalizer.sameOrigin(post.id(), actor)) {
      return Future.succeededFuture();
    }
    return addressedCommunities(post, recipient).compose(slugs -> {
      List<Future<Void>> work = new ArrayList<>();
      for (String slug : slugs) {
        work.add(ctx.communities().bySlug(slug).compose(c -> c.isEmpty() ? Future.succeededFuture()
            : reshare(c.get(), post, json, original)));
      }
      return Future.all(work).mapEmpty();
    });
  }

  private Future<Set<String>> addressedCommunities(ApObject post, String recipient) {
    Set<String> slugs = new LinkedHashSet<>();
    List<String> candidates = new ArrayList<>(post.to());
    candidates.addAll(post.cc());
    if (post.audience() != null) {
      candidates.add(post.audience());
    }
    for (Tag t : post.tag()) {
      if ("Mention".equals(t.type()) && t.href() != null) {
        candidates.add(t.href());
      }
    }
    for (String iri : candidates) {
      ctx.uris().communitySlug(iri).ifPresent(slugs::add);
    }
    Future<Set<String>> withThreads = post.inReplyTo() == null ? Future.succeededFuture(slugs)
        : ctx.posts().byObject(post.inReplyTo()).compose(parents -> {
          List<Future<Void>> lookups = new ArrayList<>();
          for (Post parent : parents) {
            lookups.add(ctx.communities().byId(parent.communityId()).map(c -> {
              c.ifPresent(community -> slugs.add(community.slug()));
              return null;
            }));
          }
          return Future.all(lookups).map(slugs);
        });
    return withThreads.map(all -> {
      if (recipient != null) {
        // delivered to one community's inbox: only that community may re-share it
        ctx.uris().communitySlug(recipient).ifPresent(r -> all.retainAll(Set.of(r)));
      }
      return all;
    });
  }

  private Future<Void> reshare(Community community, ApObject post, JsonNode json, JsonNode original) {
    String communityIri = ctx.uris().community(community.slug());
    String author = post.attributedTo();
    if (!post.isPublicOrUnlisted()) {
      if (post.addresses(communityIri)) {
        // a direct message to the community: an invite code, or an applicant's answer
        return ctx.actors().get(author).compose(who -> ctx.membership().onDirectMessage(community, who, post.content())
                .compose(taken -> taken.isPresent() ? Future.succeededFuture(taken)
                    : ctx.reportDesk().fromMessage(community, who, post.content(), post.id())))
            .map(taken -> {
              LOG.info("direct message from {} to {}: {}", author, community.slug(), taken.orElse("not an invite, answer or report"));
              return null;
            });
      }
      LOG.info("not re-sharing {} in {}: only public and unlisted posts are re-shared", post.id(), community.slug());
      return Future.succeededFuture();
    }
    Future<Boolean> inThread = post.inReplyTo() == null ? Future.succeededFuture(false)
        : ctx.posts().inCommunity(community.id(), post.inReplyTo()).map(p -> p.isPresent() && !p.get().deleted());
    return inThread.compose(reply -> {
      if (!reply && !post.addresses(communityIri)) {
        return Future.succeededFuture();
      }
      return mayPost(community, author, reply).compose(allowed -> {
        if (!allowed) {
          return Future.succeededFuture();
        }
        Submission submission = SubmissionMapper.submission(Submission.Kind.POST, post, json,
            social.hearth.core.moderation.DomainNames.hostOf(author));
        return ctx.moderation().review(community, submission, Normalizer.firstText(original.get("id")), post.id(),
                InboundMapper.verbatim(original), InboundMapper.post(post, json).object())
            .compose(review -> {
              if (!review.accepted()) {
                LOG.info("{} in {}: {} ({})", post.id(), community.slug(), review.verdict().decision(),
                    review.verdict().reasons().get(0).message());
                return Future.succeededFuture();
              }
              return ctx.publishing().publish(community, InboundMapper.post(post, json), InboundMapper.verbatim(original));
            });
      });
    });
  }

  /**
   * The posting policy: banned accounts never; {@code members} needs an accepted member; {@code anyone} any account
   * not banned; {@code moderators} (an announcement channel) needs a moderator, or a member replying in a thread
   * when the community lets members reply.
   */
  private Future<Boolean> mayPost(Community community, String author, boolean reply) {
    return ctx.membership().bans().isBanned(community.id(), author).compose(banned -> {
      if (banned) {
        LOG.info("not re-sharing a post by {} in {}: banned", author, community.slug());
        return Future.succeededFuture(false);
      }
      if (community.postingPolicy() == Community.PostingPolicy.ANYONE) {
        return Future.succeededFuture(true);
      }
      return ctx.members().find(community.id(), author).map(m -> {
        boolean member = m.isPresent() && m.get().accepted();
        boolean allowed = switch (community.postingPolicy()) {
          case MEMBERS -> member;
          case MODERATORS -> member && (m.get().role() == social.hearth.core.domain.Member.Role.MODERATOR
              || (reply && community.membersMayReply()));
          case ANYONE -> true;
        };
        if (!allowed) {
          LOG.info("not re-sharing a post by {} in {}: the posting policy is {}", author, community.slug(),
              community.postingPolicy().name().toLowerCase(java.util.Locale.ROOT));
        }
        return allowed;
      });
    });
  }
}
