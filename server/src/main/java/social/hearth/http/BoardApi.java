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
import social.hearth.core.board.Board;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.BoardIdea;
import social.hearth.core.domain.Community;

/**
 * The feedback board (docs/admin-api.md, "Feedback board"): {@code GET /board?status=} lists the ideas by votes,
 * {@code PUT /board/{key}} sets an idea's status with a comment (published as the community's reply to the idea),
 * {@code GET} and {@code PUT /board/settings} read and set the idea hashtags.
 */
public final class BoardApi implements AdminApi.Feature {

  private static final String BY = "admin";

  private final CommunityService communities;
  private final Board board;

  public BoardApi(CommunityService communities, Board board) {
    this.communities = communities;
    this.board = board;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/board";
    router.get(root).handler(this::list);
    router.get(root + "/settings").handler(ctx -> answer(ctx, c -> board.hashtags(c).map(BoardApi::settings)));
    router.put(root + "/settings").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::settings);
    router.get(root + "/:key").handler(ctx -> answer(ctx, c -> board.get(c, ctx.pathParam("key")).map(BoardApi::idea)));
    router.put(root + "/:key").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::status);
  }

  private void list(RoutingContext ctx) {
    String raw = ctx.queryParams().get("status");
    BoardIdea.Status status = raw == null || raw.isBlank() ? null : BoardIdea.Status.parse(raw);
    if (raw != null && !raw.isBlank() && status == null) {
      ctx.fail(new CoreException(CoreException.Kind.INVALID, "board.status",
          "status: one of new, under_review, planned, done, declined"));
      return;
    }
    answer(ctx, c -> board.list(c, status).map(list -> {
      ArrayNode out = ApiCalls.object().arrayNode();
      list.forEach(i -> out.add(idea(i)));
      return out;
    }));
  }

  private void status(RoutingContext ctx) {
    String status;
    String comment;
    try {
      JsonNode body = Json.body(ctx);
      status = Json.text(body, "status", true);
      comment = Json.text(body, "comment", false);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, c -> board.setStatus(c, ctx.pathParam("key"), status, comment, BY).map(BoardApi::idea));
  }

  private void settings(RoutingContext ctx) {
    List<String> tags = new ArrayList<>();
    try {
      JsonNode v = Json.body(ctx).get("hashtags");
      if (v == null || !v.isArray()) {
        throw CoreException.badRequest("hashtags is required: a list like [\"idea\", \"идея\"]");
      }
      for (JsonNode t : v) {
        if (!t.isTextual()) {
          throw CoreException.badRequest("hashtags must be a list of strings");
        }
        tags.add(t.asText());
      }
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, c -> board.setHashtags(c, tags, BY).map(BoardApi::settings));
  }

  private static ObjectNode settings(List<String> tags) {
    ObjectNode out = ApiCalls.object();
    ArrayNode a = out.putArray("hashtags");
    tags.forEach(a::add);
    return out;
  }

  static ObjectNode idea(BoardIdea i) {
    ObjectNode out = ApiCalls.object();
    out.put("key", i.key());
    out.put("object", i.objectId());
    out.put("author", i.author());
    out.put("votes", i.votes());
    out.put("status", i.status().wire());
    out.put("comment", i.comment());
    out.put("excerpt", i.excerpt());
    out.put("created", i.createdAt().toInstant().toString());
    return out;
  }

  private void answer(RoutingContext ctx, Function<Community, Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, 200, json)).onFailure(ctx::fail);
  }
}
