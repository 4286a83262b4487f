package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.DomainNames;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Domain policies ({@code GET /domains}; {@code PUT}, {@code DELETE /domains/{domain}}), Mastodon CSV blocklists
 * ({@code GET /domains/export}, {@code POST /domains/import}) and allowlist mode ({@code PATCH /instance}).
 */
public final class DomainPoliciesApi implements AdminApi.Feature {

  private final ApiCalls calls;
  private final DomainPolicies domains;

  public DomainPoliciesApi(ApiCalls calls, DomainPolicies domains) {
    this.calls = calls;
    this.domains = domains;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.ROOT + "/domains").handler(ctx -> domains.list().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(e -> out.addObject().put("domain", e.domain()).put("policy", e.policy().name().toLowerCase(Locale.ROOT))
          .put("reason", e.reason()).put("publicComment", e.publicComment()));
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail));
    router.get(AdminApi.ROOT + "/domains/export").handler(ctx -> domains.exportCsv().onSuccess(csv -> ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"domain_blocks.csv\"").end(csv)).onFailure(ctx::fail));
    router.post(AdminApi.ROOT + "/domains/import").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(this::importCsv);
    router.put(AdminApi.ROOT + "/domains/:domain").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(this::set);
    router.delete(AdminApi.ROOT + "/domains/:domain").handler(this::remove);
    router.patch(AdminApi.ROOT + "/instance").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.run(ctx, b -> {
      Boolean allowlist = Json.bool(b, "allowlistMode");
      if (allowlist == null) {
        throw CoreException.badRequest("allowlistMode (true or false) is required");
      }
      return domains.setAllowlistMode(allowlist, "admin")
          .map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("allowlistMode", allowlist));
    }));
  }

  private void importCsv(RoutingContext ctx) {
    String csv = ctx.body().asString();
    if (csv == null || csv.isBlank()) {
      ctx.fail(CoreException.badRequest("send the CSV as the request body"));
      return;
    }
    domains.importCsv(csv, "admin").onSuccess(r -> {
      ObjectNode out = JsonLimits.MAPPER.createObjectNode().put("applied", r.applied());
      ArrayNode skipped = out.putArray("skipped");
      r.skipped().forEach(skipped::add);
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail);
  }

  private void set(RoutingContext ctx) {
    String domain = ctx.pathParam("domain");
    calls.run(ctx, b -> {
      social.hearth.core.domain.DomainPolicy.Policy policy = Json.choice(b, "policy", social.hearth.core.domain.DomainPolicy.Policy.class);
      if (policy == null) {
        throw CoreException.badRequest("policy is required: block, limit or allow");
      }
      try {
        return domains.set(domain, policy, Json.text(b, "reason", false), Json.text(b, "publicComment", false), "admin")
            .map(n -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("domain", DomainNames.normalize(domain))
                .put("policy", policy.name().toLowerCase(Locale.ROOT)).put("membershipsEnded", n));
      } catch (IllegalArgumentException e) {
        throw CoreException.badRequest(e.getMessage());
      }
    });
  }

  private void remove(RoutingContext ctx) {
    String domain = ctx.pathParam("domain");
    calls.run(ctx, b -> {
      try {
        return domains.remove(domain, "admin").compose(done -> ApiCalls.okOrNotFound(done, "no policy for that domain"));
      } catch (IllegalArgumentException e) {
        throw CoreException.badRequest(e.getMessage());
      }
    });
  }
}
