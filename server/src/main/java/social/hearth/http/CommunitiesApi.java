package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Lifecycle;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Creating, reading and listing communities, and their life after: {@code /api/v1/admin/communities},
 * {@code .../{slug}/archive}, {@code .../{slug}/unarchive}, {@code DELETE .../{slug}}.
 */
public final class CommunitiesApi implements AdminApi.Feature {

  private final CommunityService communities;
  private final Lifecycle lifecycle;
  private final CommunityJson json;
  private final Uris uris;

  public CommunitiesApi(CommunityService communities, Lifecycle lifecycle, CommunityJson json, Uris uris) {
    this.communities = communities;
    this.lifecycle = lifecycle;
    this.json = json;
    this.uris = uris;
  }

  @Override
  public void mount(Router router) {
    router.post(AdminApi.ROOT + "/communities").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::create);
    router.get(AdminApi.COMMUNITY).handler(ctx -> communities.require(ctx.pathParam("slug"))
        .onSuccess(c -> Json.send(ctx, 200, json.of(c))).onFailure(ctx::fail));
    router.get(AdminApi.ROOT + "/communities").handler(ctx -> communities.list().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(c -> out.add(json.of(c)));
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail));
    router.post(AdminApi.COMMUNITY + "/archive").handler(ctx -> communities.require(ctx.pathParam("slug"))
        .compose(c -> lifecycle.archive(c, "admin"))
        .onSuccess(c -> Json.send(ctx, 200, json.of(c))).onFailure(ctx::fail));
    router.post(AdminApi.COMMUNITY + "/unarchive").handler(ctx -> communities.require(ctx.pathParam("slug"))
        .compose(c -> lifecycle.unarchive(c, "admin"))
        .onSuccess(c -> Json.send(ctx, 200, json.of(c))).onFailure(ctx::fail));
    router.delete(AdminApi.COMMUNITY).handler(ctx -> communities.require(ctx.pathParam("slug"))
        .compose(c -> lifecycle.delete(c, "admin"))
        .onSuccess(queued -> Json.send(ctx, 200, ApiCalls.object().put("slug", ctx.pathParam("slug"))
            .put("deleted", true).put("deliveries", queued)))
        .onFailure(ctx::fail));
  }

  private void create(RoutingContext ctx) {
    Lifecycle.NewCommunity wanted;
    try {
      JsonNode body = Json.body(ctx);
      wanted = new Lifecycle.NewCommunity(Json.text(body, "slug", false), Json.text(body, "name", false),
          Json.text(body, "summary", false), Json.text(body, "owner", false));
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    lifecycle.create(wanted, "admin").onSuccess(c -> {
      ctx.response().putHeader("Location", uris.community(c.slug()));
      Json.send(ctx, 201, json.of(c));
    }).onFailure(ctx::fail);
  }
}
