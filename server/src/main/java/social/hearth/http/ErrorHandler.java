package social.hearth.http;

import social.hearth.core.CoreException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The one failure handler: {@link CoreException} becomes its status with {@code {"error", "message"}}; Vert.x
 * status failures (413 from the body limit, 404, 405) keep their status; anything else is logged with its cause
 * and answered 500 with no detail.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String code;
    String message;
    if (failure instanceof CoreException api) {
      status = switch (api.kind()) {
        case INVALID -> 400;
        case UNAUTHORIZED -> 401;
        case FORBIDDEN -> 403;
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case UNPROCESSABLE -> 422;
        case UNSUPPORTED_TYPE -> 415;
        case RATE_LIMITED -> 429;
        case GONE -> 410;
      };
      code = api.code();
      message = api.getMessage();
    } else if (failure instanceof HttpException http) {
      status = http.getStatusCode();
      code = codeFor(status);
      message = messageFor(status);
    } else if (failure == null && ctx.statusCode() > 0) {
      status = ctx.statusCode();
      code = codeFor(status);
      message = messageFor(status);
    } else {
      status = 500;
      code = "internal_error";
      message = "something went wrong on this server; it has been logged";
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    if (status == 413) {
      LOG.info("{} {} refused: body larger than allowed", ctx.request().method(), ctx.request().path());
    }
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ObjectNode body = JsonLimits.MAPPER.createObjectNode().put("error", code).put("message", message);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.toString());
  }

  private static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      default -> status >= 500 ? "internal_error" : "error";
    };
  }

  private static String messageFor(int status) {
    return switch (status) {
      case 404 -> "nothing here";
      case 405 -> "method not allowed here";
      case 413 -> "the request body is too large";
      case 415 -> "unsupported content type";
      default -> "the request failed";
    };
  }
}
