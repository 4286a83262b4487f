package social.hearth.core.port;

import java.time.OffsetDateTime;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Poll;

/**
 * How the polls a community's staff write look to other servers: their IRIs and their Question, written by the
 * ActivityPub adapter (opaque JSON to the core, like {@link OwnNotes}).
 */
public interface OwnQuestions {

  /** The stable IRI of the poll with this key. */
  String pollIri(String key);

  /** Who asks: the community's Group, or the staff member's Person ({@code staffUsername} not null). */
  String authorIri(Community community, String staffUsername);

  /** The Question as it stands at {@code now} (its counts, closed once over), as JSON text. */
  String question(Community community, Poll poll, OffsetDateTime now);
}
