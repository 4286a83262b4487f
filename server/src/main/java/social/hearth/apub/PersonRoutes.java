package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.account.StaffProfiles;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.port.PersonStore;
import social.hearth.core.util.TtlCache;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.OrderedCollection;

/**
 * Staff accounts as Persons: {@code /u/{username}} (the Person for ActivityPub clients; browsers are passed on to the
 * profile page at the same IRI), its outbox and its followers collection (the count only, as a community that hides
 * its members). In authorized-fetch mode the collections need a signature and an unsigned GET of the Person gets
 * only what verifying its signatures needs.
 */
public final class PersonRoutes {

  private final Uris uris;
  private final StaffProfiles profiles;
  private final PersonStore store;
  private final ActorMapper mapper;
  private final FetchSigners signers;
  private final boolean authorizedFetch;
  /** Served Person documents by "username full|keys"; dropped when this node changes the profile. */
  private final TtlCache<String, String> documents = new TtlCache<>(CommunityService.CACHE_TTL, 1_000);

  public PersonRoutes(Uris uris, StaffProfiles profiles, PersonStore store, ActorMapper mapper, FetchSigners signers,
                      boolean authorizedFetch) {
    this.uris = uris;
    this.profiles = profiles;
    this.store = store;
    this.mapper = mapper;
    this.signers = signers;
    this.authorizedFetch = authorizedFetch;
    profiles.onChange(username -> documents.removeIf(key -> key.startsWith(username + " ")));
  }

  public void mount(Router router) {
    if (authorizedFetch) {
      for (String path : List.of("/u/:username/followers", "/u/:username/outbox")) {
        router.get(path).handler(ctx -> signers.signer(ctx).onSuccess(who -> {
          if (who.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Signature");
            ctx.fail(new CoreException(CoreException.Kind.UNAUTHORIZED, "signature_required",
                "this server only answers signed requests for this"));
          } else {
            ctx.next();
          }
        }).onFailure(ctx::fail));
      }
    }
    router.get("/u/:username").handler(this::person);
    router.get("/u/:username/followers").handler(ctx -> profiles.find(ctx.pathParam("username"))
        .compose(PersonRoutes::found)
        .compose(person -> profiles.followers(person.accountId())
            .map(n -> OrderedCollection.summary(uris.staffFollowers(person.username()), n, null)))
        .onSuccess(c -> ApJson.send(ctx, c)).onFailure(ctx::fail));
    router.get("/u/:username/outbox").handler(this::outbox);
  }

  private void person(RoutingContext ctx) {
    ctx.response().putHeader("Vary", "Accept");
    if (!ApJson.wanted(ctx)) {
      ctx.next(); // the profile page for browsers
      return;
    }
    String username = ctx.pathParam("username");
    Future<Boolean> full = authorizedFetch ? signers.signer(ctx).map(Optional::isPresent) : Future.succeededFuture(true);
    full.compose(f -> documents.get(username + (f ? " full" : " keys"), () -> profiles.person(username)
            .map(p -> f ? mapper.personDocument(p) : ActorRoutes.keyOnly(mapper.personDocument(p)))
            .compose(ApJson::write)))
        .onSuccess(doc -> ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON)
            .putHeader("Access-Control-Allow-Origin", "*").end(doc))
        .onFailure(ctx::fail);
  }

  private void outbox(RoutingContext ctx) {
    String page = ctx.request().getParam("page");
    profiles.find(ctx.pathParam("username")).compose(PersonRoutes::found).compose(p -> {
      String id = uris.staffOutbox(p.username());
      return store.outboxCount(p.accountId()).compose(total -> {
        if (page == null) {
          return Future.succeededFuture((Object) OrderedCollection.summary(id, total, uris.page(id, 1)));
        }
        int n;
        try {
          n = Integer.parseInt(page);
        } catch (NumberFormatException e) {
          return Future.failedFuture(CoreException.badRequest("page must be a positive number"));
        }
        if (n < 1 || n > 100_000) {
          return Future.failedFuture(CoreException.badRequest("page must be between 1 and 100000"));
        }
        int offset = (n - 1) * CollectionRoutes.PAGE_SIZE;
        return store.outboxPage(p.accountId(), offset, CollectionRoutes.PAGE_SIZE).map(bodies -> (Object) OrderedCollection.page(
            uris.page(id, n), id, total, offset + bodies.size() < total ? uris.page(id, n + 1) : null,
            n > 1 ? uris.page(id, n - 1) : null, parsed(bodies)));
      });
    }).onSuccess(c -> ApJson.send(ctx, c)).onFailure(ctx::fail);
  }

  private static Future<StaffProfile> found(Optional<StaffProfile> p) {
    return p.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(CoreException.notFound("no such account here")));
  }

  private static List<Object> parsed(List<String> bodies) {
    List<Object> out = new ArrayList<>(bodies.size());
    for (String b : bodies) {
      try {
        com.fasterxml.jackson.databind.node.ObjectNode node =
            (com.fasterxml.jackson.databind.node.ObjectNode) JsonLimits.MAPPER.readTree(b);
        node.remove("@context");
        out.add(node);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("stored activity is not JSON", e);
      }
    }
    return out;
  }
}
