package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.util.TtlCache;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.OrderedCollection;

/**
 * The actors: the instance actor and each community's Group. The Group IRI is also the community's web page: a
 * browser (no ActivityStreams Accept header) gets the page the web adapter renders.
 */
public final class ActorRoutes {

  /** What a browser gets at an actor's IRI: the web adapter's pages. */
  public interface BrowserPages {

    void community(RoutingContext ctx, Community community);

    void error(RoutingContext ctx, Throwable failure);
  }

  private final CommunityService communities;
  private final CommunityStore communityStore;
  private final ActorMapper mapper;
  private final LocalKeys keys;
  private final Uris uris;
  private final BrowserPages pages;
  private final FetchSigners signers;
  private final boolean authorizedFetch;
  /**
   * Served Group documents by "slug full|keys", so an actor GET reads no media rows and serialises nothing. Dropped
   * when the community changes through this node (settings, avatar, banner); another node's change shows within
   * {@link CommunityService#CACHE_TTL}.
   */
  private final TtlCache<String, String> groupDocuments = new TtlCache<>(CommunityService.CACHE_TTL, 1_000);

  public ActorRoutes(Uris uris, CommunityService communities, CommunityStore communityStore, ActorMapper mapper,
              LocalKeys keys, BrowserPages pages, FetchSigners signers, boolean authorizedFetch) {
    this.uris = uris;
    this.communities = communities;
    this.communityStore = communityStore;
    this.mapper = mapper;
    this.keys = keys;
    this.pages = pages;
    this.signers = signers;
    this.authorizedFetch = authorizedFetch;
    communities.onChange(slug -> groupDocuments.removeIf(key -> key.startsWith(slug + " ")));
  }

  public void mount(Router router) {
    router.get("/actor").handler(ctx -> ApJson.send(ctx, mapper.instanceDocument(keys.instancePublicPem(),
        keys.instanceEd25519Pem())));
    router.get("/actor/outbox").handler(ctx -> ApJson.send(ctx,
        OrderedCollection.summary(uris.instanceActorOutbox(), 0, null)));
    router.get("/c/:slug").handler(ctx -> communities.requireCached(ctx.pathParam("slug")).onSuccess(c -> {
      ctx.response().putHeader("Vary", "Accept");
      if (!ApJson.wanted(ctx)) {
        pages.community(ctx, c);
        return;
      }
      Future<Boolean> full = authorizedFetch ? signers.signer(ctx).map(Optional::isPresent) : Future.succeededFuture(true);
      full.compose(f -> groupDocuments.get(c.slug() + (f ? " full" : " keys"), () -> communityStore.media(c.id())
              .map(media -> f ? mapper.groupDocument(c, media) : keyOnly(mapper.groupDocument(c, media)))
              .compose(ApJson::write)))
          .onSuccess(doc -> ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON)
              .putHeader("Access-Control-Allow-Origin", "*").end(doc))
          .onFailure(ctx::fail);
    }).onFailure(e -> notFound(ctx, e)));
  }

  /**
   * No such community: a deleted one answers 410 Gone (a Tombstone for ActivityPub clients, so a server that missed
   * the Delete{Group} learns of it), anything else 404. A browser gets the page in its language.
   */
  private void notFound(RoutingContext ctx, Throwable e) {
    String slug = ctx.pathParam("slug");
    Future<Optional<java.time.OffsetDateTime>> deleted = e instanceof CoreException c && c.kind() == CoreException.Kind.NOT_FOUND
        && CommunityService.SLUG.matcher(slug).matches() ? communityStore.deletedAt(slug) : Future.succeededFuture(Optional.empty());
    deleted.onComplete(d -> {
      boolean gone = d.succeeded() && d.result().isPresent();
      if (gone && ApJson.wanted(ctx)) {
        com.fasterxml.jackson.databind.node.ObjectNode tombstone = JsonLimits.MAPPER.createObjectNode();
        tombstone.put("@context", As.NS);
        tombstone.put("id", uris.community(slug));
        tombstone.put("type", "Tombstone");
        tombstone.put("formerType", "Group");
        tombstone.put("deleted", java.time.format.DateTimeFormatter.ISO_INSTANT.format(d.result().get().toInstant()));
        ctx.response().setStatusCode(410).putHeader("Content-Type", As.ACTIVITY_JSON)
            .putHeader("Access-Control-Allow-Origin", "*").end(tombstone.toString());
        return;
      }
      Throwable failure = gone ? CoreException.gone("the community '" + slug + "' was deleted") : e;
      if (ApJson.wanted(ctx)) {
        ctx.fail(failure);
      } else {
        pages.error(ctx, failure); // a browser gets the "not found" (or "gone") page in its language
      }
    });
  }

  /** What an unsigned request gets in authorized-fetch mode: enough to verify the actor's signatures, no more. */
  static com.fasterxml.jackson.databind.node.ObjectNode keyOnly(com.fasterxml.jackson.databind.node.ObjectNode doc) {
    com.fasterxml.jackson.databind.node.ObjectNode out = JsonLimits.MAPPER.createObjectNode();
    for (String field : List.of("@context", "id", "type", "preferredUsername", "inbox", "outbox", "endpoints",
        "publicKey", "assertionMethod")) {
      if (doc.has(field)) {
        out.set(field, doc.get(field));
      }
    }
    return out;
  }
}
