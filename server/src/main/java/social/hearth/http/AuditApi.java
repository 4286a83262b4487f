package social.hearth.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;

/** The audit log: {@code GET /api/v1/admin/audit?community=&actor=&action=&target=&since=&limit=}. */
public final class AuditApi implements AdminApi.Feature {

  private final ApiCalls calls;
  private final AuditLog audit;

  public AuditApi(ApiCalls calls, AuditLog audit) {
    this.calls = calls;
    this.audit = audit;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.ROOT + "/audit").handler(this::query);
  }

  private void query(RoutingContext ctx) {
    OffsetDateTime since;
    int limit;
    try {
      String s = ctx.request().getParam("since");
      since = s == null ? null : OffsetDateTime.parse(s);
      limit = Math.min(1000, Math.max(1, Integer.parseInt(ctx.request().getParam("limit", "100"))));
    } catch (DateTimeParseException | NumberFormatException e) {
      ctx.fail(CoreException.badRequest("since is an ISO-8601 date-time and limit a number up to 1000"));
      return;
    }
    calls.communityId(ctx.request().getParam("community"))
        .compose(id -> audit.query(new AuditLog.Query(id, ctx.request().getParam("actor"),
            ctx.request().getParam("action"), ctx.request().getParam("target"), since, limit)))
        .onSuccess(list -> Json.send(ctx, 200, ModerationJson.auditJson(list))).onFailure(ctx::fail);
  }
}
