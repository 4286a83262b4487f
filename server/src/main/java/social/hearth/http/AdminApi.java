package social.hearth.http;

import social.hearth.core.CoreException;
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
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;

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
        .onSuccess(c -> Json.send(ctx, 200, json(c))).onFailure(ctx::fail));
    router.patch("/api/v1/admin/communities/:slug").handler(body).handler(this::update);
    router.post("/api/v1/admin/communities/:slug/featured").handler(body).handler(this::pin);
    router.delete("/api/v1/admin/communities/:slug/featured").handler(this::unpin);
    router.get("/api/v1/admin/communities").handler(ctx -> communities.list().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(c -> out.add(json(c)));
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail));
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(CoreException.unauthorized("send the admin token as 'Authorization: Bearer <HEARTH_ADMIN_TOKEN>'"));
      return;
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      ctx.fail(CoreException.unauthorized("the admin token is wrong"));
      return;
    }
    ctx.next();
  }

  private void create(RoutingContext ctx) {
    JsonNode body;
    try {
      body = Json.body(ctx);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    String slug;
    String name;
    String summary;
    try {
      slug = Json.text(body, "slug", true);
      name = Json.text(body, "name", true);
      summary = Json.text(body, "summary", false);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.create(slug, name, summary).onSuccess(c -> {
      ctx.response().putHeader("Location", uris.community(c.slug()));
      Json.send(ctx, 201, json(c));
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    CommunityStore.Changes changes;
    try {
      JsonNode body = Json.body(ctx);
      changes = new CommunityStore.Changes(Json.text(body, "name", false), Json.text(body, "summary", false),
          Json.bool(body, "announceLikes"), Json.bool(body, "hideFollowers"),
          Json.choice(body, "joinPolicy", Community.JoinPolicy.class),
          Json.choice(body, "postingPolicy", Community.PostingPolicy.class), Json.bool(body, "membersMayReply"),
          Json.text(body, "joinQuestion", false), Json.text(body, "welcomeMessage", false),
          Json.integer(body, "newcomerDays", 0, 365), Json.integer(body, "reminderDays", 0, 90));
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug"))
        .compose(c -> curation.update(c, changes))
        .onSuccess(c -> Json.send(ctx, 200, json(c))).onFailure(ctx::fail);
  }

  private void pin(RoutingContext ctx) {
    String object;
    try {
      object = Json.text(Json.body(ctx), "object", true);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> curation.pin(c, object))
        .onSuccess(added -> Json.send(ctx, added ? 201 : 200, JsonLimits.MAPPER.createObjectNode().put("object", object)))
        .onFailure(ctx::fail);
  }

  private void unpin(RoutingContext ctx) {
    String object = ctx.request().getParam("object");
    if (object == null || object.isBlank()) {
      ctx.fail(CoreException.badRequest("the object parameter is required"));
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(c -> curation.unpin(c, object))
        .onSuccess(removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(CoreException.notFound("that post is not pinned"));
          }
        }).onFailure(ctx::fail);
  }




  ObjectNode json(Community c) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    n.put("id", c.id());
    n.put("slug", c.slug());
    n.put("name", c.name());
    n.put("summary", c.summary());
    n.put("actor", uris.community(c.slug()));
    n.put("handle", "@" + c.slug() + "@" + handleHost);
    n.put("announceLikes", c.announceLikes());
    n.put("hideFollowers", c.hideFollowers());
    n.put("joinPolicy", c.joinPolicy().name().toLowerCase(java.util.Locale.ROOT));
    n.put("postingPolicy", c.postingPolicy().name().toLowerCase(java.util.Locale.ROOT));
    n.put("membersMayReply", c.membersMayReply());
    n.put("joinQuestion", c.joinQuestion());
    n.put("welcomeMessage", c.welcomeMarkdown());
    n.put("newcomerDays", c.newcomerDays());
    n.put("reminderDays", c.reminderDays());
    n.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(c.createdAt().toInstant()));
    return n;
  }

}
