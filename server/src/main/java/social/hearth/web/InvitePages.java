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
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
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
    pages.handle(ctx, staff.community(ctx, false), c -> render(ctx, c, 200, new FormState()));
  }

  /** The page with a form's state: an invite or a pre-approval refused, shown again as typed. */
  private void render(RoutingContext ctx, Community c, int status, FormState form) {
    pages.handle(ctx, invites.list(c.id()).map(list -> {
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
      form.into(m);
      return m;
    }), m -> pages.render(ctx, status, "staff/invites", m));
  }

  public void create(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), List.of("maxUses", "expiresDays", "grantDays", "note"));
    Integer maxUses = form.check("maxUses", () -> Forms.optionalNumber(form.text("maxUses"), 1, 100_000, "error.invites.uses"));
    Integer days = form.check("expiresDays", () -> Forms.optionalNumber(form.text("expiresDays"), 1, 3650, "error.days"));
    Integer grant = form.check("grantDays", () -> Forms.optionalNumber(form.text("grantDays"), 1, 3650, "error.days"));
    if (form.invalid() && !StaffSession.fetch(ctx)) {
      pages.handle(ctx, staff.community(ctx, false), c -> render(ctx, c, 400, form));
      return;
    }
    staff.act(ctx, false, (session, c) -> {
      if (form.invalid()) {
        return Future.failedFuture(WebException.badRequest("form.invalid"));
      }
      String note = Forms.clip(form.text("note"), 200);
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

  /** Pre-approves an account named by its handle (found by WebFinger) or actor IRI; a refusal keeps the form. */
  public void preapprove(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), List.of("actor", "grantDays"));
    form.put("preGrantDays", form.text("grantDays"));
    Integer grant = form.check("preGrantDays", () -> Forms.optionalNumber(form.text("grantDays"), 1, 3650, "error.days"));
    pages.handle(ctx, staff.community(ctx, false), c -> {
      if (form.invalid()) {
        render(ctx, c, 400, form);
        return;
      }
      OffsetDateTime until = grant == null ? null : OffsetDateTime.now(clock).plusDays(grant);
      actors.resolve(form.text("actor"))
          .compose(actor -> membership.preapprove(c, actor, until, StaffSession.by(ctx)))
          .onSuccess(x -> StaffSession.redirect(ctx, "/staff/c/" + c.slug() + "/invites?notice=preapproved"))
          .onFailure(e -> {
            if (e instanceof CoreException ce && ce.kind() != CoreException.Kind.FORBIDDEN) {
              render(ctx, c, Pages.status(ce), form.error("actor", "error.preapprove.actor", ce.getMessage()));
            } else {
              pages.error(ctx, e);
            }
          });
    });
  }

  static String newCode() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return sb.toString();
  }
}
