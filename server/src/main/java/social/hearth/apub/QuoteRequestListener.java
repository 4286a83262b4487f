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
    if (owner(in).isEmpty()) {
      return Future.failedFuture(new Rejection(404, "the object of the QuoteRequest is nothing a community here authored"));
    }
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
    return quotes.request(owner(in).orElseThrow(), new QuoteRequest(in.activity().id(), in.activity().actor(),
        in.activity().objectId(), instrument(in)));
  }

  private Optional<String> owner(InboundActivity in) {
    return uris.communityObjectOwner(in.activity().objectId());
  }

  private static String instrument(InboundActivity in) {
    var node = in.json().get("instrument");
    return node == null ? null : Iris.iri(node);
  }
}
