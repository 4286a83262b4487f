package social.hearth.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.port.PairingStore;
import social.hearth.core.recognition.Sponsors;

/**
 * Sponsors for staff (issue 18, item 5): {@code /staff/c/{slug}/sponsors} lists the roster with each sponsor's
 * tenure (member since, on the roster since), current load (newcomers paired who are still members) and whether they
 * are away (marked away or back from here), the current pairs, and the switch that turns pairing off.
 */
public final class SponsorPages {

  private final StaffSession staff;
  private final Pages pages;
  private final Sponsors sponsors;

  public SponsorPages(StaffSession staff, Sponsors sponsors) {
    this.staff = staff;
    this.pages = staff.pages();
    this.sponsors = sponsors;
  }

  public void mount(Router router) {
    String root = "/staff/c/:slug/sponsors";
    router.get(root).handler(this::roster);
    router.post(root + "/away").handler(ctx -> staff.act(ctx, false, (session, c) -> sponsors.setAway(c,
        ctx.request().formAttributes().get("actor"), "true".equals(ctx.request().formAttributes().get("away")),
        StaffSession.by(ctx)).map("sponsors_saved"), c -> "/staff/c/" + c.slug() + "/sponsors"));
    router.post(root + "/pairing").handler(ctx -> staff.act(ctx, true, (session, c) -> sponsors.setPairing(c,
        ctx.request().formAttributes().get("pairing") != null, StaffSession.by(ctx)).map("sponsors_saved"),
        c -> "/staff/c/" + c.slug() + "/sponsors"));
  }

  private void roster(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> sponsors.pairing(c).compose(on -> sponsors.roster(c)
        .compose(roster -> sponsors.pairs(c).map(pairs -> {
          Map<String, Object> m = staff.model(ctx, c, "recognition");
          m.put("pairing", on);
          List<Map<String, Object>> rows = new ArrayList<>();
          for (PairingStore.RosterEntry e : roster) {
            Map<String, Object> r = new HashMap<>();
            r.put("actor", e.actor());
            r.put("away", e.away());
            r.put("addedAt", e.addedAt());
            r.put("memberSince", e.memberSince());
            r.put("load", e.load());
            rows.add(r);
          }
          m.put("roster", rows);
          List<Map<String, Object>> list = new ArrayList<>();
          for (PairingStore.Pair p : pairs) {
            Map<String, Object> r = new HashMap<>();
            r.put("newcomer", p.newcomer());
            r.put("sponsor", p.sponsor());
            r.put("pairedAt", p.pairedAt());
            r.put("firstPostAt", p.firstPostAt());
            list.add(r);
          }
          m.put("pairs", list);
          return m;
        })))), m -> pages.render(ctx, "staff/sponsors", m));
  }
}
