package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.PairingStore;
import social.hearth.core.recognition.Sponsors;

/**
 * Sponsors paired with newcomers in the admin API (issue 18, item 5; docs/admin-api.md), under
 * {@code /api/v1/admin/communities/{slug}}: {@code GET /sponsors/roster} (the pairing switch, each sponsor's tenure,
 * load and away flag, the current pairs), {@code PUT /sponsors/away} with {@code {"actor", "away"}},
 * {@code PUT /sponsors/pairing} with {@code {"enabled"}}, {@code GET /sponsors/pair?actor=} (a member's sponsor).
 */
public final class SponsorsApi implements AdminApi.Feature {

  private final CommunityService communities;
  private final Sponsors sponsors;

  public SponsorsApi(CommunityService communities, Sponsors sponsors) {
    this.communities = communities;
    this.sponsors = sponsors;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/sponsors";
    router.get(root + "/roster").handler(ctx -> answer(ctx, this::roster));
    router.get(root + "/pair").handler(ctx -> answer(ctx, c -> sponsors.pairOf(c, ctx.request().getParam("actor"))
        .compose(p -> p.isEmpty() ? Future.failedFuture(CoreException.notFound("no sponsor is paired with that member"))
            : Future.succeededFuture(pair(ApiCalls.object(), p.get())))));
    router.put(root + "/away").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      String actor;
      Boolean away;
      try {
        JsonNode body = Json.body(ctx);
        actor = Json.text(body, "actor", true);
        away = Json.bool(body, "away");
        if (away == null) {
          throw CoreException.badRequest("away is required: true or false");
        }
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, c -> sponsors.setAway(c, actor, away, ApiCalls.ADMIN).compose(v -> roster(c)));
    });
    router.put(root + "/pairing").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      Boolean on;
      try {
        on = Json.bool(Json.body(ctx), "enabled");
        if (on == null) {
          throw CoreException.badRequest("enabled is required: true or false");
        }
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, c -> sponsors.setPairing(c, on, ApiCalls.ADMIN).compose(v -> roster(c)));
    });
  }

  private Future<ObjectNode> roster(Community c) {
    return sponsors.pairing(c).compose(on -> sponsors.roster(c).compose(roster -> sponsors.pairs(c).map(pairs -> {
      ObjectNode out = ApiCalls.object().put("pairing", on);
      var list = out.putArray("sponsors");
      for (PairingStore.RosterEntry e : roster) {
        list.addObject().put("actor", e.actor()).put("away", e.away()).put("onRosterSince", time(e.addedAt()))
            .put("memberSince", time(e.memberSince())).put("load", e.load());
      }
      var p = out.putArray("pairs");
      pairs.forEach(x -> pair(p.addObject(), x));
      return out;
    })));
  }

  private static ObjectNode pair(ObjectNode o, PairingStore.Pair p) {
    o.put("newcomer", p.newcomer()).put("sponsor", p.sponsor()).put("pairedAt", time(p.pairedAt()))
        .put("firstPostAt", time(p.firstPostAt()));
    var offered = o.putArray("offered");
    p.offered().forEach(offered::add);
    return o;
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private void answer(RoutingContext ctx, Function<Community, Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, 200, json)).onFailure(ctx::fail);
  }
}
