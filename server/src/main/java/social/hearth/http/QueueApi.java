package social.hearth.http;

import io.vertx.ext.web.Router;
import java.util.List;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.Moderation;

/**
 * The moderation queue ({@code GET .../queue?state=}, {@code POST .../queue/{id}/approve} and {@code /reject}, and
 * {@code /overturn}: a post a filter refused, published anyway)
 * and removing a re-shared post everywhere ({@code POST .../posts/remove}).
 */
public final class QueueApi implements AdminApi.Feature {

  static final List<String> STATES = List.of("held", "accepted", "rejected", "approved", "declined", "overturned");

  private final ApiCalls calls;
  private final Moderation moderation;

  public QueueApi(ApiCalls calls, Moderation moderation) {
    this.calls = calls;
    this.moderation = moderation;
  }

  @Override
  public void mount(Router router) {
    String c = AdminApi.COMMUNITY;
    router.get(c + "/queue").handler(ctx -> calls.inCommunity(ctx, (com, b) -> {
      String state = ctx.request().getParam("state", "held");
      if (!STATES.contains(state)) {
        throw CoreException.badRequest("state is held, accepted, rejected, approved, declined or overturned");
      }
      return moderation.queue(com.id(), state, 200).map(ModerationJson::queueJson);
    }));
    router.post(c + "/queue/:id/approve").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx,
        (com, b) -> moderation.approve(com, ApiCalls.pathId(ctx), "admin").map(v -> ApiCalls.ok())));
    router.post(c + "/queue/:id/reject").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx,
        (com, b) -> moderation.decline(com, ApiCalls.pathId(ctx), Json.text(b, "notice", false), "admin").map(v -> ApiCalls.ok())));
    router.post(c + "/queue/:id/overturn").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx,
        (com, b) -> moderation.overturn(com, ApiCalls.pathId(ctx), "admin").map(v -> ApiCalls.ok())));
    router.post(c + "/posts/remove").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx,
        (com, b) -> moderation.removePost(com, Json.text(b, "object", true), Json.text(b, "reason", false), "admin")
            .map(v -> ApiCalls.ok())));
  }
}
