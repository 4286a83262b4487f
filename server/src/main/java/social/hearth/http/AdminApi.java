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

/** The admin JSON API under {@code /api/v1/admin}, guarded by the bearer token. */
public final class AdminApi {

  private static final int BODY_LIMIT = 64 * 1024;

  private final byte[] token;
  private final CommunityService communities;
  private final Uris uris;
  private final String handleHost;

  public AdminApi(String token, CommunityService communities, Uris uris, String handleHost) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.communities = communities;
    this.uris = uris;
    this.handleHost = handleHost;
  }

  public void mount(Router router) {
    router.route("/api/v1/admin/*").handler(this::authenticate);
    router.post("/api/v1/admin/communities").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::create);
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
      body = JsonLimits.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (JsonLimits.InvalidJsonException e) {
      ctx.fail(ApiException.badRequest(e.getMessage()));
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
    n.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(c.createdAt().toInstant()));
    return n;
  }

  private static void send(RoutingContext ctx, int status, JsonNode body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.toString());
  }
}
