package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import io.vertx.core.Future;
import java.util.List;
import social.hearth.core.moderation.ReportIntake;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Normalizer;

/**
 * Flag (a report), as sent by Mastodon's instance actor (object = [account, posts...], comment in content) or by
 * other servers' users: stored by {@link ReportIntake} for the community it concerns.
 */
public final class FlagListener implements ActivityListener {

  static final int MAX_OBJECTS = 100;

  private final Uris uris;
  private final ReportIntake reports;

  public FlagListener(Uris uris, ReportIntake reports) {
    this.uris = uris;
    this.reports = reports;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    List<String> objects = Iris.iris(in.activity().object());
    if (objects.isEmpty()) {
      return Future.failedFuture(new Rejection(400, "Flag names nothing"));
    }
    if (objects.size() > MAX_OBJECTS) {
      return Future.failedFuture(new Rejection(400, "Flag names more than " + MAX_OBJECTS + " objects"));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> receive(InboundActivity in) {
    return reports.receive(InboundMapper.report(in, Iris.iris(in.activity().object()), uris));
  }
}
