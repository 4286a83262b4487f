package social.hearth.apub;

import io.vertx.core.Future;
import social.hearth.core.publishing.PostIntake;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;

/** Like of a re-shared post: see {@link PostIntake#like}. */
public final class LikeListener implements ActivityListener {

  private final PostIntake intake;

  public LikeListener(PostIntake intake) {
    this.intake = intake;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    return in.activity().objectId() == null ? Future.failedFuture(new Rejection(400, "Like has no object"))
        : Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    return intake.like(in.activity().id(), in.activity().actor(), in.activity().objectId(), InboundMapper.verbatim(in.json()));
  }
}
