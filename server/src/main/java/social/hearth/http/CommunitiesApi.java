package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.federation.vocab.JsonLimits;

/** Creating, reading and listing communities: {@code /api/v1/admin/communities}. */
public final class CommunitiesApi implements AdminApi.Feature {

  private final CommunityService communities;
  private final CommunityJson json;
  private final Uris uris;

  public CommunitiesApi(CommunityService communities, CommunityJson json, Uris uris) {
    this.communities = communities;
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
  }

  private void create(RoutingContext ctx) {
    String slug;
    String name;
    String summary;
    try {
      JsonNode body = Json.body(ctx);
      slug = Json.text(body, "slug", true);
      name = Json.text(body, "name", true);
      summary = Json.text(body, "summary", false);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.create(slug, name, summary).onSuccess(c -> {
      ctx.response().putHeader("Location", uris.community(c.slug()));
      Json.send(ctx, 201, json.of(c));
    }).onFailure(ctx::fail);
  }
}
