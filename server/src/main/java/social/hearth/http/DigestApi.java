package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.digest.Digests;
import social.hearth.core.domain.DigestSettings;

/**
 * The digest (docs/admin-api.md, "Digest"): {@code PUT /digest} sets it, {@code GET /digest} reads the setting,
 * {@code GET /digest/preview} shows what would be published now, {@code POST /digest/publish} publishes it at once
 * (201 with the post's IRI, or 204 when nothing happened).
 */
public final class DigestApi implements AdminApi.Feature {

  private static final String BY = "admin";

  private final CommunityService communities;
  private final Digests digests;

  public DigestApi(CommunityService communities, Digests digests) {
    this.communities = communities;
    this.digests = digests;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/digest";
    router.get(root).handler(ctx -> communities.require(ctx.pathParam("slug")).compose(digests::settings)
        .onSuccess(s -> Json.send(ctx, 200, settings(s))).onFailure(ctx::fail));
    router.put(root).handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::configure);
    router.get(root + "/preview").handler(ctx -> communities.require(ctx.pathParam("slug")).compose(digests::preview)
        .onSuccess(text -> {
          ObjectNode out = ApiCalls.object();
          out.put("empty", text.isEmpty());
          out.put("content", text.orElse(null));
          Json.send(ctx, 200, out);
        }).onFailure(ctx::fail));
    router.post(root + "/publish").handler(ctx -> communities.require(ctx.pathParam("slug"))
        .compose(c -> digests.publishNow(c, BY)).onSuccess(iri -> {
          if (iri.isEmpty()) {
            ctx.response().setStatusCode(204).end();
          } else {
            Json.send(ctx, 201, ApiCalls.object().put("id", iri.get()));
          }
        }).onFailure(ctx::fail));
  }

  private void configure(RoutingContext ctx) {
    Boolean enabled;
    String frequency;
    String time;
    Integer weekday;
    String timezone;
    try {
      JsonNode body = Json.body(ctx);
      enabled = Json.bool(body, "enabled");
      frequency = Json.text(body, "frequency", false);
      time = Json.text(body, "time", false);
      weekday = Json.integer(body, "weekday", 1, 7);
      timezone = Json.text(body, "timezone", false);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> digests.configure(c, enabled, frequency, time, weekday,
        timezone, BY)).onSuccess(s -> Json.send(ctx, 200, settings(s))).onFailure(ctx::fail);
  }

  private static ObjectNode settings(DigestSettings s) {
    ObjectNode out = ApiCalls.object();
    out.put("enabled", s.enabled());
    out.put("frequency", s.frequency());
    out.put("time", s.time());
    out.put("weekday", s.weekday());
    out.put("timezone", s.timezone());
    return out;
  }
}
