package social.hearth.apub;

import social.hearth.core.domain.Post;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.port.PostStore;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;

/**
 * Like of a re-shared post by a member: recorded, and where the community announces likes (its setting, on by
 * default) forwarded to group-aware servers as Announce{Like}, so their vote counts stay in step.
 */
public final class LikeListener implements ActivityListener {

  private final ListenerContext ctx;

  public LikeListener(ListenerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    return in.activity().objectId() == null ? Future.failedFuture(new Rejection(400, "Like has no object"))
        : Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    String actor = in.activity().actor();
    return ctx.posts().byObject(in.activity().objectId()).compose(copies -> {
      List<Future<Void>> work = new ArrayList<>();
      for (Post post : copies) {
        work.add(ctx.communities().byId(post.communityId()).compose(c -> {
          if (c.isEmpty()) {
            return Future.succeededFuture();
          }
          return ctx.members().isAccepted(c.get().id(), actor).compose(member -> ctx.membership().bans()
              .isBanned(c.get().id(), actor).map(banned -> member && !banned)).compose(member -> !member ? Future.<Void>succeededFuture()
              : ctx.moderation().review(c.get(), social.hearth.core.moderation.Submission.like(actor,
                      social.hearth.core.moderation.DomainNames.hostOf(actor)), in.activity().id(), post.objectId(), InboundMapper.verbatim(in.json()), null)
                  .compose(review -> review.accepted()
                      ? ctx.publishing().like(c.get(), in.activity().id(), post.objectId(), actor, InboundMapper.verbatim(in.json()))
                      : Future.<Void>succeededFuture()));
        }));
      }
      return Future.all(work).mapEmpty();
    });
  }
}
