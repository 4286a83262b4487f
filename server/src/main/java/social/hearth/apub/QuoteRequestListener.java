package social.hearth.apub;

import io.vertx.core.Future;
import java.util.Optional;
import social.hearth.core.community.Quotes;
import social.hearth.core.domain.QuoteRequest;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Iris;

/**
 * QuoteRequest (FEP-044f, sent by Mastodon 4.5 before it shows a quote) of something a community authored: see
 * {@link Quotes#request}. The quoting post ({@code instrument}, an IRI or the embedded post) and the request itself
 * must be on the requester's own server.
 */
public final class QuoteRequestListener implements ActivityListener {

  private final Uris uris;
  private final Quotes quotes;

  public QuoteRequestListener(Uris uris, Quotes quotes) {
    this.uris = uris;
    this.quotes = quotes;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    return owner(in).compose(owner -> owner.isEmpty()
        ? Future.failedFuture(new Rejection(404, "the object of the QuoteRequest is nothing a community here authored"))
        : checkInstrument(in));
  }

  private Future<Void> checkInstrument(InboundActivity in) {
    String instrument = instrument(in);
    if (instrument == null) {
      return Future.failedFuture(new Rejection(400, "a QuoteRequest names the quoting post as its instrument"));
    }
    if (!Iris.sameOrigin(instrument, in.activity().actor()) || !Iris.sameOrigin(in.activity().id(), in.activity().actor())) {
      return Future.failedFuture(new Rejection(400, "the QuoteRequest and the quoting post must be on the requester's server"));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    return owner(in).compose(owner -> owner.isEmpty() ? Future.succeededFuture()
        : quotes.request(owner.get(), new QuoteRequest(in.activity().id(), in.activity().actor(),
            in.activity().objectId(), instrument(in))));
  }

  /** The community that authored the object: by its IRI under /c/{slug}/, or a post it wrote in Hearth (/p/{key}). */
  private Future<Optional<String>> owner(InboundActivity in) {
    String object = in.activity().objectId();
    Optional<String> slug = uris.communityObjectOwner(object);
    if (slug.isPresent() || object == null || !object.startsWith(uris.authoredPost(""))) {
      return Future.succeededFuture(slug);
    }
    return quotes.authorOfOwnPost(object);
  }

  private static String instrument(InboundActivity in) {
    var node = in.json().get("instrument");
    return node == null ? null : Iris.iri(node);
  }
}
