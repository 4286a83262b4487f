package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Poll;
import social.hearth.core.port.PollStore;
import social.hearth.federation.vocab.As;

/**
 * Polls written in Hearth at their stable IRIs ({@code /polls/{key}}): ActivityPub clients get the Question with its
 * counts as they stand now; browsers go to the poll's page in its community.
 */
public final class PollRoutes {

  private final Uris uris;
  private final CommunityService communities;
  private final PollStore polls;
  private final QuestionMapper questions;
  private final Clock clock;

  public PollRoutes(Uris uris, CommunityService communities, PollStore polls, QuestionMapper questions, Clock clock) {
    this.uris = uris;
    this.communities = communities;
    this.polls = polls;
    this.questions = questions;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/polls/:key").handler(this::poll);
  }

  private void poll(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    if (!key.matches("[a-z0-9]{1,20}")) {
      ctx.fail(404);
      return;
    }
    polls.byIri(uris.poll(key)).compose(found -> {
      if (found.isEmpty() || !found.get().local()) {
        return Future.succeededFuture((Runnable) () -> ctx.fail(404));
      }
      Poll p = found.get();
      return communities.byId(p.communityId()).map(c -> (Runnable) () -> {
        if (c.isEmpty() || p.postId() == null) {
          ctx.fail(404);
        } else if (!ApJson.wanted(ctx)) {
          ctx.response().setStatusCode(303).putHeader("Location", uris.communityPost(c.get().slug(), p.postId()))
              .putHeader("Vary", "Accept").end();
        } else {
          ctx.response().putHeader("Content-Type", As.ACTIVITY_JSON).putHeader("Access-Control-Allow-Origin", "*")
              .putHeader("Vary", "Accept").end(questions.question(c.get(), p, OffsetDateTime.now(clock)));
        }
      });
    }).onSuccess(Runnable::run).onFailure(ctx::fail);
  }
}
