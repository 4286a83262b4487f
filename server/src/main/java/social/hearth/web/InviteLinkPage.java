package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Invite;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.MediaStore;

/** An invite link: how to use the code (follow, then send the code by direct message), if it is still valid. */
public final class InviteLinkPage {

  private final Pages pages;
  private final Auth auth;
  private final CommunityHeader header;
  private final InviteStore invites;
  private final MediaStore media;
  private final Clock clock;

  public InviteLinkPage(Pages pages, Auth auth, CommunityService communities, InviteStore invites, MediaStore media,
                        Clock clock) {
    this.pages = pages;
    this.auth = auth;
    this.header = new CommunityHeader(pages, communities);
    this.invites = invites;
    this.media = media;
    this.clock = clock;
  }

  public void invite(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!code.matches("[A-Za-z0-9]{8,32}")) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, auth.session(ctx).compose(x -> header.community(ctx)).compose(c -> Future.all(
        invites.byCode(c.id(), code), media.info(c.id())).map(all -> {
          Map<String, Object> m = pages.model(ctx);
          header.communityModel(m, c, all.<Map<String, MediaRef>>resultAt(1));
          Optional<Invite> invite = all.resultAt(0);
          m.put("code", code);
          m.put("valid", invite.isPresent() && invite.get().usable(OffsetDateTime.now(clock)));
          m.put("grantDays", invite.map(Invite::grantDays).orElse(null));
          m.put("joinError", null);
          m.put("joinServer", "");
          return m;
        })), m -> pages.render(ctx, "invite", m));
  }
}
