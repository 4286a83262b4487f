package social.hearth.core.community;

import io.vertx.core.Future;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.QuoteAuthorization;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.QuoteStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;

/**
 * What a creator changes about their community that members' servers must hear about: profile and settings
 * (sent as Update{Group}) and pinned posts (sent as Add/Remove to the featured collection).
 */
public final class Curation {

  private final TransactionalOutbox out;
  private final Outbound outbound;
  private final CommunityStore communities;
  private final PostStore posts;
  private final CommunityService service;
  private final QuoteStore quotes;

  public Curation(TransactionalOutbox out, CommunityStore communities, PostStore posts, CommunityService service,
                  QuoteStore quotes) {
    this.quotes = quotes;
    this.out = out;
    this.outbound = out.outbound();
    this.communities = communities;
    this.posts = posts;
    this.service = service;
  }

  /**
   * Changes profile and settings (null = unchanged) and tells every member's server with Update{Group}. A stricter
   * quote policy takes back the quotes it no longer allows: each stamp is revoked and its Delete sent to the quoting
   * account's server.
   */
  public Future<Community> update(Community c, CommunityStore.Changes changes) {
    try {
      validate(c, changes);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return communities.media(c.id()).compose(media -> out.send(tx -> communities.update(tx, c.id(), changes)
        .compose(updated -> revokeQuotes(tx, c, updated).compose(v -> outbound.updateGroup(tx, updated, media)).map(updated))))
        .onSuccess(x -> service.changed(c.slug()));
  }

  private Future<Void> revokeQuotes(Tx tx, Community before, Community after) {
    if (after.canQuote() == before.canQuote() || after.canQuote() == Community.QuotePolicy.EVERYONE) {
      return Future.succeededFuture();
    }
    return quotes.revokeDisallowed(tx, after.id(), after.canQuote()).compose(revoked -> {
      Future<Void> sent = Future.succeededFuture();
      for (QuoteAuthorization stamp : revoked) {
        sent = sent.compose(v -> outbound.revokeQuote(tx, after, stamp));
      }
      return sent;
    });
  }

  /**
   * Tells every member's server about the community's current profile (after its avatar or banner changed); also
   * how this process's caches of the community's pages learn of the change.
   */
  public Future<Void> announceProfile(Community c) {
    return communities.media(c.id()).compose(media -> out.send(tx ->
            outbound.updateGroup(tx, c, media).<Void>mapEmpty()))
        .onSuccess(x -> service.changed(c.slug()));
  }

  static void validate(Community c, CommunityStore.Changes ch) {
    CommunityService.validate(c.slug(), ch.name() == null ? c.name() : ch.name(), ch.summary());
    if (ch.joinQuestion() != null && ch.joinQuestion().length() > 500) {
      throw CoreException.badRequest("joinQuestion must be at most 500 characters");
    }
    if (ch.welcomeMarkdown() != null && ch.welcomeMarkdown().length() > 10_000) {
      throw CoreException.badRequest("welcomeMessage must be at most 10000 characters");
    }
    if (ch.newcomerDays() != null && (ch.newcomerDays() < 0 || ch.newcomerDays() > 365)) {
      throw CoreException.badRequest("newcomerDays must be between 0 and 365");
    }
    if (ch.reminderDays() != null && (ch.reminderDays() < 0 || ch.reminderDays() > 90)) {
      throw CoreException.badRequest("reminderDays must be between 0 and 90");
    }
    if (ch.language() != null && !Voice.standard().speaks(ch.language())) {
      throw CoreException.badRequest("language must be one of " + String.join(", ", Voice.standard().languages()));
    }
  }

  /** Pins a post the community re-shared (at most five) and sends Add to the members. */
  public Future<Boolean> pin(Community c, String objectId) {
    return posts.inCommunity(c.id(), objectId).compose(post -> {
      if (post.isEmpty() || post.get().deleted()) {
        return Future.failedFuture(CoreException.notFound("the community has not re-shared " + objectId));
      }
      return out.send(tx -> posts.pin(tx, c.id(), objectId).compose(added -> !added
              ? Future.succeededFuture(false)
              : outbound.featured(tx, c, Outbound.FeaturedChange.ADD, objectId).map(true)))
          .recover(e -> Future.failedFuture(e instanceof IllegalStateException
              ? CoreException.conflict(e.getMessage()) : e))
          .onSuccess(x -> service.changed(c.slug()));
    });
  }

  /** Unpins a post and sends Remove to the members; false when it was not pinned. */
  public Future<Boolean> unpin(Community c, String objectId) {
    return out.send(tx -> posts.unpin(tx, c.id(), objectId).compose(removed -> !removed
            ? Future.succeededFuture(false)
            : outbound.featured(tx, c, Outbound.FeaturedChange.REMOVE, objectId).map(true)))
        .onSuccess(x -> service.changed(c.slug()));
  }

  /**
   * Moves a pinned post one place up or down; members' servers are told through Update{Group} (Mastodon fetches the
   * featured collection again, in its new order). False when it is first (up) or last (down) already, or not pinned.
   */
  public Future<Boolean> movePin(Community c, String objectId, boolean up) {
    return communities.media(c.id()).compose(media -> out.send(tx -> posts.movePin(tx, c.id(), objectId, up)
            .compose(moved -> !moved ? Future.succeededFuture(false)
                : outbound.updateGroup(tx, c, media).map(true))))
        .onSuccess(x -> service.changed(c.slug()));
  }
}
