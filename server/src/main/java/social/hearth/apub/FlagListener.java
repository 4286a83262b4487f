package social.hearth.apub;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.vocab.Normalizer;

/**
 * Flag (a report), as sent by Mastodon's instance actor (object = [account, posts...], comment in content) or by
 * other servers' users. Stored as a report for the community it concerns.
 */
public final class FlagListener implements ActivityListener {

  private static final Logger LOG = LoggerFactory.getLogger(FlagListener.class);
  static final int MAX_OBJECTS = 100;
  static final int MAX_COMMENT = 5_000;

  private final ListenerContext ctx;

  public FlagListener(ListenerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Future<Void> verify(InboundActivity in) {
    List<String> objects = Normalizer.iris(in.activity().object());
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
    List<String> objects = Normalizer.iris(in.activity().object());
    String comment = in.activity().comment();
    if (comment != null && comment.length() > MAX_COMMENT) {
      comment = comment.substring(0, MAX_COMMENT);
    }
    String text = comment;
    return communityOf(objects).compose(communityId -> {
      List<String> accounts = new ArrayList<>();
      List<String> posts = new ArrayList<>();
      List<Future<Void>> lookups = new ArrayList<>();
      for (String iri : objects) {
        lookups.add(ctx.posts().byObject(iri).map(copies -> {
          if (copies.isEmpty() && ctx.uris().communitySlug(iri).isEmpty()) {
            accounts.add(iri);
          } else if (!copies.isEmpty()) {
            posts.add(iri);
          }
          return null;
        }));
      }
      return Future.all(lookups).compose(x -> ctx.reports().insert(in.activity().id(), communityId.orElse(null),
          in.activity().actor(), accounts, posts, text)).map(inserted -> {
            if (inserted) {
              LOG.info("report {} from {} about {}", in.activity().id(), in.activity().actor(), objects);
            }
            return null;
          });
    });
  }

  /** The community the report concerns: one named directly, or one that re-shared a named post. */
  private Future<Optional<Long>> communityOf(List<String> objects) {
    for (String iri : objects) {
      Optional<String> slug = ctx.uris().communitySlug(iri);
      if (slug.isPresent()) {
        return ctx.communities().bySlug(slug.get()).map(c -> c.map(social.hearth.core.domain.Community::id));
      }
    }
    Future<Optional<Long>> found = Future.succeededFuture(Optional.empty());
    for (String iri : objects) {
      found = found.compose(f -> f.isPresent() ? Future.succeededFuture(f)
          : ctx.posts().byObject(iri).map(copies -> copies.stream().findFirst().map(p -> p.communityId())));
    }
    return found;
  }
}
