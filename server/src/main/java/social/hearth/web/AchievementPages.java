package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Achievement;
import social.hearth.core.domain.Level;
import social.hearth.core.recognition.Achievements;

/**
 * Levels and achievements for staff (issue 18), {@code /staff/c/{slug}/recognition/levels}: the creator sets the
 * levels' thresholds, names and privileges (skip newcomer probation, skip slow mode) and how what members earn is
 * announced (a direct message, a shout-out post, or nothing); staff see the achievements and add their own from a
 * counted fact and a threshold, or delete them; switch the default ones off and on.
 */
public final class AchievementPages {

  private final StaffSession staff;
  private final Pages pages;
  private final Achievements achievements;

  public AchievementPages(StaffSession staff, Achievements achievements) {
    this.staff = staff;
    this.pages = staff.pages();
    this.achievements = achievements;
  }

  public void mount(Router router) {
    String root = "/staff/c/:slug/recognition";
    router.get(root + "/levels").handler(this::page);
    router.post(root + "/levels").handler(ctx -> staff.act(ctx, true, (session, c) -> {
      List<Level> asked;
      try {
        asked = levels(ctx.request().formAttributes());
      } catch (CoreException e) {
        return Future.failedFuture(e);
      }
      return achievements.saveLevels(c, asked, StaffSession.by(ctx)).map("levels_saved");
    }, c -> back(c.slug())));
    router.post(root + "/announce").handler(ctx -> staff.act(ctx, true, (session, c) -> achievements
        .saveAnnounce(c, ctx.request().formAttributes().get("announce"), StaffSession.by(ctx)).map("announce_saved"),
        c -> back(c.slug())));
    router.post(root + "/achievements").handler(ctx -> staff.act(ctx, false, (session, c) -> {
      MultiMap form = ctx.request().formAttributes();
      Long threshold;
      try {
        threshold = Long.valueOf(Forms.nz(form.get("threshold")).strip());
      } catch (NumberFormatException e) {
        return Future.failedFuture(CoreException.badRequest("threshold must be a whole number"));
      }
      return achievements.add(c, form.get("fact"), threshold, form.get("name"), form.get("description"),
          StaffSession.by(ctx)).map("achievement_added");
    }, c -> back(c.slug())));
    router.post(root + "/achievements/delete").handler(ctx -> staff.act(ctx, false, (session, c) -> achievements
        .delete(c, Forms.nz(ctx.request().formAttributes().get("key")), StaffSession.by(ctx)).map("achievement_deleted"),
        c -> back(c.slug())));
    router.post(root + "/achievements/switch").handler(ctx -> staff.act(ctx, false, (session, c) -> {
      boolean on = "true".equals(ctx.request().formAttributes().get("on"));
      return achievements.switchDefault(c, Forms.nz(ctx.request().formAttributes().get("key")), on, StaffSession.by(ctx))
          .map(on ? "achievement_switched_on" : "achievement_switched_off");
    }, c -> back(c.slug())));
  }

  private static String back(String slug) {
    return "/staff/c/" + slug + "/recognition/levels";
  }

  /** The levels of the form: rows {@code points_N}, {@code name_N}, {@code probation_N}, {@code slow_N}; blank rows skipped. */
  static List<Level> levels(MultiMap form) {
    List<Level> out = new ArrayList<>();
    for (int i = 1; i <= Achievements.MAX_LEVELS; i++) {
      String points = Forms.nz(form.get("points_" + i)).strip();
      String name = Forms.nz(form.get("name_" + i)).strip();
      if (points.isEmpty() && name.isEmpty()) {
        continue;
      }
      long p;
      try {
        p = Long.parseLong(points);
      } catch (NumberFormatException e) {
        throw CoreException.badRequest("level " + (out.size() + 1) + ": points must be a whole number");
      }
      out.add(new Level(out.size() + 1, p, name, form.get("probation_" + i) != null, form.get("slow_" + i) != null));
    }
    return out;
  }

  private void page(RoutingContext ctx) {
    String lang = Pages.lang(ctx);
    pages.handle(ctx, staff.community(ctx, false).compose(c -> achievements.levels(c)
        .compose(levels -> achievements.achievements(c, lang).compose(list -> achievements.announce(c).map(mode -> {
          Map<String, Object> m = staff.model(ctx, c, "recognition");
          List<Map<String, Object>> rows = new ArrayList<>();
          for (int i = 0; i < Math.min(Achievements.MAX_LEVELS, levels.size() + 3); i++) {
            Map<String, Object> r = new HashMap<>();
            Level l = i < levels.size() ? levels.get(i) : null;
            r.put("n", i + 1);
            r.put("points", l == null ? null : l.points());
            r.put("name", l == null ? null : l.name());
            r.put("probation", l != null && l.skipProbation());
            r.put("slow", l != null && l.skipSlowMode());
            rows.add(r);
          }
          m.put("levels", rows);
          m.put("announce", mode);
          m.put("modes", Achievements.MODES);
          m.put("facts", Achievements.FACTS);
          List<Map<String, Object>> items = new ArrayList<>();
          for (Achievement a : list) {
            Map<String, Object> r = new HashMap<>();
            r.put("key", a.key());
            r.put("name", a.name());
            r.put("description", a.description());
            r.put("fact", a.fact());
            r.put("threshold", a.threshold());
            r.put("builtin", a.builtin());
            r.put("off", a.off());
            items.add(r);
          }
          m.put("achievements", items);
          return m;
        })))), m -> pages.render(ctx, "staff/levels", m));
  }
}
