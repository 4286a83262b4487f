package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.Locale;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.Warning;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.Sanctions;
import social.hearth.core.moderation.Warnings;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Members and join requests: the listing (pending requests or accepted members, 100 a page), one membership's
 * history, and the actions on a membership ({@code POST .../members/{action}}: approve or reject a request,
 * remove, ban (optionally removing their posts of the last {@code removePostsDays} days) or unban, set the role, change
 * the expiry), and warnings ({@code POST .../members/warn}: 201 with the warning).
 */
public final class MembersApi implements AdminApi.Feature {

  static final int PAGE = 100;

  private final ApiCalls calls;
  private final Membership membership;
  private final ActorResolver actors;
  private final CommunityService communities;
  private final Warnings warnings;
  private final Sanctions sanctions;

  public MembersApi(ApiCalls calls, CommunityService communities, Membership membership, ActorResolver actors,
                    Warnings warnings, Sanctions sanctions) {
    this.calls = calls;
    this.communities = communities;
    this.membership = membership;
    this.actors = actors;
    this.warnings = warnings;
    this.sanctions = sanctions;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.COMMUNITY + "/members").handler(this::list);
    router.get(AdminApi.COMMUNITY + "/members/history").handler(this::history);
    router.post(AdminApi.COMMUNITY + "/members/warn").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::warn);
    router.post(AdminApi.COMMUNITY + "/members/:action").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::act);
  }

  private void list(RoutingContext ctx) {
    String stateParam = ctx.request().getParam("state", "accepted");
    Member.State state;
    ApiCalls.Page page;
    try {
      state = Member.State.valueOf(stateParam.toUpperCase(Locale.ROOT));
      page = ApiCalls.Page.of(ctx, PAGE);
    } catch (IllegalArgumentException e) {
      ctx.fail(CoreException.badRequest("state is pending or accepted; page is a positive number"));
      return;
    }
    calls.inCommunity(ctx, (com, body) -> membership.members().list(com.id(), state, page.offset(), page.size()).map(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      for (Member m : list) {
        ObjectNode n = out.addObject().put("actor", m.actorId()).put("state", m.state().name().toLowerCase(Locale.ROOT))
            .put("role", m.role().name().toLowerCase(Locale.ROOT)).put("joinedAt", m.joinedAt().toInstant().toString());
        n.put("answer", m.answer());
        n.put("acceptedAt", m.acceptedAt() == null ? null : m.acceptedAt().toInstant().toString());
        n.put("expiresAt", m.expiresAt() == null ? null : m.expiresAt().toInstant().toString());
      }
      return out;
    }));
  }

  private void history(RoutingContext ctx) {
    String actor = ctx.request().getParam("actor");
    calls.inCommunity(ctx, (com, body) -> actors.resolve(actor).compose(a -> membership.members().history(com.id(), a)).map(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(e -> out.addObject().put("type", e[0]).put("detail", e[1]).put("by", e[2]).put("at", e[3]));
      return out;
    }));
  }

  private void act(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    calls.inCommunity(ctx, (com, body) -> actors.resolve(Json.text(body, "actor", true))
        .compose(actor -> act(com, actor, action, body)));
  }

  private Future<JsonNode> act(Community com, String actor, String action, JsonNode body) {
    return switch (action) {
      case "approve" -> membership.approve(com, actor, "admin").map(v -> ApiCalls.ok());
      case "reject" -> membership.reject(com, actor, "admin").map(v -> ApiCalls.ok());
      case "remove" -> membership.remove(com, actor, Json.text(body, "reason", false), "admin").map(v -> ApiCalls.ok());
      case "ban" -> {
        Integer days = Json.integer(body, "removePostsDays", 0, Sanctions.MAX_DAYS);
        yield days == null
            ? membership.ban(com, actor, Json.text(body, "reason", false), Json.instant(body, "until"), "admin")
                .map(v -> ApiCalls.ok())
            : sanctions.banAndRemove(com, actor, Json.text(body, "reason", false), Json.instant(body, "until"), days,
                "admin").map(n -> (JsonNode) ApiCalls.object().put("ok", true).put("removedPosts", n));
      }
      case "unban" -> membership.unban(com, actor, "admin").map(v -> ApiCalls.ok());
      case "role" -> {
        Member.Role role = Json.choice(body, "role", Member.Role.class);
        if (role == null) {
          throw CoreException.badRequest("role is required: member or moderator");
        }
        yield membership.setRole(com, actor, role, "admin").map(v -> ApiCalls.ok());
      }
      case "expiry" -> {
        Integer add = Json.integer(body, "addDays", 1, 3650);
        OffsetDateTime until = Json.instant(body, "expiresAt");
        if (add != null && until != null) {
          throw CoreException.badRequest("give either expiresAt or addDays, not both");
        }
        yield membership.renew(com, actor, until, add, "admin").map(end -> (JsonNode) ApiCalls.object()
            .put("expiresAt", end == null ? null : end.toInstant().toString()));
      }
      default -> throw CoreException.notFound("no member action '" + action + "'");
    };
  }

  /** {@code {"actor", "rule": <number>, "note"}}: 201 with the warning. */
  private void warn(RoutingContext ctx) {
    JsonNode body;
    String who;
    Integer rule;
    String note;
    try {
      body = Json.body(ctx);
      who = Json.text(body, "actor", true);
      rule = Json.integer(body, "rule", 1, 1_000);
      note = Json.text(body, "note", false);
      if (rule == null) {
        throw CoreException.badRequest("rule is required: the number of the rule broken (1 for the first rule)");
      }
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(com -> actors.resolve(who)
            .compose(actor -> warnings.warn(com, actor, rule, note, "admin", null)))
        .onSuccess(w -> Json.send(ctx, 201, warning(w))).onFailure(ctx::fail);
  }

  /** A warning as the admin API shows it. */
  static ObjectNode warning(Warning w) {
    ObjectNode n = ApiCalls.object().put("id", w.id()).put("actor", w.actorId()).put("rule", w.ruleNumber())
        .put("ruleText", w.ruleText()).put("note", w.note()).put("by", w.byWhom()).put("message", w.messageIri())
        .put("warn", w.warnIri());
    n.put("createdAt", w.at() == null ? null : w.at().toInstant().toString());
    return n;
  }
}
