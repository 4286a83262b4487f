package social.hearth.http;

import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Invite;
import social.hearth.core.domain.Account;
import social.hearth.core.CoreException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import social.hearth.apub.Uris;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.RuleStore;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.federation.webfinger.WebFingerClient;
import social.hearth.core.community.CommunityService;
import social.hearth.core.membership.Membership;
import social.hearth.core.account.Passwords;

/**
 * Admin API for membership: requests and members, roles, bans, expiry, rules, invites, pre-approved handles, the
 * payment webhook's secret, and staff accounts. Mounted under {@code /api/v1/admin}, behind the admin token.
 */
public final class MembershipApi {

  private static final int BODY_LIMIT = 64 * 1024;
  private static final int PAGE = 100;
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final CommunityService communities;
  private final CommunityStore communityStore;
  private final Membership membership;
  private final RuleStore rules;
  private final InviteStore invites;
  private final AccountStore accounts;
  private final WebFingerClient webfinger;
  private final Uris uris;

  public MembershipApi(Vertx vertx, CommunityService communities, CommunityStore communityStore, Membership membership,
                       RuleStore rules, InviteStore invites, AccountStore accounts, WebFingerClient webfinger, Uris uris) {
    this.vertx = vertx;
    this.communities = communities;
    this.communityStore = communityStore;
    this.membership = membership;
    this.rules = rules;
    this.invites = invites;
    this.accounts = accounts;
    this.webfinger = webfinger;
    this.uris = uris;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    String c = "/api/v1/admin/communities/:slug";
    router.get(c + "/members").handler(this::listMembers);
    router.get(c + "/members/history").handler(this::history);
    router.post(c + "/members/:action").handler(body).handler(this::memberAction);
    router.get(c + "/rules").handler(ctx -> community(ctx, (com, json) -> rules.list(com.id()).map(MembershipApi::rulesJson)));
    router.put(c + "/rules").handler(body).handler(this::replaceRules);
    router.get(c + "/invites").handler(ctx -> community(ctx, (com, json) -> invites.list(com.id()).map(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(i -> out.add(inviteJson(com, i)));
      return out;
    })));
    router.post(c + "/invites").handler(body).handler(this::createInvite);
    router.delete(c + "/invites/:id").handler(this::revokeInvite);
    router.post(c + "/preapproved").handler(body).handler(this::preapprove);
    router.post(c + "/webhook-secret").handler(this::newWebhookSecret);
    router.get(c + "/staff").handler(ctx -> community(ctx, (com, json) -> accounts.staff(com.id()).map(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(s -> out.addObject().put("username", s.username()).put("role", s.role()));
      return out;
    })));
    router.put(c + "/staff/:username").handler(body).handler(this::setStaffRole);
    router.delete(c + "/staff/:username").handler(this::removeStaffRole);
    router.post("/api/v1/admin/accounts").handler(body).handler(this::createAccount);
    router.get("/api/v1/admin/accounts").handler(ctx -> accounts.list().onSuccess(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(a -> out.addObject().put("username", a.username()).put("instanceAdmin", a.instanceAdmin()));
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail));
  }

  /** Runs {@code work} for the community named in the path, with the parsed body (or null), and sends its JSON. */
  private void community(RoutingContext ctx, BiFunction<Community, JsonNode, Future<? extends JsonNode>> work) {
    JsonNode body;
    try {
      boolean empty = ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
      body = empty ? JsonLimits.MAPPER.createObjectNode() : Json.body(ctx);
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug")).compose(com -> {
      try {
        return work.apply(com, body);
      } catch (CoreException e) {
        return Future.failedFuture(e);
      }
    }).onSuccess(json -> Json.send(ctx, 200, json)).onFailure(ctx::fail);
  }

  private static ObjectNode ok() {
    return JsonLimits.MAPPER.createObjectNode().put("ok", true);
  }

  /** An account named by its actor IRI or by a handle (@name@host, resolved by WebFinger). */
  Future<String> resolveActor(String who) {
    if (who == null || who.isBlank()) {
      return Future.failedFuture(CoreException.badRequest("actor is required: an actor IRI or a handle like @name@example.org"));
    }
    if (who.startsWith("https://") || who.startsWith("http://")) {
      try {
        Normalizer.checkHttpIri(who, "actor");
      } catch (InvalidActivityException e) {
        return Future.failedFuture(CoreException.badRequest(e.getMessage()));
      }
      if (uris.isLocal(who)) {
        return Future.failedFuture(CoreException.badRequest("actor must be a remote account"));
      }
      return Future.succeededFuture(who);
    }
    return webfinger.resolve(who).recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
        ? CoreException.badRequest(e.getMessage())
        : new CoreException(CoreException.Kind.UNPROCESSABLE, "unresolvable", "cannot find " + who + ": " + e.getMessage())));
  }

  private void listMembers(RoutingContext ctx) {
    String stateParam = ctx.request().getParam("state", "accepted");
    Member.State state;
    int page;
    try {
      state = Member.State.valueOf(stateParam.toUpperCase(Locale.ROOT));
      page = Integer.parseInt(ctx.request().getParam("page", "1"));
      if (page < 1 || page > 100_000) {
        throw new NumberFormatException();
      }
    } catch (IllegalArgumentException e) {
      ctx.fail(CoreException.badRequest("state is pending or accepted; page is a positive number"));
      return;
    }
    community(ctx, (com, body) -> membership.members().list(com.id(), state, (page - 1) * PAGE, PAGE).map(list -> {
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
    community(ctx, (com, body) -> resolveActor(actor).compose(a -> membership.members().history(com.id(), a)).map(list -> {
      ArrayNode out = JsonLimits.MAPPER.createArrayNode();
      list.forEach(e -> out.addObject().put("type", e[0]).put("detail", e[1]).put("by", e[2]).put("at", e[3]));
      return out;
    }));
  }

  private void memberAction(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    community(ctx, (com, body) -> resolveActor(Json.text(body, "actor", true)).compose(actor -> switch (action) {
      case "approve" -> membership.approve(com, actor, "admin").map(v -> ok());
      case "reject" -> membership.reject(com, actor, "admin").map(v -> ok());
      case "remove" -> membership.remove(com, actor, Json.text(body, "reason", false), "admin").map(v -> ok());
      case "ban" -> membership.ban(com, actor, Json.text(body, "reason", false), Json.instant(body, "until"), "admin").map(v -> ok());
      case "unban" -> membership.unban(com, actor, "admin").map(v -> ok());
      case "role" -> {
        Member.Role role = Json.choice(body, "role", Member.Role.class);
        if (role == null) {
          throw CoreException.badRequest("role is required: member or moderator");
        }
        yield membership.setRole(com, actor, role, "admin").map(v -> ok());
      }
      case "expiry" -> {
        Integer add = Json.integer(body, "addDays", 1, 3650);
        OffsetDateTime until = Json.instant(body, "expiresAt");
        if (add != null && until != null) {
          throw CoreException.badRequest("give either expiresAt or addDays, not both");
        }
        yield membership.renew(com, actor, until, add, "admin").map(end -> (JsonNode) JsonLimits.MAPPER.createObjectNode()
            .put("expiresAt", end == null ? null : end.toInstant().toString()));
      }
      default -> throw CoreException.notFound("no member action '" + action + "'");
    }));
  }

  private void replaceRules(RoutingContext ctx) {
    community(ctx, (com, wrapper) -> {
      JsonNode body = wrapper.get("rules");
      if (body == null || !body.isArray()) {
        throw CoreException.badRequest("send {\"rules\": [{\"text\": ..., \"consequence\": ...}, ...]}");
      }
      if (body.size() > 50) {
        throw CoreException.badRequest("at most 50 rules");
      }
      List<Rule> list = new ArrayList<>();
      for (JsonNode r : body) {
        if (!r.isObject()) {
          throw CoreException.badRequest("each rule is an object {text, consequence}");
        }
        String text = Json.text(r, "text", true).strip();
        String consequence = Json.text(r, "consequence", false);
        if (text.isEmpty() || text.length() > 500 || (consequence != null && consequence.length() > 300)) {
          throw CoreException.badRequest("a rule's text is 1 to 500 characters, its consequence at most 300");
        }
        list.add(new Rule(text, consequence == null ? "" : consequence.strip()));
      }
      return rules.replace(com.id(), list).map(v -> rulesJson(list));
    });
  }

  private static JsonNode rulesJson(List<Rule> list) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (int i = 0; i < list.size(); i++) {
      out.addObject().put("number", i + 1).put("text", list.get(i).text()).put("consequence", list.get(i).consequence());
    }
    return out;
  }

  private void createInvite(RoutingContext ctx) {
    community(ctx, (com, body) -> {
      Integer maxUses = Json.integer(body, "maxUses", 1, 100_000);
      OffsetDateTime expiresAt = Json.instant(body, "expiresAt");
      Integer grantDays = Json.integer(body, "grantDays", 1, 3650);
      String note = Json.text(body, "note", false);
      if (note != null && note.length() > 200) {
        throw CoreException.badRequest("note must be at most 200 characters");
      }
      return invites.create(com.id(), newCode(), maxUses, expiresAt, grantDays, note).map(i -> inviteJson(com, i));
    });
  }

  static String newCode() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return sb.toString();
  }

  private ObjectNode inviteJson(Community com, Invite i) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode().put("id", i.id()).put("code", i.code())
        .put("link", uris.community(com.slug()) + "/invite/" + i.code()).put("uses", i.uses()).put("revoked", i.revoked());
    n.put("maxUses", i.maxUses());
    n.put("expiresAt", i.expiresAt() == null ? null : i.expiresAt().toInstant().toString());
    n.put("grantDays", i.grantDays());
    n.put("note", i.note());
    return n;
  }

  private void revokeInvite(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.fail(CoreException.badRequest("invite id must be a number"));
      return;
    }
    community(ctx, (com, body) -> invites.revoke(com.id(), id).compose(done -> done ? Future.succeededFuture(ok())
        : Future.failedFuture(CoreException.notFound("no such invite"))));
  }

  private void preapprove(RoutingContext ctx) {
    community(ctx, (com, body) -> {
      Integer grantDays = Json.integer(body, "grantDays", 1, 3650);
      return resolveActor(Json.text(body, "actor", true)).compose(actor -> membership.preapprove(com, actor,
          grantDays == null ? null : OffsetDateTime.now().plusDays(grantDays), "admin")
          .map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("actor", actor)));
    });
  }

  private void newWebhookSecret(RoutingContext ctx) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    community(ctx, (com, body) -> communityStore.setWebhookSecret(com.id(), secret).map(v -> (JsonNode)
        JsonLimits.MAPPER.createObjectNode().put("secret", secret)
            .put("url", uris.base() + "/api/v1/hooks/communities/" + com.slug() + "/membership")));
  }

  private void createAccount(RoutingContext ctx) {
    JsonNode body;
    String username;
    String password;
    Boolean admin;
    try {
      body = Json.body(ctx);
      username = Json.text(body, "username", true);
      password = Json.text(body, "password", true);
      admin = Json.bool(body, "instanceAdmin");
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    createAccount(vertx, accounts, username, password, admin != null && admin)
        .onSuccess(a -> Json.send(ctx, 201, JsonLimits.MAPPER.createObjectNode().put("username", a.username())
            .put("instanceAdmin", a.instanceAdmin())))
        .onFailure(ctx::fail);
  }

  /** Validates and creates a staff account, hashing the password off the event loop. */
  public static Future<Account> createAccount(Vertx vertx, AccountStore accounts, String username,
                                                           String password, boolean instanceAdmin) {
    if (username == null || !username.matches("[a-z0-9_]{2,32}")) {
      return Future.failedFuture(CoreException.badRequest("username is 2 to 32 lower-case letters, digits or underscores"));
    }
    String weak = Passwords.weakness(password);
    if (weak != null) {
      return Future.failedFuture(CoreException.badRequest(weak));
    }
    return vertx.executeBlocking(() -> Passwords.hash(password), false)
        .compose(hash -> accounts.create(username, hash, instanceAdmin))
        .compose(a -> a.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(CoreException.conflict("the username '" + username + "' is taken"))));
  }

  private void setStaffRole(RoutingContext ctx) {
    community(ctx, (com, body) -> {
      String role = Json.text(body, "role", true).toLowerCase(Locale.ROOT);
      if (!role.equals("owner") && !role.equals("moderator")) {
        throw CoreException.badRequest("role must be owner or moderator");
      }
      return accounts.byUsername(ctx.pathParam("username")).compose(a -> a.isEmpty()
          ? Future.failedFuture(CoreException.notFound("no staff account '" + ctx.pathParam("username") + "'"))
          : accounts.setRole(a.get().id(), com.id(), role).map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode()
              .put("username", a.get().username()).put("role", role)));
    });
  }

  private void removeStaffRole(RoutingContext ctx) {
    community(ctx, (com, body) -> accounts.byUsername(ctx.pathParam("username")).compose(a -> a.isEmpty()
        ? Future.failedFuture(CoreException.notFound("no staff account '" + ctx.pathParam("username") + "'"))
        : accounts.removeRole(a.get().id(), com.id()).map(done -> ok())));
  }
}
