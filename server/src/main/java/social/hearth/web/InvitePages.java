package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.domain.Invite;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.InviteStore;

/** A community's invites (links with a code, limits and a grant) and pre-approved accounts. */
public final class InvitePages {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final StaffSession staff;
  private final Pages pages;
  private final InviteStore invites;
  private final Membership membership;
  private final ActorInput actors;
  private final Clock clock;

  public InvitePages(StaffSession staff, InviteStore invites, Membership membership, ActorInput actors, Clock clock) {
    this.staff = staff;
    this.pages = staff.pages();
    this.invites = invites;
    this.membership = membership;
    this.actors = actors;
    this.clock = clock;
  }

  public void invites(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> invites.list(c.id()).map(list -> {
      Map<String, Object> m = staff.model(ctx, c, "invites");
      OffsetDateTime now = OffsetDateTime.now(clock);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Invite i : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("invite", i);
        row.put("usable", i.usable(now));
        row.put("link", pages.uris().communityInvite(c.slug(), i.code()));
        rows.add(row);
      }
      m.put("invites", rows);
      m.put("joinPolicy", c.joinPolicy().name().toLowerCase(Locale.ROOT));
      return m;
    })), m -> pages.render(ctx, "staff/invites", m));
  }

  public void create(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    staff.act(ctx, false, (session, c) -> {
      Integer maxUses = Forms.optionalNumber(f.get("maxUses"), 1, 100_000, "error.number");
      Integer days = Forms.optionalNumber(f.get("expiresDays"), 1, 3650, "error.days");
      Integer grant = Forms.optionalNumber(f.get("grantDays"), 1, 3650, "error.days");
      String note = Forms.clip(f.get("note"), 200);
      OffsetDateTime expires = days == null ? null : OffsetDateTime.now(clock).plusDays(days);
      return staff.audit().after(invites.create(c.id(), newCode(), maxUses, expires, grant, note), c.id(), StaffSession.by(ctx),
          social.hearth.core.audit.AuditLog.INVITE_CREATED, null, null).map("invite_created");
    }, c -> "/staff/c/" + c.slug() + "/invites");
  }

  public void revoke(RoutingContext ctx) {
    staff.act(ctx, false, (session, c) -> {
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        return Future.failedFuture(WebException.notFound());
      }
      return staff.audit().ifDone(invites.revoke(c.id(), id), c.id(), StaffSession.by(ctx), social.hearth.core.audit.AuditLog.INVITE_REVOKED, "invite #" + id,
          social.hearth.core.audit.AuditLog.detail("id", id)).compose(done -> done ? Future.succeededFuture("invite_revoked")
          : Future.failedFuture(WebException.notFound()));
    }, c -> "/staff/c/" + c.slug() + "/invites");
  }

  /** Pre-approves an account named by its handle (found by WebFinger) or actor IRI. */
  public void preapprove(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    staff.act(ctx, false, (session, c) -> {
      Integer grant = Forms.optionalNumber(f.get("grantDays"), 1, 3650, "error.days");
      OffsetDateTime until = grant == null ? null : OffsetDateTime.now(clock).plusDays(grant);
      return actors.resolve(f.get("actor"))
          .compose(actor -> membership.preapprove(c, actor, until, "staff:" + session.username()).map("preapproved"));
    }, c -> "/staff/c/" + c.slug() + "/invites");
  }

  static String newCode() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return sb.toString();
  }
}
