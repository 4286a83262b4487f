package social.hearth.http;

import social.hearth.core.CoreException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.List;
import social.hearth.core.domain.AuditEntry;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.DomainPolicy;
import social.hearth.core.domain.DryRunResult;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.Report;
import social.hearth.core.moderation.QueueItem;
import social.hearth.core.moderation.Reason;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.core.moderation.AuditLog;
import social.hearth.core.moderation.DomainPolicies;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.Reports;
import social.hearth.core.community.CommunityService;

/**
 * Admin API for moderation: domain policies (with Mastodon CSV import/export), instance bans and allowlist mode,
 * community filters with dry-run, the moderation queue, post removal, reports, and the audit log.
 */
public final class ModerationApi {

  private static final int BODY_LIMIT = 1024 * 1024;

  private final CommunityService communities;
  private final Moderation moderation;
  private final Reports reports;
  private final MembershipApi members;

  public ModerationApi(CommunityService communities, Moderation moderation, Reports reports, MembershipApi members) {
    this.communities = communities;
    this.moderation = moderation;
    this.reports = reports;
    this.members = members;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    DomainPolicies domains = moderation.domains();
    router.get("/api/v1/admin/domains").handler(ctx -> domains.list().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(e -> out.addObject().put("domain", e.domain()).put("policy", e.policy().name().toLowerCase(Locale.ROOT))
          .put("reason", e.reason()).put("publicComment", e.publicComment()));
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail));
    router.get("/api/v1/admin/domains/export").handler(ctx -> domains.exportCsv().onSuccess(csv -> ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"domain_blocks.csv\"").end(csv)).onFailure(ctx::fail));
    router.post("/api/v1/admin/domains/import").handler(body).handler(ctx -> {
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
    });
    router.put("/api/v1/admin/domains/:domain").handler(body).handler(ctx -> handle(ctx, b -> {
      DomainPolicy.Policy policy = Json.choice(b, "policy", DomainPolicy.Policy.class);
      if (policy == null) {
        throw CoreException.badRequest("policy is required: block, limit or allow");
      }
      try {
        return domains.set(ctx.pathParam("domain"), policy, Json.text(b, "reason", false), Json.text(b, "publicComment", false), "admin")
            .map(n -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("domain", social.hearth.core.moderation.DomainNames.normalize(ctx.pathParam("domain")))
                .put("policy", policy.name().toLowerCase(Locale.ROOT)).put("membershipsEnded", n));
      } catch (IllegalArgumentException e) {
        throw CoreException.badRequest(e.getMessage());
      }
    }));
    router.delete("/api/v1/admin/domains/:domain").handler(ctx -> handle(ctx, b -> {
      try {
        return domains.remove(ctx.pathParam("domain"), "admin").compose(done -> done ? Future.succeededFuture(ok())
            : Future.failedFuture(CoreException.notFound("no policy for that domain")));
      } catch (IllegalArgumentException e) {
        throw CoreException.badRequest(e.getMessage());
      }
    }));
    router.patch("/api/v1/admin/instance").handler(body).handler(ctx -> handle(ctx, b -> {
      Boolean allowlist = Json.bool(b, "allowlistMode");
      if (allowlist == null) {
        throw CoreException.badRequest("allowlistMode (true or false) is required");
      }
      return domains.setAllowlistMode(allowlist, "admin").map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("allowlistMode", allowlist));
    }));
    router.post("/api/v1/admin/bans").handler(body).handler(ctx -> handle(ctx, b -> {
      String reason = Json.text(b, "reason", false);
      OffsetDateTime until = Json.instant(b, "until");
      return members.resolveActor(Json.text(b, "actor", true))
          .compose(actor -> domains.ban(actor, reason, until, "admin").map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("actor", actor)));
    }));
    router.delete("/api/v1/admin/bans").handler(ctx -> handle(ctx, b -> members.resolveActor(ctx.request().getParam("actor"))
        .compose(actor -> domains.unban(actor, "admin")).compose(done -> done ? Future.succeededFuture(ok())
            : Future.failedFuture(CoreException.notFound("that account is not banned")))));

    String c = "/api/v1/admin/communities/:slug";
    router.get(c + "/filters").handler(ctx -> community(ctx, (com, b) -> moderation.filters().list(com.id()).map(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(f -> out.add(filterJson(f)));
      return (JsonNode) out;
    })));
    router.post(c + "/filters").handler(body).handler(ctx -> community(ctx, (com, b) -> moderation.filters()
        .create(com.id(), Json.text(b, "kind", true), config(b), Json.text(b, "action", true), enabled(b)).map(ModerationApi::filterJson)));
    router.put(c + "/filters/:id").handler(body).handler(ctx -> community(ctx, (com, b) -> moderation.filters()
        .update(com.id(), id(ctx), Json.text(b, "kind", true), config(b), Json.text(b, "action", true), enabled(b))
        .map(ModerationApi::filterJson)));
    router.delete(c + "/filters/:id").handler(ctx -> community(ctx, (com, b) -> moderation.filters().delete(com.id(), id(ctx))
        .compose(done -> done ? Future.succeededFuture(ok()) : Future.failedFuture(CoreException.notFound("no such filter")))));
    router.post(c + "/filters/dry-run").handler(body).handler(ctx -> community(ctx, (com, b) -> {
      Integer days = Json.integer(b, "days", 1, 90);
      return moderation.dryRun(com, Json.text(b, "kind", true), config(b), Json.text(b, "action", true),
          days == null ? 7 : days).map(ModerationApi::dryRunJson);
    }));
    router.get(c + "/queue").handler(ctx -> community(ctx, (com, b) -> {
      String state = ctx.request().getParam("state", "held");
      if (!java.util.List.of("held", "accepted", "rejected", "approved", "declined").contains(state)) {
        throw CoreException.badRequest("state is held, accepted, rejected, approved or declined");
      }
      return moderation.queue(com.id(), state, 200).map(ModerationApi::queueJson);
    }));
    router.post(c + "/queue/:id/approve").handler(body).handler(ctx -> community(ctx, (com, b) ->
        moderation.approve(com, id(ctx), "admin").map(v -> ok())));
    router.post(c + "/queue/:id/reject").handler(body).handler(ctx -> community(ctx, (com, b) ->
        moderation.decline(com, id(ctx), Json.text(b, "notice", false), "admin").map(v -> ok())));
    router.post(c + "/posts/remove").handler(body).handler(ctx -> community(ctx, (com, b) ->
        moderation.removePost(com, Json.text(b, "object", true), Json.text(b, "reason", false), "admin").map(v -> ok())));

    router.get("/api/v1/admin/reports").handler(ctx -> {
      String slug = ctx.request().getParam("community");
      String state = ctx.request().getParam("state", "open");
      Future<Long> communityId = slug == null ? Future.succeededFuture(null) : communities.require(slug).map(Community::id);
      communityId.compose(id -> reports.list(id, state, 200)).onSuccess(list -> Json.send(ctx, 200, reportsJson(list)))
          .onFailure(ctx::fail);
    });
    router.post("/api/v1/admin/reports/:id/resolve").handler(body).handler(ctx -> handle(ctx, b -> {
      Reports.Action action = Json.choice(b, "action", Reports.Action.class);
      if (action == null) {
        throw CoreException.badRequest("action is required: remove_post, remove_member, ban_member or dismiss");
      }
      Boolean forward = Json.bool(b, "forward");
      long reportId = id(ctx);
      return reports.resolve(reportId, action, forward != null && forward, Json.text(b, "note", false), "admin")
          .map(state -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("id", reportId).put("state", state));
    }));

    router.get("/api/v1/admin/audit").handler(ctx -> {
      String slug = ctx.request().getParam("community");
      OffsetDateTime since;
      int limit;
      try {
        String s = ctx.request().getParam("since");
        since = s == null ? null : OffsetDateTime.parse(s);
        limit = Math.min(1000, Math.max(1, Integer.parseInt(ctx.request().getParam("limit", "100"))));
      } catch (DateTimeParseException | NumberFormatException e) {
        ctx.fail(CoreException.badRequest("since is an ISO-8601 date-time and limit a number up to 1000"));
        return;
      }
      Future<Long> communityId = slug == null ? Future.succeededFuture(null) : communities.require(slug).map(Community::id);
      communityId.compose(id -> moderation.audit().query(new AuditLog.Query(id, ctx.request().getParam("actor"),
              ctx.request().getParam("action"), ctx.request().getParam("target"), since, limit)))
          .onSuccess(list -> Json.send(ctx, 200, auditJson(list))).onFailure(ctx::fail);
    });
  }

  // ------------------------------------------------------------------ JSON forms of the moderation records

  /** A filter's configuration as the core takes it: JSON text, or null when none was sent. */
  private static String config(JsonNode b) {
    JsonNode config = b.get("config");
    return config == null ? null : config.toString();
  }

  private static JsonNode filterJson(Filter f) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode().put("id", f.id()).put("kind", f.kind())
        .put("action", f.action()).put("enabled", f.enabled()).put("updatedAt", f.updatedAt().toString());
    try {
      n.set("config", JsonLimits.MAPPER.readTree(f.config()));
    } catch (Exception e) {
      n.putObject("config");
    }
    return n;
  }

  private static JsonNode dryRunJson(DryRunResult r) {
    ObjectNode out = JsonLimits.MAPPER.createObjectNode();
    ArrayNode matches = JsonLimits.MAPPER.createArrayNode();
    for (DryRunResult.Match m : r.matches()) {
      matches.addObject().put("item", m.item()).put("object", m.object()).put("author", m.author()).put("was", m.was())
          .put("wouldBe", m.wouldBe()).put("reason", m.reason()).put("receivedAt", m.receivedAt().toString())
          .put("excerpt", m.excerpt());
    }
    out.put("days", r.days()).put("examined", r.examined()).put("matched", r.matched());
    out.set("matches", matches);
    return out;
  }

  private static JsonNode queueJson(List<QueueItem> items) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (QueueItem i : items) {
      ObjectNode n = out.addObject().put("id", i.id()).put("kind", i.kind()).put("object", i.objectId())
          .put("author", i.authorId()).put("content", i.content()).put("summary", i.summary())
          .put("state", i.state()).put("createdAt", i.createdAt().toString());
      n.put("decidedBy", i.decidedBy());
      ArrayNode reasons = n.putArray("reasons");
      i.reasons().forEach(r -> reasons.add(reasonJson(r)));
    }
    return out;
  }

  /** A reason as stored and shown: without its null fields. */
  private static ObjectNode reasonJson(Reason r) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    if (r.code() != null) {
      n.put("code", r.code());
    }
    if (r.message() != null) {
      n.put("message", r.message());
    }
    if (r.filterId() != null) {
      n.put("filterId", r.filterId());
    }
    if (r.action() != null) {
      n.put("action", r.action());
    }
    if (r.key() != null) {
      n.put("key", r.key());
    }
    if (r.args() != null) {
      ObjectNode args = n.putObject("args");
      r.args().forEach(args::put);
    }
    return n;
  }

  private static JsonNode reportsJson(List<Report> list) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (Report r : list) {
      ObjectNode n = out.addObject().put("id", r.id()).put("community", r.community()).put("reporter", r.reporterId())
          .put("comment", r.comment()).put("state", r.state()).put("source", r.source())
          .put("createdAt", r.createdAt().toString()).put("resolution", r.resolution())
          .put("resolvedBy", r.resolvedBy()).put("forwarded", r.forwarded());
      ArrayNode accounts = n.putArray("accounts");
      r.accounts().forEach(accounts::add);
      ArrayNode objects = n.putArray("objects");
      r.objects().forEach(objects::add);
    }
    return out;
  }

  private static JsonNode auditJson(List<AuditEntry> entries) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (AuditEntry e : entries) {
      ObjectNode n = out.addObject().put("id", e.id()).put("community", e.community()).put("actor", e.actor())
          .put("action", e.action()).put("target", e.target()).put("reason", e.reason())
          .put("rule", e.rule()).put("at", e.at().toString());
      n.set("detail", e.detail() == null ? null : JsonLimits.MAPPER.valueToTree(e.detail()));
    }
    return out;
  }

  private static boolean enabled(JsonNode b) {
    Boolean e = Json.bool(b, "enabled");
    return e == null || e;
  }

  private static long id(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw CoreException.badRequest("the id must be a number");
    }
  }

  private static JsonNode ok() {
    return JsonLimits.MAPPER.createObjectNode().put("ok", true);
  }

  private void handle(RoutingContext ctx, Function<JsonNode, Future<JsonNode>> work) {
    try {
      boolean empty = ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
      JsonNode b = empty ? JsonLimits.MAPPER.createObjectNode() : Json.body(ctx);
      work.apply(b).onSuccess(json -> Json.send(ctx, 200, json)).onFailure(ctx::fail);
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  private void community(RoutingContext ctx, java.util.function.BiFunction<Community, JsonNode, Future<JsonNode>> work) {
    handle(ctx, b -> communities.require(ctx.pathParam("slug")).compose(com -> {
      try {
        return work.apply(com, b);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }));
  }
}
