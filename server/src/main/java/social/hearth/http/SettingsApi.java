package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.core.domain.Community;
import social.hearth.core.port.CommunityStore;

/** Changing a community's profile and settings: {@code PATCH /api/v1/admin/communities/{slug}}. */
public final class SettingsApi implements AdminApi.Feature {

  private final CommunityService communities;
  private final Curation curation;
  private final CommunityJson json;

  private final social.hearth.core.audit.AuditLog audit;

  public SettingsApi(CommunityService communities, Curation curation, CommunityJson json,
                     social.hearth.core.audit.AuditLog audit) {
    this.audit = audit;
    this.communities = communities;
    this.curation = curation;
    this.json = json;
  }

  @Override
  public void mount(Router router) {
    router.patch(AdminApi.COMMUNITY).handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::update);
  }

  private void update(RoutingContext ctx) {
    CommunityStore.Changes changes;
    try {
      JsonNode body = Json.body(ctx);
      changes = new CommunityStore.Changes(Json.text(body, "name", false), Json.text(body, "summary", false),
          Json.bool(body, "announceLikes"), Json.bool(body, "hideFollowers"),
          Json.choice(body, "joinPolicy", Community.JoinPolicy.class),
          Json.choice(body, "postingPolicy", Community.PostingPolicy.class), Json.bool(body, "membersMayReply"),
          Json.text(body, "joinQuestion", false), Json.text(body, "welcomeMessage", false),
          Json.integer(body, "newcomerDays", 0, 365), Json.integer(body, "reminderDays", 0, 90),
          Json.text(body, "language", false), Json.choice(body, "canQuote", Community.QuotePolicy.class),
          Json.choice(body, "visibility", Community.Visibility.class));
    } catch (CoreException e) {
      ctx.fail(e);
      return;
    }
    communities.require(ctx.pathParam("slug"))
        .compose(c -> curation.update(c, changes).compose(updated -> audit.settingsChanged(ApiCalls.ADMIN, c, updated)))
        .onSuccess(c -> Json.send(ctx, 200, json.of(c))).onFailure(ctx::fail);
  }
}
