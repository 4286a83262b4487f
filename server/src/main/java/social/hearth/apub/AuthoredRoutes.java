package social.hearth.apub;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.federation.vocab.As;

/**
 * Posts written in Hearth, at their stable IRIs ({@code /p/{key}}): ActivityPub clients get the Note (a deleted
 * post answers 410 with a Tombstone), browsers go to the post's page in its community. And their images
 * ({@code /c/{slug}/images/{key}}), served from our origin with their checked type and {@code nosniff}.
 */
public final class AuthoredRoutes {

  private final Uris uris;
  private final CommunityService communities;
  private final AuthoredPostStore posts;
  private final NoteMapper notes;

  public AuthoredRoutes(Uris uris, CommunityService communities, AuthoredPostStore posts, NoteMapper notes) {
    this.uris = uris;
    this.communities = communities;
    this.posts = posts;
    this.notes = notes;
  }

  public void mount(Router router) {
    router.get("/p/:key").handler(this::post);
    router.get("/c/:slug/images/:key").handler(this::image);
  }

  private void post(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    if (!key.matches("[a-z0-9]{1,20}")) {
      ctx.fail(404);
      return;
    }
    posts.byIri(uris.authoredPost(key)).compose(found -> {
      if (found.isEmpty() || found.get().postId() == null) { // never published: nothing was ever at this IRI
        return io.vertx.core.Future.succeededFuture((Runnable) () -> ctx.fail(404));
      }
      AuthoredPost p = found.get();
      return communities.byId(p.communityId()).map(c -> (Runnable) () -> {
        if (c.isEmpty()) {
          ctx.fail(404);
          return;
        }
        boolean activityPub = ApJson.wanted(ctx);
        if (!activityPub) {
          if (p.state() == AuthoredPost.State.DELETED) {
            ctx.fail(404);
          } else {
            ctx.response().setStatusCode(303).putHeader("Location", uris.communityPost(c.get().slug(), p.postId()))
                .putHeader("Vary", "Accept").end();
          }
          return;
        }
        boolean gone = p.state() == AuthoredPost.State.DELETED;
        String body = gone ? notes.tombstone(p) : notes.note(c.get(), p, p.publishedAt(), p.updatedAt());
        ctx.response().setStatusCode(gone ? 410 : 200).putHeader("Content-Type", As.ACTIVITY_JSON)
            .putHeader("Access-Control-Allow-Origin", "*")
            .putHeader("Vary", "Accept").end(body);
      });
    }).onSuccess(Runnable::run).onFailure(ctx::fail);
  }

  private void image(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    if (!key.matches("[a-z0-9]{1,20}")) {
      ctx.fail(404);
      return;
    }
    communities.requireCached(ctx.pathParam("slug")).compose(c -> posts.image(c.id(), key)).onSuccess(image -> {
      if (image.isEmpty()) {
        ctx.fail(404);
        return;
      }
      ctx.response().putHeader("Content-Type", image.get().contentType())
          .putHeader("Cache-Control", "public, max-age=31536000, immutable")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
          .putHeader("Cross-Origin-Resource-Policy", "cross-origin")
          .end(Buffer.buffer(image.get().bytes()));
    }).onFailure(ctx::fail);
  }
}
