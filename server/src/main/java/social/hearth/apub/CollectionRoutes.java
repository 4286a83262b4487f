package social.hearth.apub;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;
import social.hearth.db.OutboxStore;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.OrderedCollection;

/**
 * A community's collections (followers, outbox, featured, moderators: its staff Persons and remote moderators) and
 * the activities published here; in
 * authorized-fetch mode only for signed requests.
 */
public final class CollectionRoutes {

  static final int PAGE_SIZE = 50;

  private final Uris uris;
  private final CommunityService communities;
  private final MemberStore members;
  private final OutboxStore outbox;
  private final PostStore posts;
  private final FetchSigners signers;
  private final boolean authorizedFetch;
  private final social.hearth.core.port.AccountStore accounts;

  public CollectionRoutes(Uris uris, CommunityService communities, MemberStore members, OutboxStore outbox, PostStore posts,
                   FetchSigners signers, boolean authorizedFetch, social.hearth.core.port.AccountStore accounts) {
    this.accounts = accounts;
    this.uris = uris;
    this.communities = communities;
    this.members = members;
    this.outbox = outbox;
    this.posts = posts;
    this.signers = signers;
    this.authorizedFetch = authorizedFetch;
  }

  public void mount(Router router) {
    if (authorizedFetch) {
      // authorized-fetch mode: collections and activities only for signed requests
      for (String path : List.of("/c/:slug/followers", "/c/:slug/outbox", "/c/:slug/featured", "/c/:slug/moderators",
          "/activities/:uuid")) {
        router.get(path).handler(ctx -> signers.signer(ctx).onSuccess(who -> {
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
        (c, p) -> outbox.outboxCount(c.id()), (c, offset) -> outbox.outboxPage(c.id(), offset, PAGE_SIZE).map(CollectionRoutes::parseAll)));
    router.get("/c/:slug/featured").handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
        .compose(c -> posts.featured(c.id()).map(items -> new OrderedCollection(As.NS, uris.communityFeatured(c.slug()),
            "OrderedCollection", (long) items.size(), null, null, null, null, items)))
        .onSuccess(coll -> ApJson.send(ctx, coll)).onFailure(ctx::fail));
    // the staff (owners and moderators: their Persons), then the remote moderators; Lemmy reads it as the mods
    router.get("/c/:slug/moderators").handler(ctx -> communities.requireCached(ctx.pathParam("slug"))
        .compose(c -> accounts.staff(c.id()).compose(staff -> members.moderators(c.id()).map(remote -> {
          List<String> mods = new ArrayList<>();
          staff.forEach(s -> mods.add(uris.staff(s.username())));
          mods.addAll(remote);
          return new OrderedCollection(As.NS, uris.communityModerators(c.slug()), "OrderedCollection",
              (long) mods.size(), null, null, null, null, mods);
        })))
        .onSuccess(coll -> ApJson.send(ctx, coll)).onFailure(ctx::fail));

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
    }).onSuccess(coll -> ApJson.send(ctx, coll)).onFailure(ctx::fail);
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
}
