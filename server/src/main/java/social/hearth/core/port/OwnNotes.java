package social.hearth.core.port;

import java.time.OffsetDateTime;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Community;

/**
 * How the posts a community's staff write look to other servers: their IRIs and their Note, written by the
 * ActivityPub adapter (the Note's JSON is opaque to the core, like {@link social.hearth.core.domain.Verbatim}).
 */
public interface OwnNotes {

  /** The stable IRI of the post with this key. */
  String postIri(String key);

  /** Who authors it: the community's Group, or the staff member's Person ({@code staffUsername} not null). */
  String authorIri(Community community, String staffUsername);

  /** The community's page of a hashtag. */
  String tagPage(Community community, String tag);

  /** The Note as published ({@code updated} null until it is edited), with its images, as JSON text. */
  String note(Community community, AuthoredPost post, OffsetDateTime published, OffsetDateTime updated);
}
