package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.CoreException;
import social.hearth.core.community.InstanceSettings;
import social.hearth.core.domain.InstanceProfile;

/**
 * What the server says about itself: {@code GET} and {@code PUT /api/v1/admin/instance} with its name, description,
 * contact and rules (shown on the home page and in NodeInfo).
 */
public final class InstanceApi implements AdminApi.Feature {

  private final InstanceSettings instance;

  public InstanceApi(InstanceSettings instance) {
    this.instance = instance;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.ROOT + "/instance").handler(ctx -> instance.current()
        .onSuccess(p -> Json.send(ctx, 200, json(p))).onFailure(ctx::fail));
    router.put(AdminApi.ROOT + "/instance").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      InstanceSettings.Checked checked;
      try {
        JsonNode body = Json.body(ctx);
        checked = InstanceSettings.check(Json.text(body, "name", false), Json.text(body, "description", false),
            Json.text(body, "contact", false), rules(body));
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      instance.save(checked, "admin").onSuccess(p -> Json.send(ctx, 200, json(p))).onFailure(ctx::fail);
    });
  }

  private static List<String> rules(JsonNode body) {
    JsonNode rules = body.get("rules");
    List<String> out = new ArrayList<>();
    if (rules == null || rules.isNull()) {
      return out;
    }
    if (!rules.isArray()) {
      throw CoreException.badRequest("rules must be an array of strings");
    }
    for (JsonNode r : rules) {
      if (!r.isTextual()) {
        throw CoreException.badRequest("rules must be an array of strings");
      }
      out.add(r.asText());
    }
    return out;
  }

  private static ObjectNode json(InstanceProfile p) {
    ObjectNode n = ApiCalls.object();
    n.put("name", p.name());
    n.put("description", p.description());
    n.put("contact", p.contact());
    p.rules().forEach(n.putArray("rules")::add);
    return n;
  }
}
