package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.BiFunction;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The shape most admin API handlers share: read the JSON body (an empty body reads as {@code {}}), find the
 * community named in the path, run the work and answer 200 with its JSON. Every failure, thrown or returned, goes
 * to {@link ErrorHandler}.
 */
public final class ApiCalls {

  /** The body limit of the membership and community routes. */
  public static final int SMALL_BODY = 64 * 1024;
  /** The body limit of the moderation routes (a blocklist CSV can be long). */
  public static final int LARGE_BODY = 1024 * 1024;

  /** Who acts through the admin API, as the audit log records it. */
  public static final String ADMIN = "admin";

  private final CommunityService communities;
  private final AuditLog audit;

  public ApiCalls(CommunityService communities) {
    this(communities, AuditLog.discarding());
  }

  public ApiCalls(CommunityService communities, AuditLog audit) {
    this.communities = communities;
    this.audit = audit;
  }

  /** The audit log, where the API records the staff actions whose use case does not. */
  public AuditLog audit() {
    return audit;
  }

  public static BodyHandler body(int limit) {
    return BodyHandler.create(false).setBodyLimit(limit);
  }

  /** Runs {@code work} with the parsed body and sends its JSON with 200. */
  public void run(RoutingContext ctx, Function<JsonNode, Future<? extends JsonNode>> work) {
    Future<? extends JsonNode> result;
    try {
      result = work.apply(Json.bodyOrEmpty(ctx));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    result.onSuccess(json -> Json.send(ctx, 200, json)).onFailure(ctx::fail);
  }

  /** Runs {@code work} for the community named in the path, with the parsed body, and sends its JSON with 200. */
  public void inCommunity(RoutingContext ctx, BiFunction<Community, JsonNode, Future<? extends JsonNode>> work) {
    run(ctx, body -> communities.require(ctx.pathParam("slug")).compose(com -> work.apply(com, body)));
  }

  /** The id of the community with this slug, or null when no slug is given. */
  public Future<Long> communityId(String slug) {
    return slug == null ? Future.succeededFuture(null) : communities.require(slug).map(Community::id);
  }

  /** {@code {"ok": true}}. */
  public static JsonNode ok() {
    return JsonLimits.MAPPER.createObjectNode().put("ok", true);
  }

  public static ObjectNode object() {
    return JsonLimits.MAPPER.createObjectNode();
  }

  /** The numeric path parameter {@code :id}; a 400 when it is not a number. */
  public static long pathId(RoutingContext ctx) {
    return pathId(ctx, "the id must be a number");
  }

  /** The numeric path parameter {@code :id}; a 400 with {@code message} when it is not a number. */
  public static long pathId(RoutingContext ctx, String message) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw CoreException.badRequest(message);
    }
  }

  /** Fails with 404 and {@code message} unless {@code done}; otherwise {@code {"ok": true}}. */
  public static Future<JsonNode> okOrNotFound(boolean done, String message) {
    return done ? Future.succeededFuture(ok()) : Future.failedFuture(CoreException.notFound(message));
  }

  /** Page {@code number} (from 1) of a listing in pages of {@code size}. */
  public record Page(int number, int size) {

    /** The {@code page} query parameter (default 1); NumberFormatException unless it is 1 to 100000. */
    public static Page of(RoutingContext ctx, int size) {
      int number = Integer.parseInt(ctx.request().getParam("page", "1"));
      if (number < 1 || number > 100_000) {
        throw new NumberFormatException();
      }
      return new Page(number, size);
    }

    public int offset() {
      return (number - 1) * size;
    }
  }
}
