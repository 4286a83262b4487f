package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.membership.Membership;
import social.hearth.core.moderation.Reports;
import social.hearth.core.port.Actors;

/**
 * A direct message to a community (a post that names it but is neither public nor unlisted): an invite code, an
 * applicant's answer to the join question, a request to leave the public leaderboard ("hide me"), or a report. Nothing else is taken from it.
 */
public final class DirectMessages {

  private static final Logger LOG = LoggerFactory.getLogger(DirectMessages.class);

  private final Actors actors;
  private final Membership membership;
  private final Reports reports;
  /** The other readers, in the order they were added (issue 18: "hide me", a newcomer choosing a sponsor). */
  private final List<Reader> readers = new ArrayList<>();

  public DirectMessages(Actors actors, Membership membership, Reports reports) {
    this.actors = actors;
    this.membership = membership;
    this.reports = reports;
  }

  /** Another reader of direct messages, tried after membership and the readers added before it, before reports. */
  public interface Reader {
    Future<Optional<String>> onDirectMessage(Community community, social.hearth.core.domain.RemoteActor who,
                                             String html, String messageId);
  }

  /** Adds a reader after those already added. */
  public DirectMessages also(Reader reader) {
    readers.add(reader);
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
    return actors.get(author).compose(who -> {
      Future<Optional<String>> taken = membership.onDirectMessage(community, who, message.content());
      for (Reader reader : readers) {
        taken = taken.compose(t -> t.isPresent() ? Future.succeededFuture(t)
            : reader.onDirectMessage(community, who, message.content(), message.id()));
      }
      return taken.compose(t -> t.isPresent() ? Future.succeededFuture(t)
          : reports.fromMessage(community, who, message.content(), message.id()));
    });
  }
}
