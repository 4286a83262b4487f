package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import java.time.OffsetDateTime;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.federation.vocab.JsonLimits;

/** Instance-wide bans of remote accounts: {@code POST /api/v1/admin/bans}, {@code DELETE /api/v1/admin/bans?actor=}. */
public final class InstanceBansApi implements AdminApi.Feature {

  private final ApiCalls calls;
  private final DomainPolicies domains;
  private final ActorResolver actors;

  public InstanceBansApi(ApiCalls calls, DomainPolicies domains, ActorResolver actors) {
    this.calls = calls;
    this.domains = domains;
    this.actors = actors;
  }

  @Override
  public void mount(Router router) {
    router.post(AdminApi.ROOT + "/bans").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.run(ctx, b -> {
      String reason = Json.text(b, "reason", false);
      OffsetDateTime until = Json.instant(b, "until");
      return actors.resolve(Json.text(b, "actor", true)).compose(actor -> domains.ban(actor, reason, until, "admin")
          .map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("actor", actor)));
    }));
    router.delete(AdminApi.ROOT + "/bans").handler(ctx -> calls.run(ctx, b -> actors.resolve(ctx.request().getParam("actor"))
        .compose(actor -> domains.unban(actor, "admin"))
        .compose(done -> ApiCalls.okOrNotFound(done, "that account is not banned"))));
  }
}
