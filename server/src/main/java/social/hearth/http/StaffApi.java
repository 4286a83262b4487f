package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import social.hearth.core.CoreException;
import social.hearth.core.account.StaffAccounts;
import social.hearth.core.port.AccountStore;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Staff accounts ({@code GET}, {@code POST /api/v1/admin/accounts}) and their roles per community
 * ({@code GET .../staff}; {@code PUT}, {@code DELETE .../staff/{username}}).
 */
public final class StaffApi implements AdminApi.Feature {

  private final ApiCalls calls;
  private final AccountStore accounts;
  private final StaffAccounts staffAccounts;

  public StaffApi(ApiCalls calls, AccountStore accounts, StaffAccounts staffAccounts) {
    this.calls = calls;
    this.accounts = accounts;
    this.staffAccounts = staffAccounts;
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
    router.get(AdminApi.ROOT + "/accounts").handler(ctx -> accounts.list().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(a -> out.addObject().put("username", a.username()).put("instanceAdmin", a.instanceAdmin()));
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail));
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
    staffAccounts.create(username, password, admin != null && admin)
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
      return accounts.byUsername(username).compose(a -> a.isEmpty()
          ? Future.failedFuture(noSuchAccount(username))
          : accounts.setRole(a.get().id(), com.id(), role).map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode()
              .put("username", a.get().username()).put("role", role)));
    });
  }

  private void removeRole(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    calls.inCommunity(ctx, (com, body) -> accounts.byUsername(username).compose(a -> a.isEmpty()
        ? Future.failedFuture(noSuchAccount(username))
        : accounts.removeRole(a.get().id(), com.id()).map(done -> ApiCalls.ok())));
  }

  private static CoreException noSuchAccount(String username) {
    return CoreException.notFound("no staff account '" + username + "'");
  }
}
