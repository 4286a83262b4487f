package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.format.DateTimeFormatter;
import social.hearth.apub.Uris;
import social.hearth.domain.Community;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.services.CommunityService;
import social.hearth.services.Curation;

/** The admin JSON API under {@code /api/v1/admin}, guarded by the bearer token. */
public final class AdminApi {

  private static final int BODY_LIMIT = 64 * 1024;

  private final byte[] token;
  private final CommunityService communities;
  private final Curation curation;
  private final Uris uris;
  private final String handleHost;

  public AdminApi(String token, CommunityService communities, Curation curation, Uris uris, String handleHost) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.communities = communities;
    this.curation = curation;
    this.uris = uris;
    this.handleHost = handleHost;
  }

  public void mount(Router router) {
    router.route("/api/v1/admin/*").handler(this::authenticate);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    router.post("/api/v1/admin/communities").handler(body).handler(this::create);
    router.get("/api/v1/admin/communities/:slug").handler(ctx -> communities.require(ctx.pathParam("slug"))
        .onSuccess(c -> send(ctx, 200, json(c))).onFailure(ctx::fail));
    router.patch("/api/v1/admin/communities/:slug").handler(body).handler(this::update);
    router.post("/api/v1/admin/communities/:slug/featured").handler(body).handler(this::pin);
    router.delete("/api/v1/admin/communities/:slug/featured").handler(this::unpin);
    router.get("/api/v1/admin/communities").handler(ctx -> communities.list().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(c -> out.add(json(c)));
      send(ctx, 200, out);
    }).onFailure(ctx::fail));
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(ApiException.unauthorized("send the admin token as 'Authorization: Bearer <HEARTH_ADMIN_TOKEN>'"));
      return;
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      ctx.fail(ApiException.unauthorized("the admin token is wrong"));
      return;
    }
    ctx.next();
  }

  private void create(RoutingContext ctx) {
    JsonNode body;
    try {
      body = parseBody(ctx);
    } catch (ApiException e) {
      ctx.fail(e);
      return;
    }
    String slug;
    String name;
    String summary;
    try {
      slug = text(body, "slug", true);
      name = text(body, "name", true);
      summary = text(body, "summary", false);
    } catch (ApiException e) {
      ctx.fail(e);
      return;
    }
    communities.create(slug, name, summary).onSuccess(c -> {
      ctx.response().putHeader("Location", uris.community(c.slug()));
      send(ctx, 201, json(c));
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    JsonNode body;
    String name;
    String summary;
    Boolean announceLikes;
    Boolean hideFollowers;
    try {
      body = parseBody(ctx);
      name = text(body, "name", false);
      summary = text(body, "summary", false);
      announceLikes = bool(body, "announceLikes");
      hideFollowers = bool(body, "hideFollowers");
    } catch (ApiException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug"))
        .compose(c -> curation.update(c, name, summary, announceLikes, hideFollowers))
        .onSuccess(c -> send(ctx, 200, json(c))).onFailure(ctx::fail);
  }

  private void pin(RoutingContext ctx) {
    String object;
    try {
      object = text(parseBody(ctx), "object", true);
    } catch (ApiException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> curation.pin(c, object))
        .onSuccess(added -> send(ctx, added ? 201 : 200, JsonLimits.MAPPER.createObjectNode().put("object", object)))
        .onFailure(ctx::fail);
  }

  private void unpin(RoutingContext ctx) {
    String object = ctx.request().getParam("object");
    if (object == null || object.isBlank()) {
      ctx.fail(ApiException.badRequest("the object parameter is required"));
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> curation.unpin(c, object))
        .onSuccess(removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(ApiException.notFound("that post is not pinned"));
          }
        }).onFailure(ctx::fail);
  }

  private static JsonNode parseBody(RoutingContext ctx) {
    try {
      return JsonLimits.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (JsonLimits.InvalidJsonException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static Boolean bool(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest(field + " must be true or false");
    }
    return v.asBoolean();
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiException.badRequest(field + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(field + " must be a string");
    }
    return v.asText();
  }

  private ObjectNode json(Community c) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    n.put("id", c.id());
    n.put("slug", c.slug());
    n.put("name", c.name());
    n.put("summary", c.summary());
    n.put("actor", uris.community(c.slug()));
    n.put("handle", "@" + c.slug() + "@" + handleHost);
    n.put("announceLikes", c.announceLikes());
    n.put("hideFollowers", c.hideFollowers());
    n.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(c.createdAt().toInstant()));
    return n;
  }

  private static void send(RoutingContext ctx, int status, JsonNode body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.toString());
  }
}
