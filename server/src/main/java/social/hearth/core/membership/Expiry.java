package social.hearth.core.membership;

import io.vertx.core.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Member;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;
import social.hearth.core.community.Voice;

/** Expiring memberships: a reminder before the end, then the membership ends with a notice (see {@link Maintenance}). */
public final class Expiry {

  private static final Logger LOG = LoggerFactory.getLogger(Expiry.class);
  private final Voice voice = Voice.standard();

  private final TransactionalOutbox out;
  private final Outbound outbound;
  private final CommunityService communities;
  private final MemberStore members;
  private final Actors actors;

  public Expiry(TransactionalOutbox out, CommunityService communities, MemberStore members, Actors actors) {
    this.out = out;
    this.outbound = out.outbound();
    this.communities = communities;
    this.members = members;
    this.actors = actors;
  }

  /** Sends due reminders and ends expired memberships; completes with how many were handled. */
  public Future<Integer> expireAndRemind() {
    return members.dueForReminder(200).compose(due -> {
      Future<Integer> n = Future.succeededFuture(0);
      for (Member m : due) {
        n = n.compose(count -> remind(m).map(count + 1).recover(e -> {
          LOG.warn("could not remind {}: {}", m.actorId(), e.getMessage());
          return Future.succeededFuture(count);
        }));
      }
      return n;
    }).compose(reminded -> members.expired(200).compose(expired -> {
      Future<Integer> n = Future.succeededFuture(reminded);
      for (Member m : expired) {
        n = n.compose(count -> expire(m).map(count + 1).recover(e -> {
          LOG.warn("could not end the membership of {}: {}", m.actorId(), e.getMessage());
          return Future.succeededFuture(count);
        }));
      }
      return n;
    }));
  }

  private Future<Void> remind(Member m) {
    return communities.byId(m.communityId()).compose(c -> actors.get(m.actorId()).compose(who -> {
      String lang = voice.languageFor(c.orElseThrow(), who);
      return inTx(tx -> members.markReminded(tx, m.communityId(), m.actorId())
          .compose(v -> outbound.directMessage(tx, c.get(), who, voice.paragraph(lang, "expiry.reminder", c.get().name(),
              voice.date(lang, m.expiresAt())), "reminder", null, lang))
          .compose(v -> members.event(tx, m.communityId(), m.actorId(), "reminded", null, null)));
    }));
  }

  private Future<Void> expire(Member m) {
    return communities.byId(m.communityId()).compose(c -> actors.get(m.actorId()).compose(who -> {
      String lang = voice.languageFor(c.orElseThrow(), who);
      return inTx(tx -> members.remove(tx, m.communityId(), m.actorId())
          .compose(v -> outbound.answerFollow(tx, Outbound.FollowAnswer.REJECT, c.get(), m.followId(), who))
          .compose(v -> outbound.directMessage(tx, c.get(), who, voice.paragraph(lang, "expiry.ended", c.get().name()),
              "notice", null, lang))
          .compose(v -> members.event(tx, m.communityId(), m.actorId(), "expired", null, null)));
    }));
  }

  private <T> Future<T> inTx(Function<Tx, Future<T>> work) {
    return out.send(work);
  }
}
