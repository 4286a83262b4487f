package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Poll;
import social.hearth.core.polls.Polls;

/**
 * The community's polls: {@code POST /api/v1/admin/communities/{slug}/polls} asks a question (published at once as
 * a Question), {@code GET /polls} lists them and {@code GET /polls/{key}} gives one with its counts
 * (docs/admin-api.md).
 */
public final class PollsApi implements AdminApi.Feature {

  /** Who the audit log records for the admin token. */
  private static final String BY = "admin";

  private final CommunityService communities;
  private final Polls polls;
  private final Uris uris;
  private final Clock clock;

  public PollsApi(CommunityService communities, Polls polls, Uris uris, Clock clock) {
    this.communities = communities;
    this.polls = polls;
    this.uris = uris;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/polls";
    router.post(root).handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::create);
    router.get(root).handler(ctx -> answer(ctx, 200, c -> polls.list(c).map(list -> {
      ObjectNode out = ApiCalls.object();
      ArrayNode items = out.putArray("items");
      list.forEach(p -> items.add(poll(c, p)));
      return out;
    })));
    router.get(root + "/:key").handler(ctx -> answer(ctx, 200, c -> polls.get(c, ctx.pathParam("key"))
        .map(p -> poll(c, p))));
  }

  private void create(RoutingContext ctx) {
    Polls.Draft draft;
    try {
      JsonNode body = Json.body(ctx);
      draft = new Polls.Draft(Json.text(body, "question", true), options(body), Json.bool(body, "multiple"),
          Json.instant(body, "endTime"), Json.bool(body, "membersOnly"), Json.text(body, "as", false));
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, 201, c -> polls.create(c, draft, BY).map(p -> poll(c, p)));
  }

  private static List<String> options(JsonNode body) {
    JsonNode v = body.get("options");
    if (v == null || v.isNull()) {
      throw CoreException.badRequest("options is required: a list of 2 to " + Polls.MAX_OPTIONS + " answers");
    }
    if (!v.isArray()) {
      throw CoreException.badRequest("options must be a list of strings");
    }
    if (v.size() > Polls.MAX_OPTIONS) {
      throw new CoreException(CoreException.Kind.INVALID, "poll.options.many",
          "options: a poll can have at most " + Polls.MAX_OPTIONS + " options");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode o : v) {
      if (!o.isTextual()) {
        throw CoreException.badRequest("options must be a list of strings");
      }
      out.add(o.asText());
    }
    return out;
  }

  private ObjectNode poll(Community c, Poll p) {
    ObjectNode out = ApiCalls.object();
    out.put("id", p.iri());
    out.put("key", p.key());
    out.put("question", p.question());
    ArrayNode options = out.putArray("options");
    for (int i = 0; i < p.options().size(); i++) {
      options.addObject().put("name", p.options().get(i)).put("votes", p.votes().get(i));
    }
    out.put("multiple", p.multiple());
    out.put("membersOnly", p.membersOnly());
    out.put("voters", p.voters());
    out.put("endTime", p.endTime() == null ? null : p.endTime().toInstant().toString());
    out.put("closed", p.closed(OffsetDateTime.now(clock)));
    out.put("as", p.asCommunity() ? "community" : p.author());
    if (p.postId() != null) {
      out.put("url", uris.communityPost(c.slug(), p.postId()));
    }
    return out;
  }

  private void answer(RoutingContext ctx, int status, Function<Community, Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, status, json)).onFailure(ctx::fail);
  }
}
