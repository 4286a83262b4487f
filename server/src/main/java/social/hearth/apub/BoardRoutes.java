package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.board.Board;
import social.hearth.core.community.CommunityService;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.As;

/**
 * The board on the wire: its status replies at their IRIs ({@code /c/{slug}/board/{key}/status/{id}}; browsers go to
 * the board's page), and Lemmy's {@code Dislike} of an idea, a vote against it.
 */
public final class BoardRoutes {

  private final Uris uris;
  private final CommunityService communities;
  private final Board board;

  public BoardRoutes(Uris uris, CommunityService communities, Board board) {
    this.uris = uris;
    this.communities = communities;
    this.board = board;
  }

  public void mount(Router router) {
    router.get("/c/:slug/board/:key/status/:id").handler(this::reply);
  }

  private void reply(RoutingContext ctx) {
    String slug = ctx.pathParam("slug");
    if (!ApJson.wanted(ctx)) {
      ctx.response().setStatusCode(303).putHeader("Location", uris.community(slug) + "/board").putHeader("Vary", "Accept")
          .end();
      return;
    }
    String iri = uris.community(slug) + "/board/" + ctx.pathParam("key") + "/status/" + ctx.pathParam("id");
    board.reply(iri).onSuccess(json -> {
      if (json.isEmpty()) {
        ctx.fail(404);
      } else {
        ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON).putHeader("Access-Control-Allow-Origin", "*")
            .putHeader("Vary", "Accept").end(json.get());
      }
    }).onFailure(ctx::fail);
  }

  /** Lemmy's Dislike of a post a community re-shared: a member's vote against the idea it is. */
  public ActivityListener dislike() {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return in.activity().objectId() == null ? Future.failedFuture(new Rejection(400, "Dislike has no object"))
            : Future.succeededFuture();
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        return board.disliked(in.activity().id(), in.activity().objectId(), in.activity().actor());
      }
    };
  }

  /**
   * Around the Undo listener ({@code next}): an Undo{Dislike} takes the member's vote against back; an Undo that
   * names its activity only by id goes on to {@code next} (a like or a follow) and takes back a Dislike of that id.
   */
  public ActivityListener undo(ActivityListener next) {
    return new ActivityListener() {
      @Override
      public Future<Void> verify(InboundActivity in) {
        return next.verify(in);
      }

      @Override
      public Future<Void> receive(InboundActivity in) {
        com.fasterxml.jackson.databind.JsonNode object = in.activity().object();
        String type = object != null && object.isObject() ? social.hearth.federation.vocab.Normalizer.type(object)
            : null;
        String id = social.hearth.federation.vocab.Iris.iri(object);
        String actor = in.activity().actor();
        if ("Dislike".equals(type)) {
          return board.undisliked(id, social.hearth.federation.vocab.Iris.iri(object.get("object")), actor);
        }
        return next.receive(in).compose(v -> type == null ? board.undisliked(id, null, actor)
            : Future.succeededFuture());
      }
    };
  }
}
