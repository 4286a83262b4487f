package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.MemberStore;
import social.hearth.db.OutboxStore;
import social.hearth.domain.Community;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.federation.vocab.Tag;
import social.hearth.services.CommunityService;
import social.hearth.services.DeliveryWorker;
import social.hearth.services.Outbound;

/**
 * Create of a post. A public or unlisted post by a member that addresses a community (to, cc, audience or a
 * Mention) is stored and re-shared to every member with an Announce of its IRI. Posts from non-members and
 * followers-only or direct posts are stored nowhere and shared with no one.
 */
public final class CreateListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(CreateListener.class);

  private final Uris uris;
  private final CommunityService communities;
  private final MemberStore members;
  private final OutboxStore outbox;
  private final Outbound outbound;
  private final ActivityPubFetcher fetcher;
  private final Pool pool;
  private final DeliveryWorker delivery;

  public CreateListener(Uris uris, CommunityService communities, MemberStore members, OutboxStore outbox,
                        Outbound outbound, ActivityPubFetcher fetcher, Pool pool, DeliveryWorker delivery) {
    this.uris = uris;
    this.communities = communities;
    this.members = members;
    this.outbox = outbox;
    this.outbound = outbound;
    this.fetcher = fetcher;
    this.pool = pool;
    this.delivery = delivery;
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
    if (uris.isLocal(objectId)) {
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
    return resolveObject(in).compose(json -> {
      ApObject post;
      try {
        post = Normalizer.object(json);
      } catch (InvalidActivityException e) {
        LOG.info("ignoring Create {}: {}", in.activity().id(), e.getMessage());
        return Future.succeededFuture();
      }
      if (!ApObject.TYPES.contains(post.type()) || !in.activity().actor().equals(post.attributedTo())) {
        return Future.succeededFuture();
      }
      List<Future<Void>> work = new ArrayList<>();
      for (String slug : addressedCommunities(post, in.recipient())) {
        work.add(communities.bySlug(slug).compose(c -> c.isEmpty() ? Future.succeededFuture()
            : reshare(c.get(), post, json)));
      }
      return Future.all(work).mapEmpty();
    });
  }

  /** The embedded object when it comes from the actor's own origin; otherwise it is fetched from its origin. */
  private Future<JsonNode> resolveObject(InboundActivity in) {
    JsonNode object = in.activity().object();
    String objectId = in.activity().objectId();
    if (object.isObject() && Normalizer.sameOrigin(objectId, in.activity().actor())) {
      return Future.succeededFuture(object);
    }
    return fetcher.fetch(objectId);
  }

  private Set<String> addressedCommunities(ApObject post, String recipient) {
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
      uris.communitySlug(iri).ifPresent(slugs::add);
    }
    if (recipient != null) {
      // delivered to one community's inbox: only that community may re-share it, and only if addressed
      uris.communitySlug(recipient).ifPresent(r -> slugs.retainAll(Set.of(r)));
    }
    return slugs;
  }

  private Future<Void> reshare(Community community, ApObject post, JsonNode json) {
    String communityIri = uris.community(community.slug());
    if (!post.isPublicOrUnlisted()) {
      LOG.info("not re-sharing {} in {}: only public and unlisted posts are re-shared", post.id(), community.slug());
      return Future.succeededFuture();
    }
    if (!post.addresses(communityIri)) {
      return Future.succeededFuture();
    }
    return members.isAccepted(community.id(), post.attributedTo()).compose(member -> {
      if (!member) {
        LOG.info("not re-sharing {} in {}: {} is not a member", post.id(), community.slug(), post.attributedTo());
        return Future.succeededFuture();
      }
      return pool.withTransaction(tx -> outbox.insertPost(tx, community.id(), post.id(), post.attributedTo(),
              post.type(), post.content(), json.toString())
          .compose(inserted -> inserted ? outbound.announce(tx, community, post.id()).map(n -> {
            LOG.info("re-sharing {} in {} to {} inboxes", post.id(), community.slug(), n);
            return (Void) null;
          }) : Future.<Void>succeededFuture()))
          .onSuccess(v -> delivery.wake());
    });
  }
}
