package social.hearth.apub;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/** Writing ActivityStreams documents to a response. */
final class ApJson {

  private ApJson() {}

  static boolean wanted(RoutingContext ctx) {
    return As.isActivityJson(ctx.request().getHeader("accept"));
  }

  static Future<String> write(Object value) {
    try {
      return Future.succeededFuture(JsonLimits.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      return Future.failedFuture(e);
    }
  }

  static void send(RoutingContext ctx, Object value) {
    try {
      ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON)
          .putHeader("Access-Control-Allow-Origin", "*")
          .end(JsonLimits.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
