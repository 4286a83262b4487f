package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.Reports;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Reports: {@code GET /api/v1/admin/reports?community=&state=&page=} (a JSON array of up to {@value #PAGE}, oldest
 * first; when more follow, a {@code Link: <...&page=N+1>; rel="next"} header names the next page) and
 * {@code POST /api/v1/admin/reports/{id}/resolve} ({@code {id, state, removed, notRemoved}}; removing the post when
 * none could be removed answers 409 with the reason, and the report stays open).
 */
public final class ReportsApi implements AdminApi.Feature {

  /** Reports per page. */
  static final int PAGE = 200;

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
      String community = ctx.request().getParam("community");
      ApiCalls.Page page;
      try {
        page = ApiCalls.Page.of(ctx, PAGE);
      } catch (IllegalArgumentException e) {
        ctx.fail(CoreException.badRequest("page is a number from 1 to 100000"));
        return;
      }
      calls.communityId(community).compose(id -> reports.page(id, false, state, page.number(), page.size()))
          .onSuccess(found -> {
            if (found.hasNext()) {
              ctx.response().putHeader("Link", "<" + AdminApi.ROOT + "/reports?" + (community == null ? ""
                  : "community=" + URLEncoder.encode(community, StandardCharsets.UTF_8) + "&") + "state="
                  + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&page=" + (found.number() + 1) + ">; rel=\"next\"");
            }
            Json.send(ctx, 200, ModerationJson.reportsJson(found.items()));
          }).onFailure(ctx::fail);
    });
    router.post(AdminApi.ROOT + "/reports/:id/resolve").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.run(ctx, b -> {
      Reports.Action action = Json.choice(b, "action", Reports.Action.class);
      if (action == null) {
        throw CoreException.badRequest("action is required: remove_post, remove_member, ban_member or dismiss");
      }
      Boolean forward = Json.bool(b, "forward");
      long reportId = ApiCalls.pathId(ctx);
      return reports.resolve(reportId, action, forward != null && forward, Json.text(b, "note", false), "admin")
          .map(done -> {
            ObjectNode out = JsonLimits.MAPPER.createObjectNode().put("id", reportId).put("state", done.state());
            ArrayNode removed = out.putArray("removed");
            done.removed().forEach(removed::add);
            ArrayNode notRemoved = out.putArray("notRemoved");
            done.notRemoved().forEach(u -> notRemoved.addObject().put("object", u.object())
                .put("reason", u.reason().name().toLowerCase(Locale.ROOT)));
            return (JsonNode) out;
          });
    }));
  }
}
