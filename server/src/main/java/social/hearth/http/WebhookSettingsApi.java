package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import social.hearth.apub.Uris;
import social.hearth.core.port.CommunityStore;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The payment webhook's settings: {@code POST /api/v1/admin/communities/{slug}/webhook-secret} makes a new secret
 * (the old one stops working) and answers it with the webhook's URL. The webhook itself is {@link WebhookApi}.
 */
public final class WebhookSettingsApi implements AdminApi.Feature {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiCalls calls;
  private final CommunityStore communities;
  private final Uris uris;

  public WebhookSettingsApi(ApiCalls calls, CommunityStore communities, Uris uris) {
    this.calls = calls;
    this.communities = communities;
    this.uris = uris;
  }

  @Override
  public void mount(Router router) {
    router.post(AdminApi.COMMUNITY + "/webhook-secret").handler(this::newSecret);
  }

  private void newSecret(RoutingContext ctx) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    calls.inCommunity(ctx, (com, body) -> communities.setWebhookSecret(com.id(), secret).map(v -> (JsonNode)
        JsonLimits.MAPPER.createObjectNode().put("secret", secret).put("url", uris.membershipWebhook(com.slug()))));
  }
}
