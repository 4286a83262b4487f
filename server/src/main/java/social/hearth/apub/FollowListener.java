package social.hearth.apub;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.membership.Membership;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;

/**
 * Follow of a community: a join request, decided by the community's join policy (see
 * {@link Membership#onFollow}): accepted at once, held for approval, accepted with an
 * invite, or refused.
 */
public final class FollowListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(FollowListener.class);

  private final Uris uris;
  private final CommunityService communities;
  private final Membership membership;

  public FollowListener(Uris uris, CommunityService communities, Membership membership) {
    this.uris = uris;
    this.communities = communities;
    this.membership = membership;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    String slug = uris.communitySlug(in.activity().objectId()).orElse(null);
    if (slug == null) {
      return Future.failedFuture(new Rejection(422, "only communities on this server can be followed here"));
    }
    return communities.bySlug(slug).compose(c -> c.isPresent() ? Future.<Void>succeededFuture()
        : Future.failedFuture(new Rejection(404, "no community '" + slug + "' here")));
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String slug = uris.communitySlug(in.activity().objectId()).orElse(null);
    if (slug == null) {
      LOG.warn("Follow {} names no local community (was the base URL changed?)", in.activity().id());
      return Future.succeededFuture();
    }
    return membership.follow(slug, in.activity().actor(), in.activity().id());
  }
}
