package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.domain.WikiRevision;
import social.hearth.core.wiki.Wiki;
import social.hearth.core.wiki.WikiText;

/**
 * The community's wiki (docs/admin-api.md, "Wiki"): {@code PUT /wiki/{name}} saves a page (201 when new, 200 when a
 * revision was added), {@code GET /wiki} lists the pages, {@code GET /wiki/{name}} gives one, {@code GET
 * /wiki/{name}/revisions} its history, {@code GET /wiki/{name}/diff?from=&to=} the lines that changed, {@code POST
 * /wiki/{name}/revert} restores a revision and {@code POST /wiki/{name}/move} renames the page.
 */
public final class WikiApi implements AdminApi.Feature {

  /** Who the audit log and the revisions record for the admin token. */
  private static final String BY = "admin";
  /** A page of 100,000 characters in a script of several bytes a character, as JSON. */
  private static final int BODY = 1024 * 1024;

  private final CommunityService communities;
  private final Wiki wiki;

  public WikiApi(CommunityService communities, Wiki wiki) {
    this.communities = communities;
    this.wiki = wiki;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/wiki";
    router.get(root).handler(ctx -> answer(ctx, c -> wiki.list(c).map(list -> {
      ArrayNode out = ApiCalls.object().arrayNode();
      list.forEach(p -> out.add(page(c, p)));
      return out;
    })));
    router.put(root + "/:name").handler(ApiCalls.body(BODY)).handler(this::save);
    router.get(root + "/:name").handler(ctx -> answer(ctx, c -> wiki.page(c, ctx.pathParam("name"))
        .map(p -> page(c, p).put("content", p.content()))));
    router.get(root + "/:name/revisions").handler(ctx -> answer(ctx, c -> wiki.revisions(c, ctx.pathParam("name"))
        .map(list -> {
          ArrayNode out = ApiCalls.object().arrayNode();
          list.forEach(r -> out.add(revision(r)));
          return out;
        })));
    router.get(root + "/:name/diff").handler(this::diff);
    router.post(root + "/:name/revert").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::revert);
    router.post(root + "/:name/move").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::move);
  }

  private void save(RoutingContext ctx) {
    String content;
    String summary;
    Boolean announced;
    try {
      JsonNode body = Json.body(ctx);
      content = Json.text(body, "content", true);
      summary = Json.text(body, "summary", false);
      announced = Json.bool(body, "announced");
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> wiki.save(c, ctx.pathParam("name"), content, summary, BY)
        .compose(s -> announced == null ? Future.succeededFuture(s)
            : wiki.announced(c, s.page().name(), announced, BY).map(p -> new Wiki.Saved(p, s.created())))
        .map(s -> {
          ObjectNode out = saved(c, s.page());
          return new Object[] {s.created() ? 201 : 200, out};
        }))
        .onSuccess(r -> Json.send(ctx, (Integer) r[0], (JsonNode) r[1])).onFailure(ctx::fail);
  }

  private void revert(RoutingContext ctx) {
    Integer number;
    try {
      number = Json.integer(Json.body(ctx), "revision", 1, Integer.MAX_VALUE);
      if (number == null) {
        throw CoreException.badRequest("revision is required: the number of the revision to restore");
      }
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, c -> wiki.revert(c, ctx.pathParam("name"), number, BY).map(s -> saved(c, s.page())));
  }

  private void move(RoutingContext ctx) {
    String name;
    try {
      name = Json.text(Json.body(ctx), "name", true);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, c -> wiki.move(c, ctx.pathParam("name"), name, BY).map(p -> saved(c, p)));
  }

  private void diff(RoutingContext ctx) {
    int from;
    int to;
    try {
      from = Integer.parseInt(ctx.queryParams().get("from"));
      to = Integer.parseInt(ctx.queryParams().get("to"));
    } catch (NumberFormatException e) {
      ctx.fail(CoreException.badRequest("from and to are required: two revision numbers"));
      return;
    }
    answer(ctx, c -> wiki.diff(c, ctx.pathParam("name"), from, to).map(lines -> {
      ArrayNode out = ApiCalls.object().arrayNode();
      for (WikiText.DiffLine l : lines) {
        out.addObject().put("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT)).put("text", l.text());
      }
      return out;
    }));
  }

  private ObjectNode saved(Community c, WikiPage p) {
    ObjectNode out = ApiCalls.object();
    out.put("url", wiki.wire().pageUrl(c, p.name()));
    out.put("id", wiki.wire().pageIri(c, p.id()));
    out.put("revision", p.revision());
    return out;
  }

  private ObjectNode page(Community c, WikiPage p) {
    ObjectNode out = saved(c, p);
    out.put("name", p.name());
    out.put("announced", p.announced());
    out.put("updated", p.updatedAt().toInstant().toString());
    return out;
  }

  private static ObjectNode revision(WikiRevision r) {
    ObjectNode out = ApiCalls.object();
    out.put("revision", r.number());
    out.put("author", r.author());
    out.put("summary", r.summary());
    out.put("created", r.createdAt().toInstant().toString());
    return out;
  }

  private void answer(RoutingContext ctx, Function<Community, Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, 200, json)).onFailure(ctx::fail);
  }
}
