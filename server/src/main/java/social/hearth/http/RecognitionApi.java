package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.CommunityDay;
import social.hearth.core.domain.LedgerEntry;
import social.hearth.core.port.LedgerStore;
import social.hearth.core.recognition.Insights;
import social.hearth.core.recognition.Recognition;

/**
 * Recognition and insight in the admin API (issue 18, docs/admin-api.md): {@code /leaderboard}, {@code /points},
 * {@code /leaders}, {@code /sponsors}, {@code /analytics} and the weights in {@code /recognition}, under
 * {@code /api/v1/admin/communities/{slug}}.
 */
public final class RecognitionApi implements AdminApi.Feature {

  private static final String BY = ApiCalls.ADMIN;

  private final CommunityService communities;
  private final Recognition recognition;
  private final Insights insights;
  private final Clock clock;

  public RecognitionApi(CommunityService communities, Recognition recognition, Insights insights, Clock clock) {
    this.communities = communities;
    this.recognition = recognition;
    this.insights = insights;
    this.clock = clock;
  }

  private social.hearth.core.recognition.Trends trends;

  /** With the trends (retention, topics, posts, hours) added to {@code GET /analytics}. */
  public RecognitionApi withTrends(social.hearth.core.recognition.Trends trends) {
    this.trends = trends;
    return this;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY;
    router.get(root + "/leaderboard").handler(ctx -> answer(ctx, 200, c -> recognition
        .board(c, Recognition.Period.parse(ctx.request().getParam("period")), false).map(list -> {
          ArrayNode out = ApiCalls.object().arrayNode();
          list.forEach(b -> out.addObject().put("actor", b.actor()).put("points", b.points()).put("level", b.level())
              .put("levelName", b.levelName()));
          return out;
        })));
    router.get(root + "/points").handler(ctx -> {
      String actor = ctx.request().getParam("actor");
      answer(ctx, 200, c -> recognition.history(c, actor).compose(entries -> recognition.total(c, actor)
          .compose(total -> recognition.level(c, total).map(level -> {
        ObjectNode out = ApiCalls.object().put("actor", actor.strip()).put("total", total)
            .put("level", level.number());
        ArrayNode items = out.putArray("entries");
        entries.forEach(e -> entry(items.addObject(), e));
        return out;
      }))));
    });
    router.post(root + "/points").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      String actor;
      Integer points;
      String reason;
      try {
        JsonNode body = Json.body(ctx);
        actor = Json.text(body, "actor", true);
        points = Json.integer(body, "points", -Recognition.MAX_POINTS, Recognition.MAX_POINTS);
        if (points == null) {
          throw CoreException.badRequest("points is required: a whole number, negative to take points away");
        }
        reason = Json.text(body, "reason", true);
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 201, c -> recognition.award(c, actor, points, reason, BY).map(e -> entry(ApiCalls.object(), e)));
    });
    router.get(root + "/leaders").handler(ctx -> answer(ctx, 200, c -> recognition.leaders(c).map(list -> {
      ArrayNode out = ApiCalls.object().arrayNode();
      list.forEach(l -> {
        ObjectNode o = out.addObject().put("actor", l.actor()).put("newcomersAnswered", l.newcomersAnswered());
        if (l.medianResponseSeconds() == null) {
          o.putNull("medianResponseSeconds");
        } else {
          o.put("medianResponseSeconds", l.medianResponseSeconds());
        }
        o.put("replies", l.replies()).put("events", l.events());
      });
      return out;
    })));
    router.get(root + "/sponsors").handler(ctx -> answer(ctx, 200, c -> insights.sponsors(c).map(RecognitionApi::actors)));
    router.put(root + "/sponsors").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      List<String> list = new ArrayList<>();
      try {
        JsonNode v = Json.body(ctx).get("actors");
        if (v == null || !v.isArray()) {
          throw CoreException.badRequest("actors is required: a list of actor IRIs");
        }
        for (JsonNode a : v) {
          if (!a.isTextual()) {
            throw CoreException.badRequest("actors must be a list of strings");
          }
          list.add(a.asText());
        }
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> insights.setSponsors(c, list, BY).map(RecognitionApi::actors));
    });
    router.get(root + "/analytics").handler(ctx -> {
      LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
      LocalDate from;
      LocalDate to;
      try {
        to = Insights.date("to", ctx.request().getParam("to"), today);
        from = Insights.date("from", ctx.request().getParam("from"), to.minusDays(29));
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> insights.figures(c, from, to).compose(f -> trends == null ? Future.succeededFuture(figures(f))
          : trends.of(c, from, to).map(t -> TrendsJson.add(figures(f), t))));
    });
    router.get(root + "/recognition").handler(ctx -> answer(ctx, 200, c -> recognition.settings(c)
        .map(RecognitionApi::settings)));
    router.put(root + "/recognition").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      Map<String, Integer> weights;
      Map<String, Integer> caps;
      Boolean board;
      try {
        JsonNode body = Json.body(ctx);
        weights = ints(body, "weights");
        caps = ints(body, "caps");
        board = Json.bool(body, "publicBoard");
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> recognition.settings(c).compose(old -> recognition.saveSettings(c, new LedgerStore.Settings(
              weights == null ? old.weights() : weights, caps == null ? old.caps() : caps,
              board == null ? old.publicBoard() : board), BY))
          .map(RecognitionApi::settings));
    });
  }

  static ObjectNode figures(Insights.Figures f) {
    ObjectNode out = ApiCalls.object();
    ArrayNode days = out.putArray("days");
    for (CommunityDay d : f.days()) {
      days.addObject().put("date", d.date().toString()).put("joins", d.joins()).put("leaves", d.leaves())
          .put("removals", d.removals()).put("members", d.members()).put("postsAccepted", d.postsAccepted())
          .put("postsHeld", d.postsHeld()).put("postsRefused", d.postsRefused())
          .put("activeMembers7d", d.activeMembers7d());
    }
    if (f.newcomerReplyMedianSeconds() == null) {
      out.putNull("newcomerReplyMedianSeconds");
    } else {
      out.put("newcomerReplyMedianSeconds", f.newcomerReplyMedianSeconds());
    }
    return out;
  }

  private static Map<String, Integer> ints(JsonNode body, String field) {
    Map<String, Integer> out = new LinkedHashMap<>();
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw CoreException.badRequest(field + " must be an object of kind: whole number");
    }
    v.fields().forEachRemaining(e -> {
      if (!e.getValue().isInt()) {
        throw CoreException.badRequest(field + "." + e.getKey() + " must be a whole number");
      }
      out.put(e.getKey(), e.getValue().asInt());
    });
    return out;
  }

  private static ObjectNode settings(LedgerStore.Settings s) {
    ObjectNode out = ApiCalls.object();
    ObjectNode weights = out.putObject("weights");
    ObjectNode caps = out.putObject("caps");
    Recognition.DEFAULTS.forEach((kind, d) -> {
      weights.put(kind, s.weights().getOrDefault(kind, d[0]));
      caps.put(kind, s.caps().getOrDefault(kind, d[1]));
    });
    return out.put("publicBoard", s.publicBoard());
  }

  private static ObjectNode actors(List<String> list) {
    ObjectNode out = ApiCalls.object();
    ArrayNode a = out.putArray("actors");
    list.forEach(a::add);
    return out;
  }

  private static ObjectNode entry(ObjectNode o, LedgerEntry e) {
    o.put("id", e.id()).put("points", e.points()).put("kind", e.kind()).put("source", e.source())
        .put("post", e.post()).put("fromActor", e.fromActor()).put("reason", e.reason()).put("by", e.byWhom());
    if (e.reverses() != null) {
      o.put("reverses", e.reverses());
    }
    return o.put("at", e.at().toInstant().toString());
  }

  private void answer(RoutingContext ctx, int status, Function<Community, Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, status, json)).onFailure(ctx::fail);
  }
}
