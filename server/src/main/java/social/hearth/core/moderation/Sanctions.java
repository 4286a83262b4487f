package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.MemberRecordStore;

/**
 * A ban that also cleans up: the account is banned ({@link Membership#ban}: its membership ends, it is sent Block) and
 * its posts in the community from the last N days are removed one by one as a moderator's removal does
 * ({@link Removals#removePost}: a tombstone, Undo{Announce} and Announce{Delete} to the members' servers, the audit).
 */
public final class Sanctions {

  /** At most this many days back; at most {@link #MAX_POSTS} posts are removed by one ban. */
  public static final int MAX_DAYS = 365;
  public static final int MAX_POSTS = 1_000;

  private final Membership membership;
  private final Removals removals;
  private final MemberRecordStore records;
  private final Clock clock;

  public Sanctions(Membership membership, Removals removals, MemberRecordStore records, Clock clock) {
    this.membership = membership;
    this.removals = removals;
    this.records = records;
    this.clock = clock;
  }

  /**
   * Bans {@code actorId} (until {@code until}, or for good when null) and removes their live posts in {@code c}
   * received in the last {@code days} days (0: none). Returns how many posts were removed.
   */
  public Future<Integer> banAndRemove(Community c, String actorId, String reason, OffsetDateTime until, int days,
                                      String byWhom) {
    if (days < 0 || days > MAX_DAYS) {
      return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "bad_days",
          "days is a number from 0 to " + MAX_DAYS));
    }
    return membership.ban(c, actorId, reason, until, byWhom).compose(v -> days == 0
        ? Future.succeededFuture(List.<String>of())
        : records.liveSince(c.id(), actorId, OffsetDateTime.now(clock).minusDays(days), MAX_POSTS))
        .compose(posts -> {
          Future<Integer> removed = Future.succeededFuture(0);
          for (String objectId : posts) {
            removed = removed.compose(n -> removals.removePost(c, objectId, reason, byWhom).map(x -> n + 1)
                .recover(e -> Future.succeededFuture(n))); // removed meanwhile (by its author or another moderator)
          }
          return removed;
        });
  }
}
