package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import social.hearth.core.moderation.Filters;
import social.hearth.core.moderation.Moderation;

/**
 * A community's filters: {@code GET}, {@code POST .../filters}; {@code PUT}, {@code PATCH}, {@code DELETE
 * .../filters/{id}} (PATCH changes only the fields it sends, e.g. {@code {"enabled": false}} turns a filter off); and
 * {@code POST .../filters/dry-run}, what a rule would have caught in the last days.
 */
public final class FiltersApi implements AdminApi.Feature {

  private final ApiCalls calls;
  private final Moderation moderation;

  public FiltersApi(ApiCalls calls, Moderation moderation) {
    this.calls = calls;
    this.moderation = moderation;
  }

  @Override
  public void mount(Router router) {
    String filters = AdminApi.COMMUNITY + "/filters";
    Filters store = moderation.filters();
    router.get(filters).handler(ctx -> calls.inCommunity(ctx, (com, b) -> store.list(com.id()).map(list -> {
      com.fasterxml.jackson.databind.node.ArrayNode out = social.hearth.federation.vocab.JsonLimits.MAPPER.createArrayNode();
      list.forEach(f -> out.add(ModerationJson.filterJson(f)));
      return (JsonNode) out;
    })));
    router.post(filters).handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx, (com, b) ->
        calls.audit().filterSaved(com.id(), ApiCalls.ADMIN, true,
            store.create(com.id(), Json.text(b, "kind", true), ModerationJson.config(b), Json.text(b, "action", true), enabled(b))).map(ModerationJson::filterJson)));
    router.put(filters + "/:id").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx, (com, b) ->
        calls.audit().filterSaved(com.id(), ApiCalls.ADMIN, false,
            store.update(com.id(), ApiCalls.pathId(ctx), Json.text(b, "kind", true), ModerationJson.config(b), Json.text(b, "action", true), enabled(b)))
            .map(ModerationJson::filterJson)));
    router.patch(filters + "/:id").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx, (com, b) ->
        calls.audit().filterSaved(com.id(), ApiCalls.ADMIN, false,
            store.change(com.id(), ApiCalls.pathId(ctx), Json.text(b, "kind", false),
                b.hasNonNull("config") ? ModerationJson.config(b) : null, Json.text(b, "action", false), Json.bool(b, "enabled")))
            .map(ModerationJson::filterJson)));
    router.delete(filters + "/:id").handler(ctx -> calls.inCommunity(ctx, (com, b) -> calls.audit().filterDeleted(com.id(), ApiCalls.ADMIN,
        ApiCalls.pathId(ctx), store.delete(com.id(), ApiCalls.pathId(ctx))).compose(done -> ApiCalls.okOrNotFound(done, "no such filter"))));
    router.post(filters + "/dry-run").handler(ApiCalls.body(ApiCalls.LARGE_BODY)).handler(ctx -> calls.inCommunity(ctx, (com, b) -> {
      Integer days = Json.integer(b, "days", 1, 90);
      return moderation.dryRun(com, Json.text(b, "kind", true), ModerationJson.config(b), Json.text(b, "action", true),
          days == null ? 7 : days).map(ModerationJson::dryRunJson);
    }));
  }

  private static boolean enabled(JsonNode b) {
    Boolean e = Json.bool(b, "enabled");
    return e == null || e;
  }
}
