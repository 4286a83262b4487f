package social.hearth.http;

import io.vertx.ext.web.Router;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.Reports;

/** Reports: {@code GET /api/v1/admin/reports?community=&state=} and {@code POST /api/v1/admin/reports/{id}/resolve}. */
public final class ReportsApi implements AdminApi.Feature {

  private final ApiCalls calls;
  private final Reports reports;

  public ReportsApi(ApiCalls calls, Reports reports) {
    this.calls = calls;
    this.reports = reports;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.ROOT + "/reports").handler(ctx -> {
      String state = ctx.request().getParam("state", "open");
      calls.communityId(ctx.request().getParam("community")).compose(id -> reports.list(id, state, 200))
          .onSuccess(list -> Json.send(ctx, 200, ModerationJson.reportsJson(list))).onFailure(ctx::fail);
    });
    router.post(AdminApi.ROOT + "/reports/:id/resolve").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.run(ctx, b -> {
      Reports.Action action = Json.choice(b, "action", Reports.Action.class);
      if (action == null) {
        throw CoreException.badRequest("action is required: remove_post, remove_member, ban_member or dismiss");
      }
      Boolean forward = Json.bool(b, "forward");
      long reportId = ApiCalls.pathId(ctx);
      return reports.resolve(reportId, action, forward != null && forward, Json.text(b, "note", false), "admin")
          .map(state -> (com.fasterxml.jackson.databind.JsonNode) social.hearth.federation.vocab.JsonLimits.MAPPER.createObjectNode()
              .put("id", reportId).put("state", state));
    }));
  }
}
