package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.CoreException;
import social.hearth.core.community.Curation;
import social.hearth.core.text.Links;

/** Pinning a community's posts (its featured collection) and unpinning them, for owners. */
public final class PinPages {

  private final StaffSession staff;
  private final Curation curation;

  public PinPages(StaffSession staff, Curation curation) {
    this.staff = staff;
    this.curation = curation;
  }

  public void pin(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    staff.act(ctx, true, (session, c) -> {
      String object = f.get("object");
      if (object == null || Links.httpUrl(object) == null) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      if ("unpin".equals(f.get("do"))) {
        return staff.audit().ifDone(curation.unpin(c, object), c.id(), StaffSession.by(ctx), "pin.removed", object, null).map("unpinned");
      }
      if ("up".equals(f.get("do")) || "down".equals(f.get("do"))) {
        return staff.audit().ifDone(curation.movePin(c, object, "up".equals(f.get("do"))), c.id(), StaffSession.by(ctx), "pin.moved",
            object, social.hearth.core.audit.AuditLog.detail("up", "up".equals(f.get("do")))).map("pins_moved");
      }
      return staff.audit().ifDone(curation.pin(c, object), c.id(), StaffSession.by(ctx), "pin.added", object, null).map("pinned").recover(e -> Future.failedFuture(
          e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT ? new WebException(409, "error.pins.full") : e));
    }, c -> StaffSession.back(ctx, "/staff/c/" + c.slug() + "/settings#pins"));
  }
}
