package social.hearth.apub;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import social.hearth.core.port.MemberStore;
import social.hearth.db.OutboxStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.OrderedCollection;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.web.Pages;

/** ActivityPub routes: actors, inboxes, collections and our activities. */
public final class ApRoutes {

  public static final int INBOX_BODY_LIMIT = 1024 * 1024;
  static final int PAGE_SIZE = 50;

  private final Uris uris;
  private final CommunityService communities;
  private final MemberStore members;
  private final OutboxStore outbox;
  private final PostStore posts;
  private final social.hearth.core.port.CommunityStore communityStore;
  private final ActorMapper mapper;
  private final LocalKeys keys;
  private final InboxEndpoint inbox;
  private final Pages pages;
  private final social.hearth.federation.inbox.InboxVerifier verifier;
  private final boolean authorizedFetch;
  private final social.hearth.core.moderation.DomainPolicies domains;
  /**
   * Served Group documents by "slug full|keys", so an actor GET reads no media rows and serialises nothing. Dropped
   * when the community changes through this node (settings, avatar, banner); another node's change shows within
   * {@link CommunityService#CACHE_TTL}.
   */
  private final social.hearth.core.util.TtlCache<String, String> groupDocuments =
      new social.hearth.core.util.TtlCache<>(CommunityService.CACHE_TTL, 1_000);

  public ApRoutes(Uris uris, CommunityService communities, MemberStore members, OutboxStore outbox, PostStore posts,
                  ActorMapper mapper, LocalKeys keys, InboxEndpoint inbox, Pages pages,
                  social.hearth.federation.inbox.InboxVerifier verifier, boolean authorizedFetch,
                  social.hearth.core.moderation.DomainPolicies domains, social.hearth.core.port.CommunityStore communityStore) {
    this.domains = domains;
    this.communityStore = communityStore;
    this.posts = posts;
    this.verifier = verifier;
    this.authorizedFetch = authorizedFetch;
    this.uris = uris;
    this.communities = communities;
    this.members = members;
    this.outbox = outbox;
    this.mapper = mapper;
    this.keys = keys;
    this.inbox = inbox;
    this.pages = pages;
    communities.onChange(slug -> groupDocuments.removeIf(key -> key.startsWith(slug + " ")));
  }

  public void mount(Router router) {
    BodyHandler inboxBody = BodyHandler.create(false).setBodyLimit(INBOX_BODY_LIMIT);
    router.post("/inbox").handler(inboxBody).handler(ctx -> inbox.handle(ctx, null));
    router.post("/actor/inbox").handler(inboxBody).handler(ctx -> inbox.handle(ctx, uris.instanceActor()));
    router.post("/c/:slug/inbox").handler(inboxBody).handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
        .onSuccess(c -> inbox.handle(ctx, uris.community(c.slug()))).onFailure(ctx::fail));

    router.get("/actor").handler(ctx -> json(ctx, mapper.instanceDocument(keys.instancePublicPem(), keys.instanceEd25519Pem())));
    router.get("/actor/outbox").handler(ctx -> json(ctx,
        OrderedCollection.summary(uris.instanceActorOutbox(), 0, null)));

    router.get("/c/:slug").handler(ctx -> communities.requireCached(ctx.pathParam("slug")).onSuccess(c -> {
      ctx.response().putHeader("Vary", "Accept");
      if (!wantsActivityJson(ctx)) {
        pages.community(ctx, c);
        return;
      }
      Future<Boolean> full = authorizedFetch ? signer(ctx).map(java.util.Optional::isPresent) : Future.succeededFuture(true);
      full.compose(f -> groupDocuments.get(c.slug() + (f ? " full" : " keys"), () -> communityStore.media(c.id())
              .map(media -> f ? mapper.groupDocument(c, media) : keyOnly(mapper.groupDocument(c, media)))
              .compose(ApRoutes::write)))
          .onSuccess(doc -> ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON)
              .putHeader("Access-Control-Allow-Origin", "*").end(doc))
          .onFailure(ctx::fail);
    }).onFailure(e -> {
      if (wantsActivityJson(ctx)) {
        ctx.fail(e);
      } else {
        pages.error(ctx, e); // a browser gets the "not found" page in its language
      }
    }));
    if (authorizedFetch) {
      // authorized-fetch mode: collections and activities only for signed requests
      for (String path : List.of("/c/:slug/followers", "/c/:slug/outbox", "/c/:slug/featured", "/c/:slug/moderators",
          "/activities/:uuid")) {
        router.get(path).handler(ctx -> signer(ctx).onSuccess(who -> {
          if (who.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Signature");
            ctx.fail(new CoreException(CoreException.Kind.UNAUTHORIZED, "signature_required", "this server only answers signed requests for this"));
          } else {
            ctx.next();
          }
        }).onFailure(ctx::fail));
      }
    }
    router.get("/c/:slug/followers").handler(ctx -> collection(ctx, uris::communityFollowers, Community::hideFollowers,
        (c, p) -> members.count(c.id()), (c, offset) -> members.page(c.id(), offset, PAGE_SIZE).map(l -> l)));
    router.get("/c/:slug/outbox").handler(ctx -> collection(ctx, uris::communityOutbox, c -> false,
        (c, p) -> outbox.outboxCount(c.id()), (c, offset) -> outbox.outboxPage(c.id(), offset, PAGE_SIZE).map(ApRoutes::parseAll)));
    router.get("/c/:slug/featured").handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
        .compose(c -> posts.featured(c.id()).map(items -> new OrderedCollection(As.NS, uris.communityFeatured(c.slug()),
            "OrderedCollection", (long) items.size(), null, null, null, null, items)))
        .onSuccess(coll -> json(ctx, coll)).onFailure(ctx::fail));
    router.get("/c/:slug/moderators").handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
        .compose(c -> members.moderators(c.id()).map(mods -> new OrderedCollection(As.NS, uris.communityModerators(c.slug()),
            "OrderedCollection", (long) mods.size(), null, null, null, null, mods)))
        .onSuccess(coll -> json(ctx, coll)).onFailure(ctx::fail));

    router.get("/activities/:uuid").handler(ctx -> outbox.publicActivity(uris.activity(ctx.pathParam("uuid")))
        .onSuccess(body -> {
          if (body.isEmpty()) {
            ctx.fail(CoreException.notFound("no such activity"));
          } else {
            ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON).end(body.get());
          }
        }).onFailure(ctx::fail));
  }

  /**
   * A paged OrderedCollection: without {@code ?page=N} the summary, with it the page. When the items are hidden
   * (a community that does not show its members) only the summary with {@code totalItems} is served.
   */
  private void collection(RoutingContext ctx, java.util.function.Function<String, String> idOf,
                          java.util.function.Predicate<Community> hiddenItems,
                          BiFunction<Community, Integer, Future<Long>> count,
                          BiFunction<Community, Integer, Future<List<?>>> items) {
    communities.requireCached(ctx.pathParam("slug")).compose(c -> {
      String id = idOf.apply(c.slug());
      String pageParam = ctx.request().getParam("page");
      boolean hidden = hiddenItems.test(c);
      return count.apply(c, 0).compose(total -> {
        if (pageParam == null) {
          return Future.succeededFuture(OrderedCollection.summary(id, total, hidden ? null : uris.page(id, 1)));
        }
        if (hidden) {
          return Future.failedFuture(new CoreException(CoreException.Kind.FORBIDDEN, "hidden", "this community does not show its members"));
        }
        int page;
        try {
          page = Integer.parseInt(pageParam);
        } catch (NumberFormatException e) {
          return Future.failedFuture(CoreException.badRequest("page must be a positive number"));
        }
        if (page < 1 || page > 100_000) {
          return Future.failedFuture(CoreException.badRequest("page must be between 1 and 100000"));
        }
        int offset = (page - 1) * PAGE_SIZE;
        return items.apply(c, offset).map(list -> OrderedCollection.page(uris.page(id, page), id, total,
            offset + list.size() < total ? uris.page(id, page + 1) : null,
            page > 1 ? uris.page(id, page - 1) : null, list));
      });
    }).onSuccess(coll -> json(ctx, coll)).onFailure(ctx::fail);
  }

  private static List<?> parseAll(List<String> bodies) {
    List<Object> out = new ArrayList<>(bodies.size());
    for (String b : bodies) {
      try {
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) JsonLimits.MAPPER.readTree(b);
        node.remove("@context");
        out.add(node);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored activity is not JSON", e);
      }
    }
    return out;
  }

  /**
   * The verified signer of a GET (its key owner), empty when the request is unsigned; a request with a signature
   * that does not verify fails with 401.
   */
  private Future<java.util.Optional<String>> signer(RoutingContext ctx) {
    var req = ctx.request();
    if (req.getHeader("signature") == null && req.getHeader("signature-input") == null) {
      return Future.succeededFuture(java.util.Optional.empty());
    }
    return verifier.verifyFetch(RequestViews.of(ctx, uris.scheme()))
        .compose(v -> domains.blocked(v.ownerId())
            ? Future.failedFuture(new CoreException(CoreException.Kind.FORBIDDEN, "blocked_domain", "this server does not serve your server"))
            : Future.succeededFuture(java.util.Optional.of(v.ownerId())))
        .recover(e -> Future.failedFuture(e instanceof CoreException ? e : new CoreException(CoreException.Kind.UNAUTHORIZED, "invalid_signature",
            e instanceof social.hearth.federation.sig.SignatureException ? e.getMessage() : "the signature could not be verified")));
  }

  /** What an unsigned request gets in authorized-fetch mode: enough to verify the actor's signatures, no more. */
  private static com.fasterxml.jackson.databind.node.ObjectNode keyOnly(com.fasterxml.jackson.databind.node.ObjectNode doc) {
    com.fasterxml.jackson.databind.node.ObjectNode out = JsonLimits.MAPPER.createObjectNode();
    for (String field : List.of("@context", "id", "type", "preferredUsername", "inbox", "outbox", "endpoints",
        "publicKey", "assertionMethod")) {
      if (doc.has(field)) {
        out.set(field, doc.get(field));
      }
    }
    return out;
  }

  static boolean wantsActivityJson(RoutingContext ctx) {
    return As.isActivityJson(ctx.request().getHeader("accept"));
  }

  private static Future<String> write(Object value) {
    try {
      return Future.succeededFuture(JsonLimits.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      return Future.failedFuture(e);
    }
  }

  static void json(RoutingContext ctx, Object value) {
    try {
      ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON)
          .putHeader("Access-Control-Allow-Origin", "*")
          .end(JsonLimits.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
