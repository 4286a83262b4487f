package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.authoring.CommunityPosts;
import social.hearth.core.authoring.Images;
import social.hearth.core.authoring.Schedules;
import social.hearth.core.authoring.Writing;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.PostImage;
import social.hearth.core.domain.PostSchedule;

/**
 * The community's own posts and recurring posts: {@code /api/v1/admin/communities/{slug}/posts} and
 * {@code /schedules} (docs/admin-api.md). Images come in the JSON body as base64 with their alt text.
 */
public final class PostsApi implements AdminApi.Feature {

  /** Four images of the largest size in base64, and the text. */
  static final int BODY_LIMIT = Images.MAX_PER_POST * (Images.MAX_BYTES / 3 * 4 + 4) + 256 * 1024;
  /**
   * Bodies of posts are read with a larger string limit than other JSON (an image's base64 is a long string); the
   * body's size is capped before ({@link #BODY_LIMIT}) and the nesting as everywhere.
   */
  private static final com.fasterxml.jackson.databind.ObjectMapper POST_JSON = new com.fasterxml.jackson.databind.ObjectMapper(
      com.fasterxml.jackson.core.JsonFactory.builder().streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints
          .builder().maxNestingDepth(social.hearth.federation.vocab.JsonLimits.MAX_DEPTH)
          .maxStringLength(Images.MAX_BYTES / 3 * 4 + 8).build()).build());
  /** Who the audit log records for the admin token. */
  private static final String BY = "admin";

  private final CommunityService communities;
  private final CommunityPosts posts;
  private final Schedules schedules;
  private final Uris uris;

  public PostsApi(CommunityService communities, CommunityPosts posts, Schedules schedules, Uris uris) {
    this.communities = communities;
    this.posts = posts;
    this.schedules = schedules;
    this.uris = uris;
  }

  @Override
  public void mount(Router router) {
    String root = AdminApi.COMMUNITY + "/posts";
    router.post(root).handler(ApiCalls.body(BODY_LIMIT)).handler(this::create);
    router.get(root).handler(ctx -> answer(ctx, 200, c -> posts.list(c).map(list -> list(c, list))));
    router.get(root + "/:key").handler(ctx -> answer(ctx, 200, c -> posts.get(c, ctx.pathParam("key"))
        .map(p -> post(c, p, List.of()))));
    router.patch(root + "/:key").handler(ApiCalls.body(BODY_LIMIT)).handler(this::edit);
    router.delete(root + "/:key").handler(ctx -> communities.require(ctx.pathParam("slug"))
        .compose(c -> posts.delete(c, ctx.pathParam("key"), BY))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    String schedulesRoot = AdminApi.COMMUNITY + "/schedules";
    router.post(schedulesRoot).handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::schedule);
    router.get(schedulesRoot).handler(ctx -> answer(ctx, 200, c -> schedules.list(c).map(list -> {
      ObjectNode out = ApiCalls.object();
      ArrayNode items = out.putArray("items");
      list.forEach(s -> items.add(schedule(s)));
      return out;
    })));
    router.patch(schedulesRoot + "/:key").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(ctx -> {
      Boolean paused;
      try {
        paused = Json.bool(Json.body(ctx), "paused");
        if (paused == null) {
          throw CoreException.badRequest("paused (true or false) is required");
        }
      } catch (CoreException e) {
        ctx.fail(e);
        return;
      }
      answer(ctx, 200, c -> schedules.setPaused(c, ctx.pathParam("key"), paused, BY).map(this::schedule));
    });
    router.delete(schedulesRoot + "/:key").handler(ctx -> communities.require(ctx.pathParam("slug"))
        .compose(c -> schedules.delete(c, ctx.pathParam("key"), BY))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
  }

  private void create(RoutingContext ctx) {
    CommunityPosts.Draft draft;
    try {
      draft = draft(body(ctx), true);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, 201, c -> posts.create(c, draft, BY).map(w -> post(c, w.post(), w.unresolved())));
  }

  private void edit(RoutingContext ctx) {
    CommunityPosts.Draft draft;
    try {
      draft = draft(body(ctx), false);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, 200, c -> posts.edit(c, ctx.pathParam("key"), draft, BY).map(w -> post(c, w.post(), w.unresolved())));
  }

  private void schedule(RoutingContext ctx) {
    Schedules.Draft draft;
    try {
      JsonNode body = Json.body(ctx);
      draft = new Schedules.Draft(Json.text(body, "content", true), Json.text(body, "summary", false),
          Json.text(body, "language", false), Json.text(body, "as", false), Json.text(body, "rrule", true),
          Json.text(body, "timezone", true));
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, 201, c -> schedules.create(c, draft, BY).map(this::schedule));
  }

  private void answer(RoutingContext ctx, int status,
                      java.util.function.Function<Community, io.vertx.core.Future<? extends JsonNode>> work) {
    communities.require(ctx.pathParam("slug")).compose(c -> work.apply(c).<JsonNode>map(j -> j))
        .onSuccess(json -> Json.send(ctx, status, json)).onFailure(ctx::fail);
  }

  private static JsonNode body(RoutingContext ctx) {
    try {
      JsonNode body = POST_JSON.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
      if (body == null || !body.isObject()) {
        throw CoreException.badRequest("the body must be a JSON object");
      }
      return body;
    } catch (java.io.IOException e) {
      throw CoreException.badRequest(e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
          ? "a string in the body is too long (an image over " + Images.MAX_BYTES / (1024 * 1024) + " MB?)"
          : "the body is not valid JSON");
    }
  }

  /** The draft in a body; on an edit ({@code create} false) absent fields stay as they are. */
  static CommunityPosts.Draft draft(JsonNode body, boolean create) {
    String content = Json.text(body, "content", create);
    List<CommunityPosts.ImageInput> images = null;
    JsonNode list = body.get("images");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw CoreException.badRequest("images must be an array of {\"data\": \"<base64>\", \"alt\": \"...\"}");
      }
      images = new ArrayList<>();
      for (JsonNode i : list) {
        if (!i.isObject()) {
          throw CoreException.badRequest("each image must be {\"data\": \"<base64>\", \"alt\": \"...\"}");
        }
        String alt = Json.text(i, "alt", false);
        String key = Json.text(i, "key", false);
        String data = Json.text(i, "data", key == null);
        byte[] bytes = null;
        if (data != null) {
          try {
            bytes = Base64.getMimeDecoder().decode(data);
          } catch (IllegalArgumentException e) {
            throw CoreException.badRequest("an image's data is not valid base64");
          }
        }
        images.add(new CommunityPosts.ImageInput(data == null ? key : null, bytes, alt));
      }
    }
    OffsetDateTime publishAt = Json.instant(body, "publishAt");
    String visibility = Json.text(body, "visibility", false);
    if (visibility != null && !visibility.equals("public") && !visibility.equals("members")) {
      throw CoreException.badRequest("visibility must be one of: public, members");
    }
    return new CommunityPosts.Draft(content, Json.text(body, "summary", false), Json.text(body, "language", false),
        Json.text(body, "as", false), Json.bool(body, "pin"), publishAt, images,
        visibility == null ? null : visibility.equals("members"));
  }

  private ObjectNode list(Community c, List<AuthoredPost> list) {
    ObjectNode out = ApiCalls.object();
    ArrayNode items = out.putArray("items");
    list.forEach(p -> items.add(post(c, p, List.of())));
    return out;
  }

  private ObjectNode post(Community c, AuthoredPost p, List<String> unresolved) {
    ObjectNode o = ApiCalls.object();
    o.put("id", p.iri());
    o.put("key", p.key());
    o.put("state", switch (p.state()) {
      case PUBLISHED -> "published";
      case FAILED -> "failed";
      case DELETED -> "deleted";
      default -> "scheduled";
    });
    o.put("as", p.asCommunity() ? Writing.AS_COMMUNITY : p.author());
    o.put("content", p.markdown());
    o.put("summary", p.summary());
    o.put("language", p.language());
    o.put("pin", p.pin());
    o.put("visibility", p.membersOnly() ? "members" : "public");
    o.put("publishAt", p.publishAt() == null ? null : p.publishAt().toString());
    o.put("publishedAt", p.publishedAt() == null ? null : p.publishedAt().toString());
    o.put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toString());
    o.put("url", p.postId() == null ? null : uris.communityPost(c.slug(), p.postId()));
    o.put("html", p.body().html());
    ArrayNode tags = o.putArray("hashtags");
    p.body().hashtags().forEach(tags::add);
    ArrayNode mentions = o.putArray("mentions");
    p.body().mentions().forEach(m -> mentions.addObject().put("handle", m.handle()).put("id", m.id()));
    ArrayNode images = o.putArray("images");
    for (PostImage i : p.images()) {
      images.addObject().put("key", i.key()).put("url", uris.postImage(c.slug(), i.key())).put("mediaType", i.contentType())
          .put("alt", i.alt()).put("width", i.width()).put("height", i.height());
    }
    if (p.lastError() != null) {
      o.put("error", p.lastError());
    }
    ArrayNode warnings = o.putArray("warnings");
    unresolved.forEach(h -> warnings.add(h + " was not found: it is left as text, not a mention"));
    return o;
  }

  private ObjectNode schedule(PostSchedule s) {
    ObjectNode o = ApiCalls.object();
    o.put("key", s.key());
    o.put("as", s.asCommunity() ? Writing.AS_COMMUNITY : s.author());
    o.put("content", s.markdown());
    o.put("summary", s.summary());
    o.put("language", s.language());
    o.put("rrule", s.rrule());
    o.put("timezone", s.timezone());
    o.put("paused", s.paused());
    o.put("nextAt", s.nextAt() == null ? null : s.nextAt().toString());
    o.put("lastAt", s.lastAt() == null ? null : s.lastAt().toString());
    return o;
  }
}
