package social.hearth.apub;

import io.vertx.core.Future;
import java.util.Optional;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.PostBody;
import social.hearth.core.port.Actors;
import social.hearth.core.port.Handles;
import social.hearth.federation.webfinger.WebFingerClient;

/**
 * Finds the accounts staff mention: a handle on this server names a community; any other goes through WebFinger
 * (the guarded client: only {@code https://<host>/.well-known/webfinger}, deadline and body cap) and the actor cache,
 * which also tells where to deliver the post so the account sees it.
 */
public final class MentionResolver implements Handles {

  private final WebFingerClient webfinger;
  private final Actors actors;
  private final CommunityService communities;
  private final Uris uris;
  private final String handleHost;

  public MentionResolver(WebFingerClient webfinger, Actors actors, CommunityService communities, Uris uris,
                         String handleHost) {
    this.webfinger = webfinger;
    this.actors = actors;
    this.communities = communities;
    this.uris = uris;
    this.handleHost = handleHost;
  }

  @Override
  public Future<Optional<PostBody.Mention>> resolve(String name, String host) {
    String handle = "@" + name + "@" + host;
    if (host.equalsIgnoreCase(handleHost)) {
      return communities.bySlugCached(name).map(c -> c.map(found -> {
        String iri = uris.community(found.slug());
        return new PostBody.Mention(iri, handle, iri, null, null);
      }));
    }
    return webfinger.resolve(handle).compose(actors::get)
        .map(a -> Optional.of(new PostBody.Mention(a.id(), handle, a.id(), a.deliveryInbox(), a.host())))
        .otherwise(Optional.empty());
  }
}
