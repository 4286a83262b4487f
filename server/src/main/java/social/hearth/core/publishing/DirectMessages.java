package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.Reports;
import social.hearth.core.port.Actors;
import social.hearth.core.recognition.Recognition;

/**
 * A direct message to a community (a post that names it but is neither public nor unlisted): an invite code, an
 * applicant's answer to the join question, a request to leave the public leaderboard ("hide me"), or a report. Nothing else is taken from it.
 */
public final class DirectMessages {

  private static final Logger LOG = LoggerFactory.getLogger(DirectMessages.class);

  private final Actors actors;
  private final Membership membership;
  private final Reports reports;
  private final Recognition recognition;

  public DirectMessages(Actors actors, Membership membership, Reports reports) {
    this(actors, membership, reports, null);
  }

  /** With recognition: "hide me" leaves the public leaderboard (issue 18). */
  public DirectMessages(Actors actors, Membership membership, Reports reports, Recognition recognition) {
    this.actors = actors;
    this.membership = membership;
    this.reports = reports;
    this.recognition = recognition;
  }

  /** Another reader of direct messages, tried before reports (a newcomer choosing a sponsor, issue 18). */
  public interface Reader {
    Future<Optional<String>> onDirectMessage(Community community, social.hearth.core.domain.RemoteActor who,
                                             String html, String messageId);
  }

  private Reader more;

  public DirectMessages also(Reader reader) {
    this.more = reader;
    return this;
  }

  /** Reads the message for an invite code or a join answer, else for a report. */
  public Future<Void> receive(Community community, ReceivedPost message) {
    String author = message.authorId();
    return take(community, message)
        .map((Optional<String> taken) -> {
          LOG.info("direct message from {} to {}: {}", author, community.slug(), taken.orElse("not an invite, answer or report"));
          return null;
        });
  }

  /**
   * As {@link #receive}, saying what the message was taken as ("invite", "answer", "report"...), or empty when it is
   * none of these: in a private community such a message is a post for the members (issue 17, {@link PostIntake}).
   */
  public Future<Optional<String>> take(Community community, ReceivedPost message) {
    String author = message.authorId();
    return actors.get(author).compose(who -> membership.onDirectMessage(community, who, message.content())
            .compose(taken -> taken.isPresent() || recognition == null ? Future.succeededFuture(taken)
                : recognition.onDirectMessage(community, who, message.content(), message.id()))
            .compose(taken -> taken.isPresent() || more == null ? Future.succeededFuture(taken)
                : more.onDirectMessage(community, who, message.content(), message.id()))
            .compose(taken -> taken.isPresent() ? Future.succeededFuture(taken)
                : reports.fromMessage(community, who, message.content(), message.id())));
  }
}
