package social.hearth.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.federation.vocab.JsonLimits;

/** Pinning and unpinning posts: {@code /api/v1/admin/communities/{slug}/featured}. */
public final class PinsApi implements AdminApi.Feature {

  private final CommunityService communities;
  private final Curation curation;

  private final social.hearth.core.audit.AuditLog audit;

  public PinsApi(CommunityService communities, Curation curation, social.hearth.core.audit.AuditLog audit) {
    this.audit = audit;
    this.communities = communities;
    this.curation = curation;
  }

  @Override
  public void mount(Router router) {
    router.post(AdminApi.COMMUNITY + "/featured").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::pin);
    router.delete(AdminApi.COMMUNITY + "/featured").handler(this::unpin);
    router.patch(AdminApi.COMMUNITY + "/featured").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::move);
  }

  private void pin(RoutingContext ctx) {
    String object;
    try {
      object = Json.text(Json.body(ctx), "object", true);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> audit.ifDone(curation.pin(c, object), c.id(), ApiCalls.ADMIN, "pin.added", object, null))
        .onSuccess(added -> Json.send(ctx, added ? 201 : 200, JsonLimits.MAPPER.createObjectNode().put("object", object)))
        .onFailure(ctx::fail);
  }

  /** {@code {"object": "<IRI>", "move": "up" | "down"}}: one place earlier or later in the pinned posts. */
  private void move(RoutingContext ctx) {
    String object;
    boolean up;
    try {
      var body = Json.body(ctx);
      object = Json.text(body, "object", true);
      String move = Json.text(body, "move", true);
      if (!move.equals("up") && !move.equals("down")) {
        throw CoreException.badRequest("move must be up or down");
      }
      up = move.equals("up");
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> audit.ifDone(curation.movePin(c, object, up), c.id(), ApiCalls.ADMIN, "pin.moved", object,
        social.hearth.core.audit.AuditLog.detail("up", up)))
        .onSuccess(moved -> {
          if (moved) {
            Json.send(ctx, 200, JsonLimits.MAPPER.createObjectNode().put("object", object));
          } else {
            ctx.fail(CoreException.conflict("that post is not pinned, or is first (up) or last (down) already"));
          }
        }).onFailure(ctx::fail);
  }

  private void unpin(RoutingContext ctx) {
    String object = ctx.request().getParam("object");
    if (object == null || object.isBlank()) {
      ctx.fail(CoreException.badRequest("the object parameter is required"));
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> audit.ifDone(curation.unpin(c, object), c.id(), ApiCalls.ADMIN, "pin.removed", object, null))
        .onSuccess(removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(CoreException.notFound("that post is not pinned"));
          }
        }).onFailure(ctx::fail);
  }
}
