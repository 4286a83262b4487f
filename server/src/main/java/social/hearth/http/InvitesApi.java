package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Invite;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.InviteStore;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The ways in besides asking: invite codes and their links ({@code GET}, {@code POST .../invites},
 * {@code DELETE .../invites/{id}}) and pre-approved accounts ({@code POST .../preapproved}).
 */
public final class InvitesApi implements AdminApi.Feature {

  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiCalls calls;
  private final InviteStore invites;
  private final Membership membership;
  private final ActorResolver actors;
  private final Uris uris;

  public InvitesApi(ApiCalls calls, InviteStore invites, Membership membership, ActorResolver actors, Uris uris) {
    this.calls = calls;
    this.invites = invites;
    this.membership = membership;
    this.actors = actors;
    this.uris = uris;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.COMMUNITY + "/invites").handler(ctx -> calls.inCommunity(ctx, (com, body) ->
        invites.list(com.id()).map(list -> {
          ArrayNode out = JsonLimits.MAPPER.createArrayNode();
          list.forEach(i -> out.add(json(com, i)));
          return out;
        })));
    router.post(AdminApi.COMMUNITY + "/invites").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::create);
    router.delete(AdminApi.COMMUNITY + "/invites/:id").handler(this::revoke);
    router.post(AdminApi.COMMUNITY + "/preapproved").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::preapprove);
  }

  private void create(RoutingContext ctx) {
    calls.inCommunity(ctx, (com, body) -> {
      Integer maxUses = Json.integer(body, "maxUses", 1, 100_000);
      OffsetDateTime expiresAt = Json.instant(body, "expiresAt");
      Integer grantDays = Json.integer(body, "grantDays", 1, 3650);
      String note = Json.text(body, "note", false);
      if (note != null && note.length() > 200) {
        throw CoreException.badRequest("note must be at most 200 characters");
      }
      return calls.audit().after(invites.create(com.id(), newCode(), maxUses, expiresAt, grantDays, note), com.id(), ApiCalls.ADMIN,
          "invite.created", null, null).map(i -> json(com, i));
    });
  }

  /** Twelve characters from an alphabet without look-alikes (no 0/O, 1/I). */
  static String newCode() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return sb.toString();
  }

  private ObjectNode json(Community com, Invite i) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode().put("id", i.id()).put("code", i.code())
        .put("link", uris.communityInvite(com.slug(), i.code())).put("uses", i.uses()).put("revoked", i.revoked());
    n.put("maxUses", i.maxUses());
    n.put("expiresAt", i.expiresAt() == null ? null : i.expiresAt().toInstant().toString());
    n.put("grantDays", i.grantDays());
    n.put("note", i.note());
    return n;
  }

  private void revoke(RoutingContext ctx) {
    long id;
    try {
      id = ApiCalls.pathId(ctx, "invite id must be a number");
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    calls.inCommunity(ctx, (com, body) -> calls.audit().ifDone(invites.revoke(com.id(), id), com.id(), ApiCalls.ADMIN,
        "invite.revoked", "invite #" + id, social.hearth.core.audit.AuditLog.detail("id", id)).compose(done -> ApiCalls.okOrNotFound(done, "no such invite")));
  }

  private void preapprove(RoutingContext ctx) {
    calls.inCommunity(ctx, (com, body) -> {
      Integer grantDays = Json.integer(body, "grantDays", 1, 3650);
      return actors.resolve(Json.text(body, "actor", true)).compose(actor -> membership.preapprove(com, actor,
          grantDays == null ? null : OffsetDateTime.now().plusDays(grantDays), "admin")
          .map(v -> (JsonNode) JsonLimits.MAPPER.createObjectNode().put("actor", actor)));
    });
  }
}
