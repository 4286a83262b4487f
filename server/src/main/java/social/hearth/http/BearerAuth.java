package social.hearth.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import social.hearth.core.CoreException;

/** Lets a request through only with {@code Authorization: Bearer <admin token>}, compared in constant time. */
public final class BearerAuth implements Handler<RoutingContext> {

  private final byte[] token;

  public BearerAuth(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
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
}
