package social.hearth.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.Locale;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.FederationHealth;
import social.hearth.core.port.FederationHealthQueries;

/**
 * Federation health: {@code GET /api/v1/admin/federation?search=&problems=&sort=&page=} lists the servers Hearth
 * talks to (as the page at {@code /staff/admin/federation} does), and {@code POST
 * /api/v1/admin/federation/{host}/retry} makes a host's pending deliveries due now (its state probing).
 */
public final class FederationApi implements AdminApi.Feature {

  private final FederationHealth health;

  public FederationApi(FederationHealth health) {
    this.health = health;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.ROOT + "/federation").handler(this::list);
    router.post(AdminApi.ROOT + "/federation/:host/retry").handler(ctx -> {
      String host = ctx.pathParam("host");
      health.retry(host, "admin").onSuccess(n -> Json.send(ctx, 200, ApiCalls.object()
          .put("host", host.strip().toLowerCase(Locale.ROOT)).put("due", n))).onFailure(ctx::fail);
    });
  }

  private void list(RoutingContext ctx) {
    int page;
    try {
      page = Integer.parseInt(ctx.request().getParam("page", "1"));
      if (page < 1) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      ctx.fail(CoreException.badRequest("page is a number from 1"));
      return;
    }
    String sort = ctx.request().getParam("sort", "problems");
    if (!FederationHealth.sort(sort).name().equalsIgnoreCase(sort)) {
      ctx.fail(CoreException.badRequest("sort is one of problems, host, backlog, members, refusals"));
      return;
    }
    boolean problems = "true".equals(ctx.request().getParam("problems"));
    health.servers(ctx.request().getParam("search"), problems, sort, page).onSuccess(p -> {
      ObjectNode body = ApiCalls.object();
      body.put("total", p.total()).put("page", page).put("pageSize", FederationHealth.PAGE_SIZE);
      var servers = body.putArray("servers");
      p.servers().forEach(s -> servers.add(json(s)));
      Json.send(ctx, 200, body);
    }).onFailure(ctx::fail);
  }

  private static ObjectNode json(FederationHealthQueries.Server s) {
    ObjectNode n = ApiCalls.object();
    n.put("host", s.host()).put("software", s.software()).put("version", s.version()).put("members", s.members())
        .put("state", s.state().name().toLowerCase(Locale.ROOT)).put("lastSuccessAt", time(s.lastSuccess()))
        .put("failingSince", time(s.failingSince())).put("failures", s.failures())
        .put("lastFailureAt", time(s.lastFailure())).put("nextProbeAt", time(s.nextProbe()))
        .put("backlog", s.backlog()).put("retrying", s.retrying()).put("oldestPendingAt", time(s.oldestPending()))
        .put("lastError", s.lastError()).put("refused", s.refused());
    var refusals = n.putArray("refusals");
    s.refusals().forEach(r -> refusals.addObject().put("reason", r.code()).put("count", r.count())
        .put("lastAt", time(r.last())));
    return n;
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
