package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Invite;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.MediaStore;
import social.hearth.federation.webfinger.WebFingerClient;

/**
 * An invite link: join in one step. The visitor types their handle; it is found by WebFinger, pre-approved for this
 * invite ({@link Membership#redeemFor}), and the visitor is sent to their own server's follow page
 * ({@link FollowHandover}): following then admits them at once. The page also says how to use the code by hand
 * (follow, then send the code by direct message), while the invite is valid.
 */
public final class InviteLinkPage {

  private static final Logger LOG = LoggerFactory.getLogger(InviteLinkPage.class);
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{8,32}");

  private final Pages pages;
  private final Auth auth;
  private final CommunityHeader header;
  private final InviteStore invites;
  private final MediaStore media;
  private final Clock clock;
  private final Membership membership;
  private final FollowHandover handover;

  public InviteLinkPage(Pages pages, Auth auth, CommunityService communities, InviteStore invites, MediaStore media,
                        Clock clock, Membership membership, FollowHandover handover) {
    this.pages = pages;
    this.auth = auth;
    this.header = new CommunityHeader(pages, communities);
    this.invites = invites;
    this.media = media;
    this.clock = clock;
    this.membership = membership;
    this.handover = handover;
  }

  public void invite(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!CODE.matcher(code).matches()) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, auth.session(ctx).compose(x -> header.community(ctx)), c -> render(ctx, c, code, "", null, 200));
  }

  /** POST /c/{slug}/invite/{code} with {@code handle}: pre-approved, then to the visitor's server to follow. */
  public void join(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!CODE.matcher(code).matches()) {
      pages.error(ctx, 404);
      return;
    }
    String typed = Forms.nz(ctx.request().getFormAttribute("handle")).strip();
    pages.handle(ctx, auth.session(ctx).compose(x -> header.community(ctx)).compose(c -> decide(ctx, c, code, typed)),
        Runnable::run);
  }

  /** What the answer is: the page again with the reason next to the field, or the way on to follow. */
  private Future<Runnable> decide(RoutingContext ctx, Community c, String code, String typed) {
    String kept = typed.length() > 300 ? typed.substring(0, 300) : typed;
    try {
      handover.pages().check(typed);
    } catch (WebFingerClient.BadHandleException e) {
      return Future.<Runnable>succeededFuture(() -> render(ctx, c, code, kept, "error.handle.invalid", 400));
    }
    return invites.byCode(c.id(), code).compose(invite -> {
      if (!usable(invite) || c.joinPolicy() == Community.JoinPolicy.CLOSED) {
        return Future.<Runnable>succeededFuture(() -> render(ctx, c, code, kept, null, 400));
      }
      return auth.lookupAllowed(ctx).compose(allowed -> {
        if (!allowed) {
          return Future.<Runnable>succeededFuture(() -> {
            ctx.response().putHeader("Retry-After", String.valueOf(Auth.WINDOW.toSeconds()));
            render(ctx, c, code, kept, "error.handle.limited", 429);
          });
        }
        return handover.pages().forHandle(typed, pages.uris().community(c.slug()))
            .compose(page -> membership.redeemFor(c, code, page.actor()).map(outcome -> {
              LOG.info("invite {} of {} typed for {}: {}", invite.get().id(), c.slug(), page.actor(), outcome);
              Runnable next = outcome.equals("invalid invite") || outcome.equals("invite spent")
                  ? () -> render(ctx, c, code, kept, null, 400)
                  : () -> handover.send(ctx, c, page, true);
              return next;
            }))
            .recover(e -> {
              LOG.info("the handle {} typed for an invite of {} was not found: {}", kept, c.slug(), e.getMessage());
              return Future.<Runnable>succeededFuture(() -> render(ctx, c, code, kept, "error.handle.unknown", 400));
            });
      });
    });
  }

  private boolean usable(Optional<Invite> invite) {
    return invite.isPresent() && invite.get().usable(OffsetDateTime.now(clock));
  }

  private void render(RoutingContext ctx, Community c, String code, String handle, String handleError, int status) {
    pages.handle(ctx, Future.all(invites.byCode(c.id(), code), media.info(c.id())), all -> {
      Map<String, Object> m = pages.model(ctx);
      header.communityModel(m, c, all.<Map<String, MediaRef>>resultAt(1));
      Optional<Invite> invite = all.resultAt(0);
      m.put("code", code);
      m.put("valid", usable(invite));
      m.put("grantDays", invite.map(Invite::grantDays).orElse(null));
      m.put("handle", handle);
      m.put("handleError", handleError);
      m.put("joinError", null);
      m.put("joinServer", "");
      pages.render(ctx, status, "invite", m);
    });
  }
}
