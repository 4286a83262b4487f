package social.hearth.core.community;

import io.vertx.core.Future;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.QuoteRequest;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.Actors;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.NoteStore;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.QuoteStore;
import social.hearth.core.port.TransactionalOutbox;

/**
 * Quotes on the community's terms (FEP-044f, as Mastodon 4.5 asks): a request to quote something the community
 * authored is accepted with a QuoteAuthorization stamp, or rejected, by its {@code canQuote} setting. Its direct
 * messages are never quotable, and a banned account may quote nothing.
 */
public final class Quotes {

  private static final Logger LOG = LoggerFactory.getLogger(Quotes.class);

  /** What a quote request needs to be decided. */
  public record Stores(QuoteStore quotes, MemberStore members, BanStore bans, NoteStore notes,
                       social.hearth.core.port.AuthoredPostStore authored) {}

  private final TransactionalOutbox out;
  private final Outbound outbound;
  private final CommunityService communities;
  private final Actors actors;
  private final Stores stores;

  public Quotes(TransactionalOutbox out, CommunityService communities, Actors actors, Stores stores) {
    this.out = out;
    this.outbound = out.outbound();
    this.communities = communities;
    this.actors = actors;
    this.stores = stores;
  }

  /** A QuoteRequest for an object of the community {@code slug} arrived: answer it with Accept and a stamp, or Reject. */
  /**
   * The community that wrote the post at {@code iri} in its own voice (a post written in Hearth "as the community"
   * and published), or empty. A staff member's own post is theirs, not the community's: its author would have to
   * answer, so it is not quotable through the community.
   */
  public Future<java.util.Optional<String>> authorOfOwnPost(String iri) {
    return stores.authored().byIri(iri).compose(p -> p.isEmpty() || !p.get().asCommunity()
        || p.get().state() != social.hearth.core.domain.AuthoredPost.State.PUBLISHED
        ? Future.succeededFuture(java.util.Optional.<String>empty())
        : communities.byId(p.get().communityId()).map(c -> c.map(Community::slug)));
  }

  public Future<Void> request(String slug, QuoteRequest q) {
    return communities.bySlug(slug).compose(c -> {
      if (c.isEmpty()) {
        return Future.succeededFuture();
      }
      return actors.get(q.actorId()).compose(who -> decide(c.get(), q).compose(reason -> reason == null
          ? accept(c.get(), q, who) : reject(c.get(), q, who, reason)));
    });
  }

  /** Null when the quote is allowed, else why not. */
  private Future<String> decide(Community c, QuoteRequest q) {
    if (q.instrumentId() == null) {
      return Future.succeededFuture("it names no quoting post");
    }
    return stores.notes().kindOf(q.objectId()).compose(note -> note.isPresent()
        ? Future.succeededFuture("a direct message is never quoted")
        : stores.bans().isBanned(c.id(), q.actorId()).compose(banned -> {
          if (banned) {
            return Future.succeededFuture("the account is banned");
          }
          return switch (c.canQuote()) {
            case EVERYONE -> Future.succeededFuture((String) null);
            case NOBODY -> Future.succeededFuture("the community lets nobody quote it");
            case MEMBERS -> stores.members().find(c.id(), q.actorId()).map(m -> m.isPresent() && m.get().accepted()
                ? null : "only members may quote the community");
          };
        }));
  }

  private Future<Void> accept(Community c, QuoteRequest q, RemoteActor who) {
    return out.send(tx -> stores.quotes().authorize(tx, c.id(), who.id(), who.inbox(), who.host(),
            q.instrumentId(), q.objectId())
        .compose(stamp -> outbound.answerQuote(tx, c, q, who, stamp)))
        .onSuccess(v -> LOG.info("{} may quote {} of {} in {}", q.actorId(), q.objectId(), c.slug(), q.instrumentId()));
  }

  private Future<Void> reject(Community c, QuoteRequest q, RemoteActor who, String reason) {
    return out.send(tx -> outbound.answerQuote(tx, c, q, who, null))
        .onSuccess(v -> LOG.info("{} may not quote {} of {}: {} ({} policy)", q.actorId(), q.objectId(), c.slug(), reason,
            c.canQuote().name().toLowerCase(Locale.ROOT)));
  }
}
