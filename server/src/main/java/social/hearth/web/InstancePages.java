package social.hearth.web;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.community.InstanceSettings;
import social.hearth.core.domain.InstanceProfile;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.core.port.AdminPageQueries;

/**
 * The instance's own settings for instance admins: what the server says about itself (name, description, contact,
 * rules: on the home page and in NodeInfo), allowlist mode, and instance-wide bans of remote accounts.
 */
public final class InstancePages {

  /** The profile form's fields, in order. */
  static final List<String> PROFILE_FIELDS = List.of("name", "description", "contact", "rules");

  private final StaffSession staff;
  private final Pages pages;
  private final DomainPolicies domains;
  private final AdminPageQueries queries;
  private final ActorInput actors;
  private final InstanceSettings instance;

  public InstancePages(StaffSession staff, DomainPolicies domains, AdminPageQueries queries, ActorInput actors,
                       InstanceSettings instance) {
    this.staff = staff;
    this.pages = staff.pages();
    this.domains = domains;
    this.queries = queries;
    this.actors = actors;
    this.instance = instance;
  }

  public void settings(RoutingContext ctx) {
    pages.handle(ctx, instance.current(), profile -> render(ctx, 200, profile, Map.of()));
  }

  private void render(RoutingContext ctx, int status, InstanceProfile profile, Map<String, String> problems) {
    pages.handle(ctx, queries.instanceBans(), bans -> {
      Map<String, Object> m = staff.adminModel(ctx, "settings");
      m.put("allowlist", domains.allowlistMode());
      m.put("bans", bans);
      Map<String, Object> form = new HashMap<>();
      form.put("name", profile.name());
      form.put("description", profile.description());
      form.put("contact", profile.contact());
      List<String> rules = new ArrayList<>(profile.rules());
      for (int i = 0; i < 3; i++) {
        rules.add("");
      }
      form.put("rules", rules);
      m.put("profile", form);
      Map<String, String> errors = new HashMap<>();
      PROFILE_FIELDS.forEach(f -> errors.put(f, problems.containsKey(f) ? "error.instance." + f : null));
      m.put("profileErrors", errors);
      m.put("maxRules", String.valueOf(InstanceSettings.MAX_RULES));
      pages.render(ctx, status, "admin/settings", m);
    });
  }

  /** Saves the server's profile; a refused form comes back with each field's problem and what was typed. */
  public void saveProfile(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    InstanceSettings.Checked checked = InstanceSettings.check(f.get("name"), f.get("description"), f.get("contact"),
        f.getAll("rule"));
    if (!checked.problems().isEmpty()) {
      render(ctx, 400, checked.profile(), checked.problems());
      return;
    }
    pages.handle(ctx, instance.save(checked, StaffSession.by(ctx)),
        x -> StaffSession.redirect(ctx, "/staff/admin/settings?notice=saved"));
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
