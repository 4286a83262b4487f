package social.hearth.http;

import social.hearth.core.CoreException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.WebhookDeliveries;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.core.community.CommunityService;
import social.hearth.core.membership.Membership;

/**
 * The payment webhook: {@code POST /api/v1/hooks/communities/{slug}/membership}, so a payment provider (or a
 * script in between) keeps memberships current. Authenticated by HMAC-SHA256 with the community's secret over
 * {@code <timestamp>.<body>}, sent as {@code X-Hearth-Signature: sha256=<hex>} with {@code X-Hearth-Timestamp}
 * (Unix seconds, within five minutes), and {@code X-Hearth-Delivery}, a unique id per delivery (required, 400
 * without it): a retry with the same id, or the same signed request replayed under another id, is answered
 * {@code duplicate} and applied once.
 */
public final class WebhookApi {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookApi.class);
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final CommunityService communities;
  private final CommunityStore store;
  private final WebhookDeliveries deliveries;
  private final Membership membership;
  private final ActorResolver actors;
  private final Clock clock;

  public WebhookApi(CommunityService communities, CommunityStore store, WebhookDeliveries deliveries,
                    Membership membership, ActorResolver actors, Clock clock) {
    this.communities = communities;
    this.store = store;
    this.deliveries = deliveries;
    this.membership = membership;
    this.actors = actors;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/v1/hooks/communities/:slug/membership").handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
        .handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String timestamp = ctx.request().getHeader("X-Hearth-Timestamp");
    String signature = ctx.request().getHeader("X-Hearth-Signature");
    String delivery = ctx.request().getHeader("X-Hearth-Delivery");
    communities.require(ctx.pathParam("slug"))
        .compose(c -> store.webhookSecret(c.id()).compose(secret -> {
          if (secret.isEmpty()) {
            return Future.failedFuture(new CoreException(CoreException.Kind.FORBIDDEN, "webhook_disabled",
                "this community has no webhook secret; create one with POST /api/v1/admin/communities/{slug}/webhook-secret"));
          }
          authenticate(secret.get(), timestamp, signature, raw);
          if (delivery == null || delivery.length() > 200 || delivery.isBlank()) {
            throw CoreException.badRequest("send X-Hearth-Delivery: a unique id for each delivery, 1 to 200 characters "
                + "(retries repeat it), so that no request is applied twice");
          }
          JsonNode body = Json.body(ctx);
          String member = Json.text(body, "member", true);
          OffsetDateTime until = Json.instant(body, "expiresAt");
          Integer addDays = Json.integer(body, "addDays", 1, 3650);
          if ((until == null) == (addDays == null)) {
            throw CoreException.badRequest("give exactly one of expiresAt or addDays");
          }
          return deliveries.first(c.id(), delivery, signature.substring(7).trim().toLowerCase(java.util.Locale.ROOT))
              .compose(first -> {
            if (!first) {
              return Future.succeededFuture(JsonLimits.MAPPER.createObjectNode().put("status", "duplicate"));
            }
            return actors.resolve(member).compose(actor -> apply(c, actor, until, addDays));
          });
        }))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(e -> {
          LOG.info("payment webhook for {} refused: {}", ctx.pathParam("slug"), e.getMessage());
          ctx.fail(e);
        });
  }

  private void authenticate(String secret, String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
      throw CoreException.unauthorized("send X-Hearth-Timestamp and X-Hearth-Signature: sha256=<hex HMAC of timestamp.body>");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw CoreException.unauthorized("X-Hearth-Timestamp must be Unix seconds");
    }
    if (Math.abs(clock.instant().getEpochSecond() - seconds) > WINDOW.toSeconds()) {
      throw CoreException.unauthorized("X-Hearth-Timestamp is more than five minutes from our clock");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(7).trim());
    } catch (IllegalArgumentException e) {
      throw CoreException.unauthorized("the signature is not hexadecimal");
    }
    if (!MessageDigest.isEqual(given, hmac(secret, timestamp.trim(), body))) {
      throw CoreException.unauthorized("the signature does not match");
    }
  }

  /** HMAC-SHA256 over {@code timestamp + "." + body}. */
  public static byte[] hmac(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private Future<JsonNode> apply(Community c, String actor, OffsetDateTime until, Integer addDays) {
    return membership.members().find(c.id(), actor).compose(m -> {
      if (m.isPresent() && m.get().accepted()) {
        return membership.renew(c, actor, until, addDays, "webhook").map(end -> (JsonNode) JsonLimits.MAPPER.createObjectNode()
            .put("status", "renewed").put("member", actor).put("expiresAt", end == null ? null : end.toInstant().toString()));
      }
      OffsetDateTime grant = until != null ? until : OffsetDateTime.now(clock).plusDays(addDays);
      return membership.preapprove(c, actor, grant, "webhook").map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode()
          .put("status", m.isPresent() ? "approved" : "pre-approved").put("member", actor)
          .put("expiresAt", grant.toInstant().toString()));
    });
  }
}
