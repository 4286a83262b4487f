package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.account.StaffAccounts;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.port.AccountStore;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Staff accounts ({@code GET}, {@code POST /api/v1/admin/accounts}; {@code POST .../accounts/{username}/disable},
 * {@code .../enable}, {@code .../password-reset}; {@code DELETE .../accounts/{username}}), their roles per community
 * ({@code GET .../staff}; {@code PUT}, {@code DELETE .../staff/{username}}) and invitations by a one-time link
 * ({@code GET}, {@code POST /api/v1/admin/staff-invitations}; {@code DELETE .../staff-invitations/{id}}).
 */
public final class StaffApi implements AdminApi.Feature {

  /** Who acts through the admin API, as the audit log records it. */
  private static final String BY = "admin";

  private final ApiCalls calls;
  private final AccountStore accounts;
  private final StaffAccounts staffAccounts;
  private final CommunityService communities;
  private final Uris uris;

  public StaffApi(ApiCalls calls, AccountStore accounts, StaffAccounts staffAccounts, CommunityService communities,
                  Uris uris) {
    this.calls = calls;
    this.accounts = accounts;
    this.staffAccounts = staffAccounts;
    this.communities = communities;
    this.uris = uris;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.COMMUNITY + "/staff").handler(ctx -> calls.inCommunity(ctx, (com, json) ->
        accounts.staff(com.id()).map(list -> {
          ArrayNode out = JsonLimits.MAPPER.createArrayNode();
          list.forEach(s -> out.addObject().put("username", s.username()).put("role", s.role()));
          return out;
        })));
    router.put(AdminApi.COMMUNITY + "/staff/:username").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::setRole);
    router.delete(AdminApi.COMMUNITY + "/staff/:username").handler(this::removeRole);
    router.post(AdminApi.ROOT + "/accounts").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::createAccount);
    router.get(AdminApi.ROOT + "/accounts").handler(ctx -> accounts.overview().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(a -> out.addObject().put("username", a.username()).put("instanceAdmin", a.instanceAdmin())
          .put("displayName", a.displayName()).put("disabled", a.disabled()).put("mustChangePassword", a.mustChangePassword()));
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail));
    router.post(AdminApi.ROOT + "/accounts/:username/disable").handler(ctx -> calls.run(ctx, b ->
        staffAccounts.disable(ctx.pathParam("username"), BY).map(v -> state(ctx.pathParam("username"), true))));
    router.post(AdminApi.ROOT + "/accounts/:username/enable").handler(ctx -> calls.run(ctx, b ->
        staffAccounts.enable(ctx.pathParam("username"), BY).map(v -> state(ctx.pathParam("username"), false))));
    router.post(AdminApi.ROOT + "/accounts/:username/password-reset").handler(ctx -> calls.run(ctx, b ->
        staffAccounts.resetPassword(ctx.pathParam("username"), BY).map(temporary -> (JsonNode) ApiCalls.object()
            .put("username", ctx.pathParam("username")).put("temporaryPassword", temporary).put("mustChangePassword", true))));
    router.delete(AdminApi.ROOT + "/accounts/:username").handler(ctx -> calls.run(ctx, b ->
        staffAccounts.delete(ctx.pathParam("username"), BY).map(v -> ApiCalls.ok())));
    router.get(AdminApi.ROOT + "/staff-invitations").handler(ctx -> calls.run(ctx, b -> staffAccounts.invitations().map(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(i -> invitationJson(out.addObject().put("id", i.id()), i.username(), i.instanceAdmin(), i.roles())
          .put("createdBy", i.createdBy()).put("expiresAt", i.expiresAt().toInstant().toString()));
      return out;
    })));
    router.post(AdminApi.ROOT + "/staff-invitations").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::invite);
    router.delete(AdminApi.ROOT + "/staff-invitations/:id").handler(ctx -> calls.run(ctx, b ->
        staffAccounts.revokeInvitation(ApiCalls.pathId(ctx), BY).map(v -> ApiCalls.ok())));
  }

  /** {@code {"username"?, "instanceAdmin"?, "roles"?: {"<slug>": "owner" | "moderator"}}} → 201 with the link. */
  private void invite(RoutingContext ctx) {
    Future<JsonNode> made;
    try {
      made = invitation(Json.body(ctx));
    } catch (CoreException e) {
      made = Future.failedFuture(e);
    }
    made.onSuccess(json -> Json.send(ctx, 201, json)).onFailure(ctx::fail);
  }

  private Future<JsonNode> invitation(JsonNode body) {
    String username = Json.text(body, "username", false);
    Boolean admin = Json.bool(body, "instanceAdmin");
    JsonNode roles = body.get("roles");
    if (roles != null && !roles.isNull() && !roles.isObject()) {
      throw CoreException.badRequest("roles is an object of community slug to owner or moderator");
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    if (roles != null && roles.isObject()) {
      roles.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText("").toLowerCase(Locale.ROOT)));
    }
    Future<Map<Community, String>> resolved = Future.succeededFuture(new LinkedHashMap<>());
    for (var e : wanted.entrySet()) {
      resolved = resolved.compose(m -> communities.require(e.getKey()).map(c -> {
        m.put(c, e.getValue());
        return m;
      }));
    }
    return resolved.compose(m -> staffAccounts.invite(username == null || username.isBlank() ? null
            : username.strip().toLowerCase(Locale.ROOT), admin != null && admin, m, BY))
        .map(inv -> (JsonNode) invitationJson(ApiCalls.object().put("id", inv.id()), username, admin != null && admin,
            wanted.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList())
            .put("link", uris.base() + "/staff/join/" + inv.token()).put("expiresAt", inv.expiresAt().toInstant().toString()));
  }

  private static ObjectNode invitationJson(ObjectNode o, String username, boolean admin, List<String[]> roles) {
    if (username == null || username.isBlank()) {
      o.putNull("username");
    } else {
      o.put("username", username);
    }
    o.put("instanceAdmin", admin);
    ObjectNode r = o.putObject("roles");
    roles.forEach(pair -> r.put(pair[0], pair[1]));
    return o;
  }

  private static JsonNode state(String username, boolean disabled) {
    return ApiCalls.object().put("username", username).put("disabled", disabled);
  }

  private void createAccount(RoutingContext ctx) {
    String username;
    String password;
    Boolean admin;
    try {
      JsonNode body = Json.body(ctx);
      username = Json.text(body, "username", true);
      password = Json.text(body, "password", true);
      admin = Json.bool(body, "instanceAdmin");
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    staffAccounts.create(username, password, admin != null && admin, BY)
        .onSuccess(a -> Json.send(ctx, 201, JsonLimits.MAPPER.createObjectNode().put("username", a.username())
            .put("instanceAdmin", a.instanceAdmin())))
        .onFailure(ctx::fail);
  }

  private void setRole(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    calls.inCommunity(ctx, (com, body) -> {
      String role = Json.text(body, "role", true).toLowerCase(Locale.ROOT);
      if (!role.equals("owner") && !role.equals("moderator")) {
        throw CoreException.badRequest("role must be owner or moderator");
      }
      return staffAccounts.setRole(username, com, role, BY).map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode()
          .put("username", username).put("role", role));
    });
  }

  private void removeRole(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    calls.inCommunity(ctx, (com, body) -> staffAccounts.setRole(username, com, "none", BY).map(done -> ApiCalls.ok()));
  }
}
