package social.hearth.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.core.port.AdminPageQueries;

/** The instance's own settings for instance admins: allowlist mode, and instance-wide bans of remote accounts. */
public final class InstancePages {

  private final StaffSession staff;
  private final Pages pages;
  private final DomainPolicies domains;
  private final AdminPageQueries queries;
  private final ActorInput actors;

  public InstancePages(StaffSession staff, DomainPolicies domains, AdminPageQueries queries, ActorInput actors) {
    this.staff = staff;
    this.pages = staff.pages();
    this.domains = domains;
    this.queries = queries;
    this.actors = actors;
  }

  public void settings(RoutingContext ctx) {
    pages.handle(ctx, queries.instanceBans(), bans -> {
      Map<String, Object> m = staff.adminModel(ctx, "settings");
      m.put("allowlist", domains.allowlistMode());
      m.put("bans", bans);
      pages.render(ctx, "admin/settings", m);
    });
  }

  public void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    pages.handle(ctx, domains.setAllowlistMode(f.get("allowlist") != null, StaffSession.by(ctx)),
        x -> StaffSession.redirect(ctx, "/staff/admin/settings?notice=saved"));
  }

  public void ban(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String todo = Forms.nz(f.get("do"));
    pages.handle(ctx, actors.resolve(f.get("actor")).compose(actor -> todo.equals("unban")
            ? domains.unban(actor, StaffSession.by(ctx)).map("instance_unbanned")
            : domains.ban(actor, Forms.clip(f.get("reason"), 500), Forms.date(f.get("until"), "error.date"),
                StaffSession.by(ctx)).map("instance_banned")),
        notice -> StaffSession.redirect(ctx, "/staff/admin/settings?notice=" + notice));
  }
}
