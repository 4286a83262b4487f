package social.hearth.http;

import social.hearth.federation.vocab.Iris;
import io.vertx.core.Future;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.federation.webfinger.WebFingerClient;

/** A remote account named in a request by its actor IRI or by a handle (@name@host, resolved by WebFinger). */
public final class ActorResolver {

  private final WebFingerClient webfinger;
  private final Uris uris;

  public ActorResolver(WebFingerClient webfinger, Uris uris) {
    this.webfinger = webfinger;
    this.uris = uris;
  }

  /** The actor IRI {@code who} names; 400 when it is missing, malformed or local, 422 when it does not resolve. */
  public Future<String> resolve(String who) {
    if (who == null || who.isBlank()) {
      return Future.failedFuture(CoreException.badRequest("actor is required: an actor IRI or a handle like @name@example.org"));
    }
    if (who.startsWith("https://") || who.startsWith("http://")) {
      try {
        Iris.checkHttpIri(who, "actor");
      } catch (InvalidActivityException e) {
        return Future.failedFuture(CoreException.badRequest(e.getMessage()));
      }
      if (uris.isLocal(who)) {
        return Future.failedFuture(CoreException.badRequest("actor must be a remote account"));
      }
      return Future.succeededFuture(who);
    }
    return webfinger.resolve(who).recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
        ? CoreException.badRequest(e.getMessage())
        : new CoreException(CoreException.Kind.UNPROCESSABLE, "unresolvable", "cannot find " + who + ": " + e.getMessage())));
  }
}
