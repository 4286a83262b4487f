package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Achievement;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Level;
import social.hearth.core.recognition.Achievements;

/**
 * Levels and achievements in the admin API (issue 18, docs/admin-api.md), under
 * {@code /api/v1/admin/communities/{slug}}: {@code GET}, {@code PUT /levels}; {@code GET}, {@code POST /achievements},
 * {@code PUT}, {@code DELETE /achievements/{key}} (a default one is switched on or off, the staff's deleted);
 * {@code GET /achievements/earned?actor=}; {@code GET}, {@code PUT /announcements}.
 */
public final class AchievementsApi implements AdminApi.Feature {

  private static final String BY = ApiCalls.ADMIN;

  private final CommunityService communities;
  private final Achievements achievements;

  public AchievementsApi(CommunityService communities, Achievements achievements) {
    this.communities = communities;
    this.achievements = achievements;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY;
    router.get(root + "/levels").handler(ctx -> answer(ctx, 200, c -> achievements.levels(c).map(AchievementsApi::levels)));
    router.put(root + "/levels").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      List<Level> asked;
      try {
        asked = levels(list(ctx));
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> achievements.saveLevels(c, asked, BY).map(AchievementsApi::levels));
    });
    router.get(root + "/achievements").handler(ctx -> answer(ctx, 200, c -> achievements.achievements(c, c.language())
        .map(list -> {
          ArrayNode out = ApiCalls.object().arrayNode();
          list.forEach(a -> achievement(out.addObject(), a));
          return out;
        })));
    router.post(root + "/achievements").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      String fact;
      Long threshold;
      String name;
      String description;
      try {
        JsonNode body = Json.body(ctx);
        fact = Json.text(body, "fact", true);
        JsonNode t = body.get("threshold");
        if (t == null || !t.canConvertToLong() || !t.isIntegralNumber()) {
          throw CoreException.badRequest("threshold is required: a whole number");
        }
        threshold = t.asLong();
        name = Json.text(body, "name", true);
        description = Json.text(body, "description", false);
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 201, c -> achievements.add(c, fact, threshold, name, description, BY)
          .map(a -> achievement(ApiCalls.object(), a)));
    });
    router.get(root + "/achievements/earned").handler(ctx -> answer(ctx, 200, c -> achievements.levels(c)
        .compose(levels -> achievements.achievements(c, c.language()).compose(list -> achievements
            .earned(c, ctx.request().getParam("actor")).map(earned -> {
              ArrayNode out = ApiCalls.object().arrayNode();
              earned.forEach(e -> out.addObject().put("key", e.key())
                  .put("name", Achievements.title(e.key(), list, levels)).put("at", e.at().toInstant().toString()));
              return out;
            })))));
    router.delete(root + "/achievements/:key").handler(ctx -> communities.require(ctx.pathParam("slug"))
        .compose(c -> achievements.delete(c, ctx.pathParam("key"), BY))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    router.put(root + "/achievements/:key").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      boolean on;
      try {
        JsonNode v = Json.body(ctx).get("on");
        if (v == null || !v.isBoolean()) {
          throw CoreException.badRequest("on is required: true or false (a default achievement switched on or off)");
        }
        on = v.asBoolean();
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> achievements.switchDefault(c, ctx.pathParam("key"), on, BY)
          .map(a -> achievement(ApiCalls.object(), a)));
    });
    router.get(root + "/announcements").handler(ctx -> answer(ctx, 200, c -> achievements.announce(c)
        .map(m -> ApiCalls.object().put("announce", m))));
    router.put(root + "/announcements").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      String mode;
      try {
        mode = Json.text(Json.body(ctx), "announce", true);
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> achievements.saveAnnounce(c, mode, BY).map(m -> ApiCalls.object().put("announce", m)));
    });
  }

  /** A body that is a JSON list, parsed with the same limits as every other body. */
  private static JsonNode list(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw CoreException.badRequest("the body must be a list of levels: [{\"points\": 0, \"name\": \"...\"}]");
    }
    try {
      return social.hearth.federation.vocab.JsonLimits.parseValue(body);
    } catch (social.hearth.federation.vocab.JsonLimits.InvalidJsonException e) {
      throw CoreException.badRequest(e.getMessage());
    }
  }

  /** The body of {@code PUT /levels}: {@code [{"points", "name", "skipProbation", "skipSlowMode"}]}. */
  static List<Level> levels(JsonNode body) {
    if (body == null || !body.isArray()) {
      throw CoreException.badRequest("the body must be a list of levels: [{\"points\": 0, \"name\": \"...\"}]");
    }
    if (body.size() > Achievements.MAX_LEVELS) {
      throw CoreException.badRequest("at most " + Achievements.MAX_LEVELS + " levels");
    }
    List<Level> out = new ArrayList<>();
    for (JsonNode l : body) {
      int n = out.size() + 1;
      if (!l.isObject()) {
        throw CoreException.badRequest("level " + n + " must be an object with points and name");
      }
      JsonNode p = l.get("points");
      if (p == null || !p.isIntegralNumber() || !p.canConvertToLong()) {
        throw CoreException.badRequest("level " + n + ": points is required, a whole number");
      }
      String name = Json.text(l, "name", false);
      Boolean probation = Json.bool(l, "skipProbation");
      Boolean slow = Json.bool(l, "skipSlowMode");
      out.add(new Level(n, p.asLong(), name, Boolean.TRUE.equals(probation), Boolean.TRUE.equals(slow)));
    }
    return out;
  }

  private static ArrayNode levels(List<Level> levels) {
    ArrayNode out = ApiCalls.object().arrayNode();
    levels.forEach(l -> out.addObject().put("level", l.number()).put("points", l.points()).put("name", l.name())
        .put("skipProbation", l.skipProbation()).put("skipSlowMode", l.skipSlowMode()));
    return out;
  }

  private static ObjectNode achievement(ObjectNode o, Achievement a) {
    return o.put("key", a.key()).put("fact", a.fact()).put("threshold", a.threshold()).put("name", a.name())
        .put("description", a.description()).put("builtin", a.builtin()).put("on", !a.off());
  }

  private void answer(RoutingContext ctx, int status, Function<Community, Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, status, json)).onFailure(ctx::fail);
  }
}
