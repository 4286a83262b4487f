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
        return curation.unpin(c, object).map("unpinned");
      }
      if ("up".equals(f.get("do")) || "down".equals(f.get("do"))) {
        return curation.movePin(c, object, "up".equals(f.get("do"))).map("pins_moved");
      }
      return curation.pin(c, object).map("pinned").recover(e -> Future.failedFuture(
          e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT ? new WebException(409, "error.pins.full") : e));
    }, c -> StaffSession.back(ctx, "/staff/c/" + c.slug() + "/settings#pins"));
  }
}
