package social.hearth.core.port;

import java.util.List;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;

/** How the board's status replies look to other servers: written by the ActivityPub adapter. */
public interface BoardWire {

  /** A new IRI for a status reply to the idea with this key. */
  String replyIri(Community community, String key);

  /** The community's own actor (the Group), the author of its status replies. */
  String author(Community community);

  /** The board's page. */
  String boardPage(Community community);

  /**
   * The community's public reply {@code iri} to {@code inReplyTo}: a Note with {@code html}, mentioning and addressed
   * to {@code author} and to {@code voters}.
   */
  String reply(Community community, String iri, String inReplyTo, String html, RemoteActor author, List<String> voters);
}
