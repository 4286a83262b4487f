package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Normalizer;

/**
 * Announce from another group (FEP-1b12): when it wraps a Create of a post that also addresses one of our
 * communities, the post is fetched from its own origin (never trusted from the wrapper) and handled as if its
 * author had sent it. Plain boosts (Announce of an IRI) are ignored: communities do not re-share boosts.
 */
public final class AnnounceListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(AnnounceListener.class);

  private final Uris uris;
  private final ActivityPubFetcher fetcher;
  private final CreateListener posts;

  public AnnounceListener(Uris uris, ActivityPubFetcher fetcher, CreateListener posts) {
    this.uris = uris;
    this.fetcher = fetcher;
    this.posts = posts;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    return in.activity().objectId() == null ? Future.failedFuture(new Rejection(400, "Announce has no object"))
        : Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    JsonNode inner = in.activity().object();
    if (!inner.isObject() || !"Create".equals(Normalizer.type(inner))) {
      LOG.debug("ignoring Announce {} of {}", in.activity().id(), in.activity().objectId());
      return Future.succeededFuture();
    }
    String author = Iris.iri(inner.get("actor"));
    String postId = Iris.iri(inner.get("object"));
    if (author == null || postId == null || uris.isLocal(postId) || !Iris.sameOrigin(postId, author)) {
      return Future.succeededFuture();
    }
    // the wrapped Create is not signed by its author: only the post fetched from its origin counts
    return fetcher.fetch(postId).compose(json -> posts.acceptPost(json, author, inner, null));
  }
}
