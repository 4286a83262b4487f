package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.wiki.WikiEditors;

/**
 * The members trusted to edit the wiki (docs/admin-api.md, "Wiki"): {@code GET /wiki-editors} gives
 * {@code {"actors": [...]}}, {@code PUT /wiki-editors} with {@code {"actors": [...]}} replaces them (each an accepted
 * member's actor IRI; 400 otherwise).
 */
public final class WikiEditorsApi implements AdminApi.Feature {

  private final CommunityService communities;
  private final WikiEditors editors;

  public WikiEditorsApi(CommunityService communities, WikiEditors editors) {
    this.communities = communities;
    this.editors = editors;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/wiki-editors";
    router.get(root).handler(ctx -> communities.require(ctx.pathParam("slug")).compose(editors::list)
        .onSuccess(list -> Json.send(ctx, 200, actors(list))).onFailure(ctx::fail));
    router.put(root).handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::set);
  }

  private void set(RoutingContext ctx) {
    List<String> actors = new ArrayList<>();
    try {
      JsonNode v = Json.body(ctx).get("actors");
      if (v == null || !v.isArray()) {
        throw CoreException.badRequest("actors is required: a list of members' actor IRIs (an empty list for none)");
      }
      for (JsonNode a : v) {
        if (!a.isTextual()) {
          throw CoreException.badRequest("actors must be a list of strings");
        }
        actors.add(a.asText());
      }
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> editors.set(c, actors, "admin"))
        .onSuccess(list -> Json.send(ctx, 200, actors(list))).onFailure(ctx::fail);
  }

  private static ObjectNode actors(List<String> list) {
    ObjectNode out = ApiCalls.object();
    list.forEach(out.putArray("actors")::add);
    return out;
  }
}
