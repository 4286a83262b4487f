package social.hearth.web;

import io.vertx.core.Future;
import java.util.function.Function;
import social.hearth.apub.Uris;
import social.hearth.core.text.Links;

/** An account typed into a staff form: an actor IRI, or a handle resolved by WebFinger. */
public final class ActorInput {

  private final Uris uris;
  private final Function<String, Future<String>> webfinger;

  /** {@code webfinger}: a handle ({@code @user@host}) to its actor IRI. */
  public ActorInput(Uris uris, Function<String, Future<String>> webfinger) {
    this.uris = uris;
    this.webfinger = webfinger;
  }

  /** The actor IRI; never a local or non-http(s) address. */
  Future<String> resolve(String typed) {
    String who = typed == null ? "" : typed.strip();
    if (who.startsWith("http://") || who.startsWith("https://")) {
      return Links.httpUrl(who) == null || uris.isLocal(who)
          ? Future.failedFuture(WebException.badRequest("error.actor")) : Future.succeededFuture(who);
    }
    if (!who.matches("@?[A-Za-z0-9_.+-]{1,64}@[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?")) {
      return Future.failedFuture(WebException.badRequest("error.actor"));
    }
    return webfinger.apply(who).recover(e -> Future.failedFuture(new WebException(422, "error.unresolvable")));
  }
}
